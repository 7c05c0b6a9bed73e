package dev.cairn.server.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.protocol.Lease;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.Services;
import dev.cairn.server.error.LeaseConflictException;
import dev.cairn.server.storage.RepoRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LeaseService} on SQLite and PostgreSQL: of many simultaneous exclusive acquisitions of one repository exactly
 * one succeeds (each from its own thread, released together by a latch), and expiry follows the clock.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class LeaseServiceTest {
    private static final int CONTENDERS = 8;
    private final Services s;
    private final LeaseService leases;
    private final long account;

    LeaseServiceTest(Dialect dialect) {
        this.s = new Services(dialect);
        this.leases = new LeaseService(s.db.jdbi(), s.clock, s.random);
        this.account = s.accounts.create("ann", "ann@example.com", "long enough password", false).id();
        new RepoRegistry(s.db.jdbi(), s.clock).ensure(account, "r");
    }

    @AfterEach
    void close() {
        s.close();
    }

    @RepeatedTest(3)
    void ofSimultaneousExclusiveAcquisitionsExactlyOneSucceeds() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Lease>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS)) {
            for (int i = 0; i < CONTENDERS; i++) {
                String holder = "contender " + i;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return leases.acquire(account, "r", "exclusive", holder, null);
                    } catch (LeaseConflictException e) {
                        return null;
                    }
                }));
            }
            go.countDown();
            long granted = 0;
            for (Future<Lease> f : results) {
                granted += f.get() == null ? 0 : 1;
            }
            assertThat(granted).isEqualTo(1);
        }
        assertThat(leases.list(account, "r")).hasSize(1);
    }

    @Test
    void anExpiredLeaseNeitherBlocksNorIsListed() {
        leases.acquire(account, "r", "exclusive", "killed", 10);
        s.clock.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(leases.list(account, "r")).hasSize(1);
        s.clock.advance(Duration.ofMillis(1));
        assertThat(leases.list(account, "r")).isEmpty();
        assertThat(leases.acquire(account, "r", "exclusive", "next", null).holder()).isEqualTo("next");
    }
}
