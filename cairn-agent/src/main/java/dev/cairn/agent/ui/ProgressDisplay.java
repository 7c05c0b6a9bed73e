package dev.cairn.agent.ui;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress line ({@link ProgressLine}) on stderr when {@link Output#showProgress()}, otherwise nothing: every method is
 * then a no-op.
 * The only class that touches the progress bar library. Thread-safe (the library's counters are atomic).
 */
final class ProgressDisplay implements AutoCloseable {
    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for {@code task}; {@code maxBytes < 0} draws an open-ended bar (total unknown). */
    static ProgressDisplay create(Output output, String task, long maxBytes) {
        if (!output.showProgress()) {
            return new ProgressDisplay(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(maxBytes).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).continuousUpdate().setRenderer(new ProgressLine(true))
                .setConsumer(new ConsoleProgressBarConsumer(output.err())).build();
        return new ProgressDisplay(bar);
    }

    /** A bar counting items (index files, snapshots, packs) of one phase. */
    static ProgressDisplay counting(Output output, String task, long total) {
        if (!output.showProgress()) {
            return new ProgressDisplay(null);
        }
        return new ProgressDisplay(new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250).continuousUpdate().setRenderer(new ProgressLine(false))
                .setConsumer(new ConsoleProgressBarConsumer(output.err())).build());
    }

    void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    void step(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    void max(long n) {
        if (bar != null) {
            bar.maxHint(n);
        }
    }

    /** Sets the text after the bar; {@code text} is only evaluated when a bar is drawn (it runs once per file). */
    void message(java.util.function.Supplier<String> text) {
        if (bar != null) {
            bar.setExtraMessage(text.get());
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
