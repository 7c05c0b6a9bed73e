package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobOp;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.LocalBlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code faulty:} test scheme (issue 21): each rule of the location does what it says, and nothing else. */
class FaultyStoreProviderTest {
    @TempDir
    Path tmp;

    private static BlobName pack(int i) {
        return BlobName.of(BlobKind.PACK, String.format("%064x", i));
    }

    private BlobStore open(String query) throws IOException {
        return new FaultyStoreProvider().create(java.net.URI.create("faulty:" + tmp.resolve("store").toUri().getRawPath() + "?" + query));
    }

    @Test
    void theNthPutFailsTransientlyAndStoresNothing() throws IOException {
        BlobStore store = open("seed=3&fail=put:@2");
        store.put(pack(1), new byte[] {1});
        assertThatThrownBy(() -> store.put(pack(2), new byte[] {2})).isInstanceOf(TransientBlobStoreException.class)
                .hasMessageContaining("injected fault");
        store.put(pack(3), new byte[] {3});
        assertThat(names(store)).containsExactlyInAnyOrder(pack(1), pack(3));
    }

    @Test
    void aLostAnswerStoresTheObjectAndABrokenPutIsNotRetryable() throws IOException {
        BlobStore lost = open("lost=put:@1");
        assertThatThrownBy(() -> lost.put(pack(1), new byte[] {1, 2})).isInstanceOf(TransientBlobStoreException.class);
        assertThat(lost.getAll(pack(1))).containsExactly(1, 2);
        BlobStore broken = open("broken=put:1");
        assertThatThrownBy(() -> broken.put(pack(2), new byte[] {2})).isInstanceOf(IOException.class)
                .isNotInstanceOf(TransientBlobStoreException.class);
    }

    @Test
    void aPartialPutLeavesNeitherObjectNorTempFile() throws IOException {
        BlobStore store = open("partial=@1");
        assertThatThrownBy(() -> store.put(pack(1), new byte[10_000])).isInstanceOf(TransientBlobStoreException.class)
                .hasMessageContaining("halfway");
        assertThat(names(store)).isEmpty();
        try (var files = Files.walk(tmp.resolve("store"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("tmp") || n.startsWith("."));
        }
    }

    @Test
    void aSharedRateHitsAboutThatShareAndTheSameCallsForTheSameSeed() {
        LongPredicate a = FaultyStoreProvider.calls(42, 1, "0.2");
        LongPredicate b = FaultyStoreProvider.calls(42, 1, "0.2");
        List<Long> hitsA = new ArrayList<>();
        List<Long> hitsB = new ArrayList<>();
        for (long n = 1; n <= 2000; n++) {
            if (a.test(n)) {
                hitsA.add(n);
            }
            if (b.test(n)) {
                hitsB.add(n);
            }
        }
        assertThat(hitsA).isEqualTo(hitsB).hasSizeBetween(320, 480);
        assertThat(FaultyStoreProvider.calls(43, 1, "0.2").test(hitsA.get(0))
                && FaultyStoreProvider.calls(43, 1, "0.2").test(hitsA.get(1))
                && FaultyStoreProvider.calls(43, 1, "0.2").test(hitsA.get(2))).isFalse();
    }

    @Test
    void listingsLagBehindPutsAndDeletes() throws IOException {
        MutableClock clock = MutableClock.at(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        LocalBlobStore local = LocalBlobStore.create(tmp.resolve("lagging"));
        local.put(pack(1), new byte[] {1});
        local.put(pack(2), new byte[] {2});
        BlobInfo stored = local.stat(pack(2));
        clock.set(stored.storedAt().plusSeconds(1));
        LaggingBlobStore store = LaggingBlobStore.wrap(local, clock, d -> { }).listLag(Duration.ofSeconds(5));

        assertThat(store.list(BlobKind.PACK)).isEmpty(); // both arrived 1 s ago: not listed yet
        clock.set(stored.storedAt().plusSeconds(6));
        store.delete(pack(1));
        assertThat(store.list(BlobKind.PACK)).extracting(BlobInfo::name).containsExactlyInAnyOrder(pack(1), pack(2));
        clock.set(stored.storedAt().plusSeconds(12));
        assertThat(store.list(BlobKind.PACK)).extracting(BlobInfo::name).containsExactly(pack(2));
    }

    @Test
    void slowCallsWaitAndUnknownRulesAreRefused() throws IOException {
        List<Duration> slept = new ArrayList<>();
        LaggingBlobStore store = LaggingBlobStore.wrap(LocalBlobStore.create(tmp.resolve("slow")),
                java.time.Clock.systemUTC(), slept::add).delay(BlobOp.PUT, Duration.ofMillis(30));
        store.put(pack(1), new byte[] {1});
        store.stat(pack(1));
        assertThat(slept).containsExactly(Duration.ofMillis(30));
        assertThatThrownBy(() -> open("explode=put:1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown rule 'explode'");
    }

    private static List<BlobName> names(BlobStore store) throws IOException {
        return store.list(BlobKind.PACK).stream().map(BlobInfo::name).toList();
    }
}
