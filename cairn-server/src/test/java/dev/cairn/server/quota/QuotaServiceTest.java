package dev.cairn.server.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.Services;
import dev.cairn.server.error.QuotaExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The reserve/commit/release ledger on SQLite and PostgreSQL, including racing reservations. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class QuotaServiceTest {
    private final Services s;
    private long ann;

    QuotaServiceTest(Dialect dialect) {
        this.s = new Services(dialect);
    }

    @BeforeEach
    void account() {
        ann = s.accounts.create("ann", "ann@example.com", "long enough password", false).id();
        s.accounts.setQuota("ann", 1000L);
        s.db.jdbi().useHandle(h -> h.execute("INSERT INTO repos (account_id, name, created_at) VALUES (?, 'r', 0)", ann));
    }

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void reservationsOfAProcessThatDiedAreGivenBackByTheOthersOnceItsHeartbeatIsStale() {
        QuotaService crashed = new QuotaService(s.db.jdbi(), s.clock, "crashed-instance");
        crashed.heartbeat();
        crashed.reserve(ann, 700); // an upload in flight when the process was killed: never committed or released
        s.quota.heartbeat();
        s.quota.reserve(ann, 100); // this live process's own upload in flight
        assertThat(s.quota.usage(ann)).isEqualTo(new Usage(0, 800, 1000L));
        assertThatThrownBy(() -> s.quota.reserve(ann, 300)).isInstanceOf(QuotaExceededException.class);

        s.clock.advance(java.time.Duration.ofMinutes(2));
        s.quota.heartbeat();
        assertThat(s.quota.reclaimAbandoned(java.time.Duration.ofMinutes(5))).as("not stale yet").isZero();
        s.clock.advance(java.time.Duration.ofMinutes(4));
        s.quota.heartbeat();
        assertThat(s.quota.reclaimAbandoned(java.time.Duration.ofMinutes(5))).isEqualTo(700);
        assertThat(s.quota.usage(ann)).as("the live process keeps its own reservation").isEqualTo(new Usage(0, 100, 1000L));
        assertThat(s.quota.reclaimAbandoned(java.time.Duration.ofMinutes(5))).as("given back once").isZero();
        s.quota.reserve(ann, 300);
        s.quota.commit(ann, "r", 300, 300);
        s.quota.release(ann, 100);
        assertThat(s.quota.usage(ann)).isEqualTo(new Usage(300, 0, 1000L));
    }

    @Test
    void reserveCommitAndFreeKeepTheLedgerExact() {
        s.quota.reserve(ann, 600);
        assertThat(s.quota.usage(ann)).isEqualTo(new Usage(0, 600, 1000L));
        s.quota.commit(ann, "r", 600, 550);
        assertThat(s.quota.usage(ann)).isEqualTo(new Usage(550, 0, 1000L));
        assertThatThrownBy(() -> s.quota.reserve(ann, 451)).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.quotaBytes()).isEqualTo(1000);
            assertThat(e.usageBytes()).isEqualTo(550);
            assertThat(e.requestedBytes()).isEqualTo(451);
        });
        s.quota.reserve(ann, 450);
        s.quota.release(ann, 450);
        s.quota.freed(ann, "r", 550);
        assertThat(s.quota.usage(ann)).isEqualTo(new Usage(0, 0, 1000L));
    }

    @Test
    void racingReservationsNeverOvershootTheQuota() throws Exception {
        List<Future<Boolean>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> {
                    try {
                        s.quota.reserve(ann, 100);
                        return true;
                    } catch (QuotaExceededException e) {
                        return false;
                    }
                }));
            }
        }
        int granted = 0;
        for (Future<Boolean> f : results) {
            granted += f.get() ? 1 : 0;
        }
        assertThat(granted).isEqualTo(10);
        assertThat(s.quota.usage(ann).reservedBytes()).isEqualTo(1000);
    }

    @Test
    void unlimitedQuotaGrantsAnything() {
        s.accounts.setQuota("ann", null);
        s.quota.reserve(ann, Long.MAX_VALUE / 4);
        assertThat(s.quota.usage(ann).quotaBytes()).isNull();
    }

    @Test
    void correctionReplacesTheRecordedUsageAndReportsTheDrift() {
        s.quota.reserve(ann, 300);
        s.quota.commit(ann, "r", 300, 300);
        assertThat(s.quota.correct(ann, "r", 420, 2)).isEqualTo(120);
        assertThat(s.quota.usage(ann).storedBytes()).isEqualTo(420);
        assertThat(s.quota.correct(ann, "r", 420, 2)).isZero();
    }

    @Test
    void meteringAddsUpPerDayAcrossFlushes() {
        s.meter.ingress(ann, 100);
        s.meter.request(ann);
        s.meter.flush();
        s.meter.egress(ann, 50);
        s.meter.request(ann);
        s.meter.flush();
        assertThat(s.meter.days(ann)).singleElement().satisfies(d -> {
            assertThat(d.ingressBytes()).isEqualTo(100);
            assertThat(d.egressBytes()).isEqualTo(50);
            assertThat(d.requests()).isEqualTo(2);
        });
        s.clock.advance(java.time.Duration.ofDays(1));
        s.meter.request(ann);
        s.meter.flush();
        assertThat(s.meter.days(ann)).hasSize(2);
    }

}
