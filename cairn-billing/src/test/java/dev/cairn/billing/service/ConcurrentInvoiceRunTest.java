package dev.cairn.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.billing.BillingFixture;
import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.billing.usage.AccountUsage;
import dev.cairn.billing.usage.BillingMonth;
import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.storage.Tenant;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploads and deletes through the real object service race an invoice run: the month being invoiced must not see
 * them (its amounts are computed here from the bytes stored before), and afterwards the ledger matches the store's
 * listing to the byte (reconciliation finds no drift) and the next month's storage integral is exactly what the store
 * held, before and after the race. On SQLite and PostgreSQL.
 */
class ConcurrentInvoiceRunTest {
    /** 10^6 EUR per GB-month: a price high enough that a few kilobytes show in cents. */
    private static final long PRICE_MICROS = 1_000_000_000_000L;
    private static final Instant MARCH_10 = Instant.parse("2027-03-10T00:00:00Z");
    private static final Instant APRIL_1 = Instant.parse("2027-04-01T00:00:00Z");
    private static final Instant RACE = Instant.parse("2027-04-01T01:00:00Z");
    private static final Instant MAY_1 = Instant.parse("2027-05-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void uploadsAndDeletesDuringAnInvoiceRunMatchTheStoreToTheByte(Dialect dialect) throws Exception {
        try (BillingFixture f = new BillingFixture(dialect, Instant.parse("2027-03-01T00:00:00Z"))) {
            f.billing.plans().put(new PricedPlan("metered", 0, 0, 0, PRICE_MICROS, 0, 0, null), null, 0);
            List<Tenant> tenants = new ArrayList<>();
            for (String name : List.of("ann", "bob", "cyd")) {
                Tenant t = new Tenant(f.account(name, "metered"), name);
                f.core.objects().createRepo(t, "r");
                tenants.add(t);
            }
            f.clock.set(MARCH_10);
            Random random = new Random(20);
            List<List<BlobName>> before = new ArrayList<>();
            long[] marchBytes = new long[tenants.size()];
            for (int i = 0; i < tenants.size(); i++) {
                List<BlobName> names = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    names.add(put(f, tenants.get(i), random, 1000 + random.nextInt(50_000)));
                }
                marchBytes[i] = storeBytes(f, tenants.get(i));
                before.add(names);
            }

            f.clock.set(RACE);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                Tenant t = tenants.get(w);
                List<BlobName> old = before.get(w);
                long seed = w;
                writers.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    List<BlobName> mine = new ArrayList<>();
                    for (int k = 0; k < 40; k++) {
                        mine.add(put(f, t, r, 1 + r.nextInt(64 * 1024)));
                        if (k % 3 == 0) {
                            f.core.objects().delete(t, "r", mine.remove(r.nextInt(mine.size())));
                        }
                        if (k % 10 == 0 && !old.isEmpty()) {
                            f.core.objects().delete(t, "r", old.removeFirst());
                        }
                    }
                    return null;
                }));
            }
            List<Invoice> march = f.billing.invoicing().issue(BillingMonth.parse("2027-03", ZoneOffset.UTC), "test");
            for (Future<?> w : writers) {
                w.get();
            }
            pool.shutdown();

            BillingMonth marchMonth = BillingMonth.parse("2027-03", ZoneOffset.UTC);
            assertThat(march).hasSize(3);
            for (int i = 0; i < 3; i++) {
                long id = tenants.get(i).accountId();
                Invoice inv = march.stream().filter(v -> v.accountId() == id).findFirst().orElseThrow();
                BigInteger byteMs = BigInteger.valueOf(marchBytes[i]).multiply(ms(MARCH_10, APRIL_1));
                assertThat(inv.totalMinor()).as("March of " + tenants.get(i).name())
                        .isEqualTo(cents(byteMs, marchMonth.lengthMillis()));
            }

            assertThat(f.core.maintenance().reconcile()).as("ledger drift from the store").isEmpty();
            f.clock.set(MAY_1);
            BillingMonth april = BillingMonth.parse("2027-04", ZoneOffset.UTC);
            for (int i = 0; i < 3; i++) {
                Tenant t = tenants.get(i);
                long stored = storeBytes(f, t);
                assertThat(f.core.quota().usage(t.accountId()).storedBytes()).isEqualTo(stored);
                AccountUsage u = f.billing.usage().read(t.accountId(), april.startMillis(), april.endMillis());
                assertThat(u.lastBytes()).isEqualTo(stored);
                BigInteger expected = BigInteger.valueOf(marchBytes[i]).multiply(ms(APRIL_1, RACE))
                        .add(BigInteger.valueOf(stored).multiply(ms(RACE, MAY_1)));
                assertThat(u.byteMillisAbove(0, april.startMillis(), april.endMillis())).isEqualTo(expected);
                assertThat(f.billing.invoicing().compute(april, t.accountId()).totalMinor())
                        .isEqualTo(cents(expected, april.lengthMillis()));
            }
        }
    }

    private static BlobName put(BillingFixture f, Tenant t, Random r, int size) throws java.io.IOException {
        byte[] data = new byte[size];
        r.nextBytes(data);
        byte[] id = new byte[32];
        r.nextBytes(id);
        BlobName name = BlobName.of(BlobKind.PACK, HexFormat.of().formatHex(id));
        f.core.objects().put(t, "r", name, new ByteArrayInputStream(data), size, false);
        return name;
    }

    /** What the store holds for the tenant, by listing it. */
    private static long storeBytes(BillingFixture f, Tenant t) throws java.io.IOException {
        long sum = 0;
        for (BlobKind kind : BlobKind.values()) {
            for (BlobInfo info : f.core.stores().store(t.accountId(), "r").list(kind)) {
                sum += info.size();
            }
        }
        return sum;
    }

    /** Cents of {@code byteMs} at {@link #PRICE_MICROS} per GB-month, half-even, with BigDecimal. */
    private static long cents(BigInteger byteMs, long monthMs) {
        return new BigDecimal(byteMs).multiply(BigDecimal.valueOf(PRICE_MICROS)).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(1_000_000L * 1_000_000_000L).multiply(BigDecimal.valueOf(monthMs)), 0,
                        RoundingMode.HALF_EVEN).longValueExact();
    }

    private static BigInteger ms(Instant a, Instant b) {
        return BigInteger.valueOf(b.toEpochMilli() - a.toEpochMilli());
    }
}
