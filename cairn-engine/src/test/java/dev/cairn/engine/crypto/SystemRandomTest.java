package dev.cairn.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The system generator hands out every byte once, across batch edges and threads, and falls back without the device. */
class SystemRandomTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void readsTheDeviceAndNeverRepeatsANonceAcrossBatchesAndThreads() throws Exception {
        SystemRandom random = SystemRandom.create();
        assertThat(random.readsDevice()).isTrue();
        Set<String> nonces = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                await(start);
                for (int i = 0; i < 5_000; i++) { // 60,000 bytes per thread: about 15 batches, nonces straddle their edges
                    byte[] nonce = new byte[12];
                    random.nextBytes(nonce);
                    nonces.add(java.util.HexFormat.of().formatHex(nonce));
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(nonces).hasSize(20_000);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void longRequestsSpanBatchesAndLookUniform() {
        SystemRandom random = SystemRandom.create();
        byte[] big = new byte[3 * SystemRandom.BATCH + 5];
        random.nextBytes(big);
        int[] counts = new int[256];
        for (byte b : big) {
            counts[b & 0xff]++;
        }
        long distinct = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        assertThat(distinct).as("byte values seen in 12 KiB").isGreaterThan(240);
        assertThat(java.util.Arrays.copyOfRange(big, SystemRandom.BATCH - 8, SystemRandom.BATCH + 8))
                .as("no zeroed stretch at a batch edge").isNotEqualTo(new byte[16]);
        Set<Long> longs = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            longs.add(random.nextLong());
        }
        assertThat(longs).hasSize(1000);
    }

    @Test
    void withoutTheDeviceTheJdkGeneratorAnswers() {
        SystemRandom random = SystemRandom.create(Path.of("/nonexistent/urandom"));
        assertThat(random.readsDevice()).isFalse();
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        random.nextBytes(a);
        random.nextBytes(b);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(new byte[32]);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
