package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.RandomTreeOptions;
import dev.cairn.testkit.TestTree;
import dev.cairn.testkit.TreeAssert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real {@code cairn backup} processes (SIGKILL) at random points; afterwards {@code check --read-data} passes and a
 * new backup succeeds and restores exactly (spec §Write ordering).
 */
class CrashTest {
    @TempDir
    Path tmp;

    @Test
    void killedBackupsLeaveARepositoryThatChecksAndBacksUpAgain() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        TestTree.random(77, RandomTreeOptions.defaults().withMediumFiles(40, 4 << 20).withLargeFiles(2, 48L << 20)).materialize(source);
        assertThat(cairn("init").waitFor()).isZero();
        Random random = new Random(2026);
        for (int round = 0; round < 4; round++) {
            Process backup = cairn("backup", source.toString());
            Thread.sleep(300 + random.nextInt(2500));
            backup.destroyForcibly();
            backup.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(run("check", "--read-data")).as("check after killed backups").isZero();
        assertThat(run("backup", source.toString())).isZero();
        assertThat(run("check", "--read-data")).isZero();
        assertThat(run("restore", "latest", "--target", tmp.resolve("target").toString())).isZero();
        Path abs = source.toAbsolutePath();
        TreeAssert.assertSameTree(source, tmp.resolve("target").resolve(abs.getRoot().relativize(abs).toString()));
    }

    private int run(String... args) throws IOException, InterruptedException {
        Process p = cairn(args);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("cairn %s finished", String.join(" ", args)).isTrue();
        return p.exitValue();
    }

    private Process cairn(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("cairn.log").toFile()));
        pb.environment().put("CAIRN_REPOSITORY", tmp.resolve("repo").toString());
        pb.environment().put("CAIRN_PASSWORD", "crash-test");
        pb.environment().put("CAIRN_TEST_KDF", "1");
        pb.environment().put("LC_ALL", "C.UTF-8");
        return pb.start();
    }
}
