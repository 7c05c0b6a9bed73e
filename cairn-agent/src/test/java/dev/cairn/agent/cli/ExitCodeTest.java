package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStores;
import dev.cairn.engine.repo.Environment;
import dev.cairn.engine.repo.Repositories;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("failures end with the documented exit code and a message that says what to do")
class ExitCodeTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("wrong passphrase: exit 11, and nothing is written to the store")
    void wrongPassphrase() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());
        TreeMap<String, Long> before = TestTrees.listing(cli.repo);

        cli.env.put("CAIRN_PASSWORD", "not the passphrase");
        CliHarness.Result backup = cli.run("backup", src.toString());
        CliHarness.Result snapshots = cli.run("snapshots");

        assertThat(backup.code()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        assertThat(snapshots.code()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        assertThat(backup.err()).startsWith("error: wrong passphrase").contains("CAIRN_PASSWORD").doesNotContain("\tat ");
        assertThat(backup.out()).isEmpty();
        assertThat(TestTrees.listing(cli.repo)).isEqualTo(before);

        java.nio.file.Path file = tmp.resolve("pass");
        java.nio.file.Files.writeString(file, "also wrong\n");
        cli.env.remove("CAIRN_PASSWORD");
        CliHarness.Result fromFile = cli.run("--password-file", file.toString(), "snapshots");
        assertThat(fromFile.code()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
        assertThat(fromFile.err()).as("the hint names only the source used").contains(file.toString())
                .doesNotContain("CAIRN_PASSWORD");
    }

    @Test
    @DisplayName("no repository at the location: exit 10")
    void missingRepository() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("nothing-here"));
        CliHarness.Result r = cli.run("snapshots");
        assertThat(r.code()).isEqualTo(ExitCodes.NO_REPOSITORY);
        assertThat(r.err()).contains("nothing-here").contains("cairn init");

        Files.createDirectories(tmp.resolve("empty"));
        CliHarness.Result empty = cli.run("snapshots", "-r", tmp.resolve("empty").toString());
        assertThat(empty.code()).isEqualTo(ExitCodes.NO_REPOSITORY);
    }

    @Test
    @DisplayName("no repository given: usage error, exit 2")
    void noRepositoryGiven() {
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        cli.env.remove("CAIRN_REPOSITORY");
        CliHarness.Result r = cli.run("snapshots");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("no repository given", "-r/--repo", "CAIRN_REPOSITORY");
    }

    @Test
    @DisplayName("bad options and missing arguments: exit 2 with a pointer to --help")
    void usageErrors() {
        CliHarness cli = new CliHarness(tmp.resolve("repo"));
        assertThat(cli.run("backup").code()).isEqualTo(ExitCodes.USAGE);
        CliHarness.Result unknown = cli.run("snapshots", "--frobnicate");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("--frobnicate", "cairn snapshots --help");
        assertThat(cli.run("nosuchcommand").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run().code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("key").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    @DisplayName("repository locked by another process: exit 12; unlock --remove-all clears it")
    void locked() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        try (BlobStore store = BlobStores.open(cli.repo.toString());
                Repository repo = Repositories.open(store, CliHarness.PASSPHRASE.toCharArray(), Environment.system())) {
            RepositoryLock lock = RepositoryLock.acquire(repo, true);
            CliHarness.Result r = cli.run("backup", src.toString());
            assertThat(r.code()).isEqualTo(ExitCodes.LOCKED);
            assertThat(r.err()).contains("locked", "cairn unlock");
            assertThat(cli.ok("unlock").out()).contains("removed 0 locks");
            assertThat(cli.ok("unlock", "--remove-all").out()).contains("removed 1 lock");
            cli.ok("backup", src.toString());
            lock.close(); // its lock object is already gone; this stops the refresher
        }
    }

    @Test
    @DisplayName("unknown snapshot: exit 1 with the hint; --debug adds the stack trace")
    void unknownSnapshotAndDebug() {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        CliHarness.Result r = cli.run("ls", "deadbeef");
        assertThat(r.code()).isEqualTo(ExitCodes.FATAL);
        assertThat(r.err()).contains("no snapshot matches 'deadbeef'", "cairn snapshots").doesNotContain("\tat ");
        assertThat(cli.run("ls", "deadbeef", "--debug").err()).contains("SnapshotNotFoundException", "\tat ");
    }

    @Test
    @DisplayName("no passphrase source and no terminal: exit 1 naming the options")
    void noPassphrase() throws Exception {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.env.remove("CAIRN_PASSWORD");
        CliHarness.Result r = cli.run("snapshots");
        assertThat(r.code()).isEqualTo(ExitCodes.FATAL);
        assertThat(r.err()).contains("--password-file", "CAIRN_PASSWORD");

        Path file = tmp.resolve("pass");
        Files.writeString(file, CliHarness.PASSPHRASE + "\n");
        assertThat(cli.run("snapshots", "--password-file", file.toString()).code()).isZero();
    }

    @Test
    @DisplayName("init refuses a location that already holds a repository")
    void initTwice() {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        CliHarness.Result r = cli.run("init");
        assertThat(r.code()).isEqualTo(ExitCodes.FATAL);
        assertThat(r.err()).contains("already exists");
    }
}
