package dev.cairn.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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

    public static void ensureInstalled() throws IOException, InterruptedException {
        DebianPackages.ensure("restic", "restic");
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

    /**
     * Reads a started run's output until a line contains {@code text}, then interrupts it (SIGINT, so restic removes its
     * lock) and returns all it printed and its exit code. For refusals that restic 0.14 retries for about a minute before
     * giving up: its first retry message already names them. If the run ends or {@code timeoutSeconds} pass first, the
     * result is whatever it printed (the caller's assertion on the text fails with it).
     */
    public static Result interruptOnceSeen(Process p, String text, int timeoutSeconds)
            throws IOException, InterruptedException {
        StringBuilder out = new StringBuilder();
        CountDownLatch seen = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                    if (line.contains(text)) {
                        seen.countDown();
                    }
                }
            } catch (IOException e) {
                // the process is gone; what it printed is in out
            } finally {
                seen.countDown();
            }
        });
        seen.await(timeoutSeconds, TimeUnit.SECONDS);
        if (p.isAlive()) {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        reader.join(Duration.ofSeconds(10));
        synchronized (out) {
            return new Result(p.exitValue(), out.toString());
        }
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
