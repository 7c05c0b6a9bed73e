package dev.cairn.testkit;

import dev.cairn.blob.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Sleeper} that returns at once, records each requested sleep and, if given a {@link MutableClock}, advances it
 * by the sleep, so code that paces itself by the clock sees time pass. Thread-safe.
 */
public final class FakeSleeper implements Sleeper {
    private final MutableClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    private FakeSleeper(MutableClock clock) {
        this.clock = clock;
    }

    /** A sleeper that only records. */
    public static FakeSleeper recording() {
        return new FakeSleeper(null);
    }

    /** A sleeper that records and advances {@code clock}. */
    public static FakeSleeper advancing(MutableClock clock) {
        return new FakeSleeper(Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public void sleep(Duration duration) {
        synchronized (sleeps) {
            sleeps.add(duration);
            if (clock != null && duration.isPositive()) {
                clock.advance(duration);
            }
        }
    }

    /** Every sleep requested so far, in order. */
    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    /** The sum of all positive sleeps. */
    public Duration total() {
        return sleeps().stream().filter(Duration::isPositive).reduce(Duration.ZERO, Duration::plus);
    }
}
