package dev.cairn.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real Debian {@code restic} binary against a repository URL. {@link #ensureInstalled()} installs it with
 * apt-get when it is missing (the project's machines run as root), so the tests never skip.
 */
public final class Restic {
    private final String repository;
    private final Path cacheDir;

    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public Restic(String repository, Path cacheDir) {
        this.repository = repository;
        this.cacheDir = cacheDir;
    }

    public static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (onPath()) {
            return;
        }
        exec(List.of("apt-get", "update", "-q"), 600);
        Result install = exec(List.of("apt-get", "install", "-y", "-q", "restic"), 600);
        if (install.exitCode() != 0 || !onPath()) {
            throw new IllegalStateException("cannot install restic with apt-get:\n" + install.output());
        }
    }

    private static boolean onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "restic"))) {
                return true;
            }
        }
        return false;
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return run(300, args);
    }

    public Result run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        return exec(command(args), timeoutSeconds);
    }

    /** Starts restic without waiting (for a slow failing run that overlaps other work). */
    public Process start(String... args) throws IOException {
        return builder(command(args)).start();
    }

    public static Result finish(Process p, int timeoutSeconds) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n[timed out]");
        }
        return new Result(p.exitValue(), out);
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("restic", "-r", repository, "--cache-dir", cacheDir.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static ProcessBuilder builder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("RESTIC_PASSWORD", "test-repository-passphrase");
        pb.environment().put("RESTIC_PROGRESS_FPS", "0.1");
        return pb;
    }

    private static Result exec(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = builder(cmd).start();
        p.getOutputStream().close();
        return finish(p, timeoutSeconds);
    }
}
