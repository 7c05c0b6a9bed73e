package dev.cairn.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link InstantSource} that stands still until the test moves it. Thread-safe.
 */
public final class MutableClock implements InstantSource {
    /** The default start: a fixed, unremarkable instant, so results never depend on when a test runs. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-02T03:04:05.678Z");

    private final AtomicReference<Instant> now;

    private MutableClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A clock at {@link #DEFAULT_START}. */
    public static MutableClock create() {
        return new MutableClock(DEFAULT_START);
    }

    /** A clock at {@code start}. */
    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves the clock forward (or back, for a negative duration) and returns the new time. */
    public Instant advance(Duration by) {
        Objects.requireNonNull(by, "by");
        return now.updateAndGet(t -> t.plus(by));
    }

    /** Sets the clock. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public String toString() {
        return "MutableClock(" + now.get() + ")";
    }
}
