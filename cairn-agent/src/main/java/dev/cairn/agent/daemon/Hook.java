package dev.cairn.agent.daemon;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a pre or post hook: the command line through {@code sh -c} ({@code cmd /c} on Windows), its output into the
 * daemon's own, nothing on its standard input. One still running after its timeout is killed with everything it started.
 */
public final class Hook {
    private Hook() {
    }

    /** How a hook ended: its exit code, or timed out (killed). */
    record Outcome(int exitCode, boolean timedOut) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }

        String describe(String which, String command, Duration timeout) {
            return timedOut ? which + "-hook '" + command + "' ran longer than " + timeout.toSeconds() + " s and was killed"
                    : which + "-hook '" + command + "' failed with exit code " + exitCode;
        }
    }

    /** {@code sh -c COMMAND}, or {@code cmd /c COMMAND} on Windows. */
    public static List<String> shell(String command) {
        boolean windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return windows ? List.of("cmd", "/c", command) : List.of("sh", "-c", command);
    }

    /** Runs {@code command} with {@code env} added to the daemon's environment; waits at most {@code timeout}. */
    static Outcome run(String command, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(shell(command))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return new Outcome(p.exitValue(), false);
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return new Outcome(-1, true);
    }
}
