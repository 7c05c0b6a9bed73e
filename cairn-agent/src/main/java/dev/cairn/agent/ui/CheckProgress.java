package dev.cairn.agent.ui;

import dev.cairn.engine.check.CheckListener;
import dev.cairn.engine.check.Finding;
import java.util.Locale;

/**
 * Renders a running check: each finding as soon as it is found ({@code error: OBJECT: message (affects …)} on stdout, since
 * findings are the result), and on a terminal a progress bar per phase. In JSON mode findings go into the final document only.
 */
public final class CheckProgress implements CheckListener, AutoCloseable {
    private final Output output;
    private ProgressDisplay display;
    private String phase;

    public CheckProgress(Output output) {
        this.output = output;
    }

    @Override
    public synchronized void finding(Finding finding) {
        output.result(line(finding));
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        if (!output.showProgress()) {
            return;
        }
        if (!phase.equals(this.phase)) {
            close();
            this.phase = phase;
            display = ProgressDisplay.counting(output, phase, total);
        }
        display.stepTo(done);
    }

    /** {@code error: data/1a2b…: message (affects snapshots 1a2b3c4d, …)}. */
    public static String line(Finding f) {
        String affected = f.affectedSnapshots().isEmpty() ? "" : " (affects snapshots " + String.join(", ", f.affectedSnapshots()) + ")";
        return f.severity().name().toLowerCase(Locale.ROOT) + ": " + f.object() + ": " + f.message() + affected;
    }

    @Override
    public synchronized void close() {
        if (display != null) {
            display.close();
            display = null;
        }
    }
}
