package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.DebianPackages;
import dev.cairn.testkit.DeterministicRandom;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn mount --webdav} of a repository on a real cairn server (a separate agent process with the device's
 * append-only token), read by the real Debian {@code rclone}: a multi-blob file copied out byte-exact, and a snapshot
 * backed up while the mount runs listed and served without a restart.
 */
class RemoteMountTest {
    private static final Pattern URL = Pattern.compile("read-only at (http://127\\.0\\.0\\.1:\\d+/)");
    @TempDir
    Path tmp;

    @Test
    void rcloneCopiesAFileOutOfAServerRepositoryAndSeesANewSnapshot() throws Exception {
        DebianPackages.ensure("rclone", "rclone");
        try (RemoteFixture f = new RemoteFixture(tmp)) {
            String repo = f.repo("laptop");
            f.ok("init", "-r", repo);
            Path src = Files.createDirectories(tmp.resolve("src"));
            Path big = src.resolve("big.bin");
            try (InputStream in = DeterministicRandom.stream(5, 6 << 20); OutputStream out = Files.newOutputStream(big)) {
                in.transferTo(out);
            }
            f.ok("backup", "-r", repo, src.toString());
            Process mount = f.agentProcess("mount", "--webdav", "-r", repo, "--listen", "127.0.0.1:0", "--refresh", "1");
            try {
                String url = awaitUrl(f, mount);
                Path out = tmp.resolve("out");
                rclone(url, "copy", ":webdav:/latest" + src, out.toString());
                assertThat(Files.mismatch(big, out.resolve("big.bin"))).as("byte-exact").isEqualTo(-1L);
                assertThat(rclone(url, "lsf", ":webdav:/snapshots/").lines()).hasSize(1);

                Files.writeString(src.resolve("later.txt"), "backed up while the mount ran");
                f.ok("backup", "-r", repo, src.toString());
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (rclone(url, "lsf", ":webdav:/snapshots/").lines().count() < 2 && System.nanoTime() < end) {
                    Thread.sleep(200);
                }
                assertThat(rclone(url, "lsf", ":webdav:/snapshots/").lines()).hasSize(2);
                assertThat(rclone(url, "cat", ":webdav:/latest" + src + "/later.txt")).isEqualTo("backed up while the mount ran");
            } finally {
                mount.destroy();
                assertThat(mount.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Files.readString(tmp.resolve("agent.log"))).doesNotContain("could not refresh");
        }
    }

    private static String awaitUrl(RemoteFixture f, Process mount) throws Exception {
        Path log = f.tmp.resolve("agent.log");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && mount.isAlive()) {
            Matcher m = URL.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the mount did not start: " + (Files.exists(log) ? Files.readString(log) : "no output"));
    }

    /** The real rclone with a {@code :webdav:} remote at {@code url}; its standard output, failing unless it exits 0. */
    private String rclone(String url, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("rclone", "--config", Files.writeString(tmp.resolve("rclone.conf"), "").toString(),
                "--webdav-url", url, "--webdav-vendor", "other", "--retries", "1", "--low-level-retries", "1"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("rclone %s: %s", String.join(" ", args), err).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
