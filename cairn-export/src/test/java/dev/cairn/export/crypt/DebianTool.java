package dev.cairn.export.crypt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Debian command the tests run for real ({@code age}, {@code age-keygen}), installed with apt-get when missing (the
 * project's machines run as root), as the testkit does for restic, so the tests never skip.
 */
final class DebianTool {
    private DebianTool() {
    }

    static void ensure(String command, String pkg) throws IOException, InterruptedException {
        dev.cairn.testkit.DebianPackages.ensure(command, pkg);
    }

    /** Runs {@code cmd} (stdin from {@code input} if given) and returns its output; fails on a non-zero exit. */
    static String run(List<String> cmd, Path input) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (input != null) {
            pb.redirectInput(input.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }
}
