package dev.cairn.agent.cli;

import dev.cairn.agent.daemon.Daemon;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A daemon made of the CLI's own parts (repositories opened as {@code cairn backup} opens them, tokens found as the CLI
 * finds them, reports posted over HTTP) on a clock the caller gives: what {@code cairn daemon} runs, for tests that drive
 * it on a mutable clock with {@link Daemon#step()}. No SIGHUP handler is installed.
 */
public final class EmbeddedDaemon {
    private EmbeddedDaemon() {
    }

    /** The options of {@code cairn daemon --config CONFIG --state-dir STATE_DIR} run with {@code env}, logging to {@code err}. */
    public static Daemon.Options options(Map<String, String> env, PrintStream err, Path config, Path stateDir, Clock clock) {
        CliContext context = new CliContext(env, java.io.InputStream.nullInputStream(), err, err, null);
        return DaemonPorts.options(context, config, stateDir, false, clock);
    }
}
