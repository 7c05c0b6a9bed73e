package dev.cairn.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs a Debian package with apt-get when its command is missing (the project's machines run as root; the testkit
 * does the same for restic), so tests that run real Debian tools never skip.
 */
public final class DebianPackages {
    private DebianPackages() {
    }

    /** Installs {@code pkg} unless {@code command} is on the PATH; fails if it is still missing afterwards. */
    public static synchronized void ensure(String command, String pkg) throws IOException, InterruptedException {
        if (onPath(command)) {
            return;
        }
        run(List.of("apt-get", "update", "-q"));
        String out = run(List.of("apt-get", "install", "-y", "-q", pkg));
        if (!onPath(command)) {
            throw new IllegalStateException("cannot install " + pkg + " with apt-get:\n" + out);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
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
