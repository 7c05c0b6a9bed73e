package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.s3.S3ProxyFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("s3:// repositories: init → backup → restore → check against S3Proxy")
class S3RepositoryTest {
    private static S3ProxyFixture s3;
    private AutoCloseable credentials;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void useCredentials() {
        credentials = S3ProxyFixture.useCredentials();
    }

    @AfterEach
    void restoreCredentials() throws Exception {
        credentials.close();
    }

    @Test
    void roundTripThroughABucket() throws Exception {
        Path src = TestTrees.sample(tmp);
        String location = s3.location(s3.newBucketName(), "laptop");
        CliHarness cli = new CliHarness(tmp.resolve("unused"));

        assertThat(cli.ok("init", "-r", location).out()).contains("created cairn repository");
        assertThat(cli.ok("backup", "-r", location, src.toString()).out()).contains("6 new", " saved");
        assertThat(cli.ok("snapshots", "-r", location).out()).contains("1 snapshot");

        Path target = tmp.resolve("restore");
        CliHarness.Result restore = cli.ok("restore", "latest", "-r", location, "--target", target.toString(), "--verify");
        assertThat(restore.out()).contains("restored 6 files", "verified 6 files");
        TestTrees.assertSameTree(src, TestTrees.restored(target, src));

        CliHarness.Result check = cli.ok("check", "-r", location, "--read-data");
        assertThat(check.code()).isZero();
        assertThat(cli.ok("backup", "-r", location, src.toString()).out()).contains("6 unmodified");
    }

    @Test
    @DisplayName("forget and prune through a bucket: the old data pack is repacked, the old tree pack deleted, the rest restores")
    void forgetAndPruneThroughABucket() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < 3; i++) {
            Files.write(src.resolve("f" + i), TestTrees.random(2 << 20, i));
        }
        String location = s3.location(s3.newBucketName(), "pruned");
        CliHarness cli = new CliHarness(tmp.resolve("unused"));
        cli.ok("init", "-r", location);
        cli.ok("backup", "-r", location, src.toString());
        Files.write(src.resolve("f0"), TestTrees.random(2 << 20, 100));
        cli.ok("backup", "-r", location, src.toString());

        assertThat(cli.ok("forget", "-r", location, "--keep-last", "1").out()).contains("remove 1 snapshot:");
        var pruned = cli.ok("prune", "-r", location, "--max-unused", "0", "--json").lastJsonLine();
        assertThat(pruned.get("packs_deleted").asInt()).as("the repacked data pack and the old tree pack").isEqualTo(2);

        Path target = tmp.resolve("restore");
        assertThat(cli.ok("restore", "latest", "-r", location, "--target", target.toString(), "--verify").out())
                .contains("verified 3 files");
        TestTrees.assertSameTree(src, TestTrees.restored(target, src));
        assertThat(cli.ok("check", "-r", location, "--read-data").code()).isZero();
        var again = cli.ok("prune", "-r", location, "--max-unused", "0", "--json").lastJsonLine();
        assertThat(again.get("packs_to_delete").asInt() + again.get("packs_to_repack").asInt()).as("nothing left").isZero();
    }

    @Test
    @DisplayName("a bucket that does not exist: 'no repository' (exit 10), and opening does not create it")
    void missingBucketIsNoRepository() {
        String bucket = s3.newBucketName();
        CliHarness cli = new CliHarness(tmp.resolve("unused"));
        CliHarness.Result snapshots = cli.run("snapshots", "-r", s3.location(bucket, "repo"));
        assertThat(snapshots.code()).isEqualTo(ExitCodes.NO_REPOSITORY);
        assertThat(snapshots.err()).contains("there is no repository at s3://" + bucket + "/repo", "cairn init");
        assertThat(cli.run("snapshots", "-r", s3.location(bucket, "repo")).code()).isEqualTo(ExitCodes.NO_REPOSITORY);
    }

    @Test
    @DisplayName("a location with a typo: a usage error naming the parameter")
    void malformedLocationIsAUsageError() {
        CliHarness cli = new CliHarness(tmp.resolve("unused"));
        CliHarness.Result init = cli.run("init", "-r", "s3://bucket-x?endpiont=http://127.0.0.1:1");
        assertThat(init.code()).isNotZero();
        assertThat(init.err()).contains("unknown parameter 'endpiont'");
    }
}
