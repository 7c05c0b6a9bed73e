package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.id.BlobId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("blob cache")
class BlobCacheTest {
    private static BlobId id(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        return BlobId.of(b);
    }

    /** A cache that has seen blobs {@code shared} twice each and blob 6 once. */
    private static BlobCache sharing(long capacity, int... shared) {
        BlobCache cache = new BlobCache(capacity);
        for (int n : shared) {
            cache.sighted(id(n));
            cache.sighted(id(n));
        }
        cache.sighted(id(6));
        return cache;
    }

    @Test
    @DisplayName("admits only shared blobs and evicts the least recently used beyond its capacity")
    void boundedLru() {
        BlobCache cache = sharing(400, 1, 2, 3, 4, 5);
        for (int i = 1; i <= 4; i++) {
            cache.offer(id(i), new byte[100], 100);
        }
        cache.offer(id(6), new byte[10], 10);
        assertThat(cache.get(id(1))).isNotNull();
        cache.offer(id(5), new byte[100], 100);

        assertThat(cache.contains(id(6))).isFalse();
        assertThat(cache.contains(id(2))).isFalse();
        assertThat(cache.contains(id(1))).isTrue();
        assertThat(cache.contains(id(3))).isTrue();
        assertThat(cache.contains(id(5))).isTrue();
    }

    @Test
    @DisplayName("blobs over a quarter of the capacity are not kept; eviction keeps the total within capacity")
    void capacity() {
        BlobCache cache = sharing(400, 1, 2, 3, 4, 5);
        cache.offer(id(1), new byte[101], 101);
        for (int i = 2; i <= 5; i++) {
            cache.offer(id(i), new byte[100], 100);
        }
        assertThat(cache.contains(id(1))).isFalse();
        assertThat(cache.contains(id(2))).isTrue();
        cache.offer(id(1), new byte[50], 50);
        assertThat(cache.contains(id(3))).isFalse();
        assertThat(cache.contains(id(1))).isTrue();
    }
}
