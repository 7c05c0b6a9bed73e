package dev.cairn.agent.daemon;

import java.io.PrintStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** The daemon's log: one line per event, with the time, on the stream it was given (stderr: the journal under systemd). */
public final class Log {
    private final PrintStream out;
    private final Clock clock;

    public Log(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Logs {@code message}. Thread-safe. */
    public void info(String message) {
        synchronized (out) {
            out.println(clock.instant().truncatedTo(ChronoUnit.SECONDS) + " " + message);
            out.flush();
        }
    }
}
