package dev.cairn.agent.mount;

import dev.cairn.testkit.DebianPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Debian {@code rclone} as a WebDAV client ({@code :webdav:} remote, no config file), installed when missing.
 */
final class Rclone {
    record Result(int exitCode, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private final String url;
    private final Path config;
    private final List<String> auth = new ArrayList<>();

    Rclone(String url, Path tmp) throws IOException {
        this.url = url;
        this.config = Files.writeString(tmp.resolve("rclone.conf"), "");
    }

    /** Sends user cairn and {@code password} (obscured as rclone wants it). */
    Rclone withPassword(String password) throws IOException, InterruptedException {
        String obscured = exec(List.of("rclone", "obscure", password)).out().strip();
        auth.addAll(List.of("--webdav-user", "cairn", "--webdav-pass", obscured));
        return this;
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        DebianPackages.ensure("rclone", "rclone");
    }

    /** Runs {@code rclone ARGS…} with the remote {@code :webdav:} pointing at the server; "REMOTE:path" is written ":webdav:path". */
    Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("rclone", "--config", config.toString(), "--webdav-url", url,
                "--webdav-vendor", "other", "--retries", "1", "--low-level-retries", "1"));
        cmd.addAll(auth);
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    /** As {@link #run}, failing unless rclone exits 0. */
    String ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("rclone " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.err());
        }
        return r.out();
    }

    private static Result exec(List<String> cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile("rclone", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " timed out");
            }
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
