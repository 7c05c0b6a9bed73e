package dev.cairn.testkit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs a Debian package with apt-get when its command is missing (the project's machines run as root), so tests
 * that run real Debian tools (restic, age, chromium, tmux, rclone…) never skip.
 */
public final class DebianPackages {
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "cairn-tests-apt-get.lock");

    private DebianPackages() {
    }

    /**
     * Installs {@code pkg} unless {@code command} is on the PATH; returns the command's path. Test JVMs run side by side
     * (surefire's forks), so the check and the install hold a lock shared by every process of the machine: apt-get
     * refuses to run while another holds its lock, and the second JVM finds the command installed by the first.
     *
     * @throws IllegalStateException if the command is still missing afterwards (with apt-get's output)
     */
    public static synchronized Path ensure(String command, String pkg) throws IOException, InterruptedException {
        Path found = onPath(command);
        if (found != null) {
            return found;
        }
        try (FileChannel lock = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = lock.lock()) {
            found = onPath(command);
            if (found != null) {
                return found;
            }
            run(List.of("apt-get", "update", "-q"));
            String out = run(List.of("apt-get", "install", "-y", "-q", pkg));
            found = onPath(command);
            if (found == null) {
                throw new IllegalStateException("cannot install " + pkg + " with apt-get:\n" + out);
            }
            return found;
        }
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }
}
