package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.id.BlobId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("blob cache")
class BlobCacheTest {
    private static BlobId id(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        return BlobId.of(b);
    }

    @Test
    @DisplayName("admits only shared blobs and evicts the least recently used beyond its capacity")
    void boundedLru() {
        BlobCache cache = new BlobCache(Set.of(id(1), id(2), id(3), id(4), id(5)), 400);
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
        BlobCache cache = new BlobCache(Set.of(id(1), id(2), id(3), id(4), id(5)), 400);
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
