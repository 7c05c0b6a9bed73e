package dev.cairn.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.testkit.MutableClock;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL database run the alerts job at the same moment, again and again: the incident
 * is opened once, its message queued once and the webhook called once.
 */
class AlertsScaleOutTest {
    @TempDir
    Path dir;

    @Test
    void twoProcessesEvaluatingAndDeliveringAtOnceTellTheOwnerOnce() throws Exception {
        String db = TestDatabases.postgresUrl();
        String store = dir.resolve("store").toString();
        MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T08:00:00Z"));
        try (TestServer one = TestServer.start(dir.resolve("one"), c -> c.withStorage(db, store), clock);
                TestServer two = TestServer.start(dir.resolve("two"), c -> c.withStorage(db, store), clock);
                WebhookReceiver hook = new WebhookReceiver();
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            long ann = one.account("ann").id();
            one.core().accounts().setQuota("ann", 1000L);
            one.core().alertSettings().put(ann, false, hook.url(), "scale-out-secret-123", 24);
            String token = one.token("ann", TokenScope.FULL);
            var put = one.send(one.request("/api/v1/repos/r/objects/data/" + "0".repeat(64))
                    .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(
                            new byte[900])).build());
            assertThat(put.statusCode()).isEqualTo(201);

            for (int round = 0; round < 5; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Callable<Integer>> jobs = List.of(runAt(together, one.core().alertJob()),
                        runAt(together, two.core().alertJob()));
                List<Future<Integer>> done = new ArrayList<>();
                for (Callable<Integer> job : jobs) {
                    done.add(pool.submit(job));
                }
                for (Future<Integer> f : done) {
                    f.get();
                }
            }
            assertThat(one.core().alerts().recentIncidents(ann, 10)).extracting(Incident::kind)
                    .containsExactly("quota-80");
            assertThat(one.core().alerts().recentDeliveries(ann, 10)).hasSize(1)
                    .allSatisfy(d -> assertThat(d.state()).isEqualTo("delivered"));
            assertThat(hook.received()).hasSize(1);
            assertThat(WebhookReceiver.verified(hook.received().getFirst(), "scale-out-secret-123")).isTrue();
        }
    }

    private static Callable<Integer> runAt(CyclicBarrier together, AlertJob job) {
        return () -> {
            together.await();
            return job.run();
        };
    }
}
