package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    @Test
    void standsStillUntilMoved() {
        MutableClock clock = MutableClock.create();
        assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START).isEqualTo(clock.instant());
        assertThat(clock.advance(Duration.ofSeconds(5))).isEqualTo(MutableClock.DEFAULT_START.plusSeconds(5));
        clock.set(Instant.EPOCH);
        assertThat(clock.millis()).isZero();
    }

    @Test
    void anAdvancingSleeperMovesTheClockAndRecords() {
        MutableClock clock = MutableClock.at(Instant.EPOCH);
        FakeSleeper sleeper = FakeSleeper.advancing(clock);
        sleeper.sleep(Duration.ofMillis(300));
        sleeper.sleep(Duration.ZERO);
        sleeper.sleep(Duration.ofMillis(200));
        assertThat(clock.instant()).isEqualTo(Instant.ofEpochMilli(500));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(300), Duration.ZERO, Duration.ofMillis(200));
        assertThat(sleeper.total()).isEqualTo(Duration.ofMillis(500));
    }
}
