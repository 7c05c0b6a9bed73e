package dev.cairn.agent.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("concurrent clients get the right bytes while the blob cache stays within its bound")
class ConcurrentReadsTest {
    private static final long CACHE = 2L << 20;
    @TempDir
    Path tmp;

    @Test
    void manyClientsRandomRangesSmallCache() throws Exception {
        try (MountFixture fx = MountFixture.create(tmp, 5 << 20)) {
            fx.serve(new MountOptions(new ListenAddress("127.0.0.1", 0), null, CACHE, 4));
            byte[] all = Files.readAllBytes(fx.big);
            String path = fx.firstSourcePath() + "/big.bin";
            ExecutorService clients = Executors.newFixedThreadPool(6);
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                long seed = c;
                results.add(clients.submit(() -> {
                    DavClient dav = new DavClient(fx.url());
                    Random r = new Random(seed);
                    int checked = 0;
                    for (int i = 0; i < 6; i++) {
                        int first = r.nextInt(all.length);
                        int last = Math.min(all.length - 1, first + r.nextInt(1 << 20));
                        HttpResponse<byte[]> got = dav.send("GET", path, null, "Range", "bytes=" + first + "-" + last);
                        assertThat(got.statusCode()).isEqualTo(206);
                        assertThat(Arrays.equals(got.body(), Arrays.copyOfRange(all, first, last + 1))).as("%d-%d", first, last).isTrue();
                        assertThat(fx.server.cachedBytes()).isLessThanOrEqualTo(CACHE);
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            clients.shutdown();
            assertThat(total).isEqualTo(36);
            assertThat(fx.server.cachedBytes()).isPositive().isLessThanOrEqualTo(CACHE);
            assertThat(fx.problems).isEmpty();
        }
    }
}
