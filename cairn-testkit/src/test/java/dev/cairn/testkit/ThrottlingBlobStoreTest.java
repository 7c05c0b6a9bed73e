package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.MemoryBlobStore;
import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.RetryingBlobStore;
import dev.cairn.blob.StreamThrottle;
import dev.cairn.blob.ThrottlingBlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottlingBlobStoreTest {
    private static final BlobName NAME = BlobName.of(BlobKind.PACK, "7e".repeat(32));
    private static final Duration ONE_MICRO = Duration.ofNanos(1000);

    private final MemoryBlobStore memory = MemoryBlobStore.create();
    private final MutableClock clock = MutableClock.create();
    private final FakeSleeper sleeper = FakeSleeper.advancing(clock);

    @Test
    void writesArePacedToTheWriteRate() throws IOException {
        BlobStore store = ThrottlingBlobStore.wrap(memory, ThrottlingBlobStore.UNLIMITED, 100_000, clock, sleeper);
        store.put(NAME, DeterministicRandom.stream(1, 1_000_000), 1_000_000);
        assertThat(sleeper.total()).isCloseTo(Duration.ofSeconds(10), ONE_MICRO);
        assertThat(memory.stat(NAME).size()).isEqualTo(1_000_000);
    }

    @Test
    void readsArePacedToTheReadRateAsTheCallerReads() throws IOException {
        memory.put(NAME, new byte[500_000]);
        BlobStore store = ThrottlingBlobStore.wrap(memory, 250_000, ThrottlingBlobStore.UNLIMITED, clock, sleeper);
        try (InputStream in = store.get(NAME)) {
            assertThat(sleeper.sleeps()).isEmpty();
            in.readNBytes(250_000);
            assertThat(sleeper.total()).isCloseTo(Duration.ofSeconds(1), ONE_MICRO);
            in.readAllBytes();
        }
        assertThat(sleeper.total()).isCloseTo(Duration.ofSeconds(2), ONE_MICRO);
        store.getRange(NAME, 0, 25_000);
        assertThat(sleeper.total()).isCloseTo(Duration.ofMillis(2100), ONE_MICRO);
    }

    @Test
    void anUnlimitedDirectionAndMetadataCallsNeverWait() throws IOException {
        BlobStore store = ThrottlingBlobStore.wrap(memory, 1, ThrottlingBlobStore.UNLIMITED, clock, sleeper);
        store.put(NAME, new byte[100_000]);
        store.stat(NAME);
        store.list(BlobKind.PACK);
        store.delete(NAME);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void idleTimeBuildsNoBurstCredit() throws IOException {
        BlobStore store = ThrottlingBlobStore.wrap(memory, ThrottlingBlobStore.UNLIMITED, 50_000, clock, sleeper);
        store.put(NAME, new byte[50_000]);
        clock.advance(Duration.ofHours(1));
        store.put(BlobName.of(BlobKind.PACK, "8e".repeat(32)), new byte[50_000]);
        assertThat(sleeper.total()).isCloseTo(Duration.ofSeconds(2), ONE_MICRO);
    }

    @Test
    void aRetryingStoreBelowReplaysAndThePacingCountsTheReplay() throws IOException {
        FaultyBlobStore faulty = FaultyBlobStore.wrap(memory)
                .failPutAfterBytes(1, 40_000, new TransientBlobStoreException("reset"));
        BlobStore retrying = RetryingBlobStore.wrap(faulty, new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 1), d -> { });
        BlobStore store = ThrottlingBlobStore.wrap(retrying, ThrottlingBlobStore.UNLIMITED, 100_000, clock, sleeper);
        store.put(NAME, DeterministicRandom.bytes(5, 100_000));
        assertThat(memory.getAll(NAME)).isEqualTo(DeterministicRandom.bytes(5, 100_000));
        assertThat(faulty.calls(BlobOp.PUT)).isEqualTo(2);
        assertThat(sleeper.total()).isBetween(Duration.ofMillis(1400), Duration.ofMillis(1700));
    }

    @Test
    void ratesMustBePositive() {
        assertThatThrownBy(() -> ThrottlingBlobStore.wrap(memory, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UNLIMITED");
        assertThatThrownBy(() -> ThrottlingBlobStore.wrap(memory, 1, -5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamThrottleSharesOneRateAcrossTheStreamsItWraps() throws IOException {
        StreamThrottle throttle = StreamThrottle.of(100_000, clock, sleeper);
        try (InputStream first = throttle.wrap(new java.io.ByteArrayInputStream(new byte[150_000]));
             InputStream second = throttle.wrap(new java.io.ByteArrayInputStream(new byte[50_000]))) {
            first.readAllBytes();
            assertThat(sleeper.total()).isCloseTo(Duration.ofMillis(1500), ONE_MICRO);
            second.readAllBytes();
        }
        assertThat(sleeper.total()).as("200 kB at 100 kB/s").isCloseTo(Duration.ofSeconds(2), ONE_MICRO);
        InputStream plain = new java.io.ByteArrayInputStream(new byte[1]);
        assertThat(StreamThrottle.of(ThrottlingBlobStore.UNLIMITED).wrap(plain)).isSameAs(plain);
        assertThatThrownBy(() -> StreamThrottle.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
