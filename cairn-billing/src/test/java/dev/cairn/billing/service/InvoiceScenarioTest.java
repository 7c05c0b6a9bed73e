package dev.cairn.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.billing.BillingFixture;
import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.invoice.Line;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.billing.usage.BillingMonth;
import dev.cairn.server.db.Dialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A month billed in Europe/Berlin across a leap day, with uploads before and during the month, a delete, egress, and a
 * plan change on 29 February: every line's minor units are computed here from the byte-milliseconds with
 * {@link BigDecimal} (not with the code's integer rounding), and the invoice must match them, sum to its total, and be
 * issued once. On SQLite and PostgreSQL.
 */
class InvoiceScenarioTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long GB = 1_000_000_000L;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aLeapFebruaryInBerlinWithAPlanChangeIsBilledToTheCent(Dialect dialect) throws Exception {
        try (BillingFixture f = new BillingFixture(dialect, berlin(2028, 1, 15, 10, 0, 0, 0))) {
            f.billing.settings().set("zone", "Europe/Berlin");
            f.billing.settings().set("currency", "EUR");
            f.billing.plans().put(new PricedPlan("basic", 200, GB, 2 * GB, 4000, 10_000, 0, null), null, 0);
            f.billing.plans().put(new PricedPlan("pro", 500, 4 * GB, 0, 2500, 7000, 0, null), null, 0);
            long ann = f.account("ann", "basic");
            f.billing.accounts().setTaxRate(ann, 1900);

            f.clock.set(berlin(2028, 1, 20, 9, 0, 0, 0));
            f.store(ann, 3 * GB);
            Instant t1 = berlin(2028, 2, 10, 12, 0, 0, 250);
            f.clock.set(t1);
            f.store(ann, 2_500_000_000L);
            f.clock.set(Instant.parse("2028-02-12T10:00:00Z"));
            f.core.meter().egress(ann, 5 * GB);
            f.core.meter().flush();
            Instant tp = berlin(2028, 2, 29, 8, 0, 0, 0);
            f.clock.set(tp);
            f.core.accounts().setPlan("ann", "pro");
            Instant t2 = berlin(2028, 2, 29, 20, 0, 0, 0);
            f.clock.set(t2);
            f.free(ann, GB);

            BillingMonth feb = BillingMonth.of(YearMonth.of(2028, 2), BERLIN);
            assertThatThrownBy(() -> f.billing.invoicing().issue(feb, "test"))
                    .hasMessageContaining("has not ended");
            f.clock.set(berlin(2028, 3, 1, 0, 1, 0, 0));
            List<Invoice> issued = f.billing.invoicing().issue(feb, "test");
            assertThat(issued).hasSize(1);
            Invoice inv = issued.getFirst();

            Instant start = berlin(2028, 2, 1, 0, 0, 0, 0);
            Instant end = berlin(2028, 3, 1, 0, 0, 0, 0);
            long month = ms(start, end);
            assertThat(month).isEqualTo(29L * 86_400_000L);
            long basicMs = ms(start, tp);
            long proMs = ms(tp, end);
            BigDecimal basicByteMs = bd(2 * GB).multiply(bd(ms(start, t1))).add(bd(4_500_000_000L).multiply(bd(ms(t1, tp))));
            BigDecimal proByteMs = bd(1_500_000_000L).multiply(bd(ms(tp, t2))).add(bd(500_000_000L).multiply(bd(ms(t2, end))));
            long feeBasic = cents(bd(200).multiply(bd(basicMs)).divide(bd(month), 20, RoundingMode.HALF_EVEN));
            long storageBasic = cents(perGbMonth(basicByteMs, "0.004", month));
            BigDecimal egressOverGb = bd(5 * GB).subtract(bd(2 * GB).multiply(bd(basicMs)).divide(bd(month), 20,
                    RoundingMode.HALF_EVEN)).divide(bd(GB));
            long egressBasic = cents(egressOverGb.multiply(new BigDecimal("0.01")).multiply(bd(100)));
            long feePro = cents(bd(500).multiply(bd(proMs)).divide(bd(month), 20, RoundingMode.HALF_EVEN));
            long storagePro = cents(perGbMonth(proByteMs, "0.0025", month));
            long subtotal = feeBasic + storageBasic + egressBasic + feePro + storagePro;
            long tax = cents(bd(subtotal).multiply(new BigDecimal("0.19")));

            assertThat(inv.lines()).extracting(Line::kind)
                    .containsExactly("plan", "storage", "egress", "plan", "storage", "egress", "tax");
            assertThat(inv.lines()).extracting(Line::amountMinor)
                    .containsExactly(feeBasic, storageBasic, egressBasic, feePro, storagePro, 0L, tax);
            assertThat(inv.totalMinor()).isEqualTo(subtotal + tax)
                    .isEqualTo(inv.lines().stream().mapToLong(Line::amountMinor).sum());
            assertThat(storageBasic).isPositive();
            assertThat(inv.lines().get(1).quantity()).isEqualTo(basicByteMs.divide(bd(GB).multiply(bd(month)), 9,
                    RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + " GB-month");

            assertThat(f.billing.invoicing().issue(feb, "test")).as("issued once").isEmpty();
            assertThat(f.billing.invoices().list(ann)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theSameStorageCostsTheSameInAShortAndALongMonth(Dialect dialect) throws Exception {
        try (BillingFixture f = new BillingFixture(dialect, Instant.parse("2027-01-20T00:00:00Z"))) {
            f.billing.plans().put(new PricedPlan("flat", 0, 0, 0, 10_000, 0, 0, null), null, 0);
            long bob = f.account("bob", "flat");
            f.store(bob, 7 * GB);
            f.clock.set(Instant.parse("2027-04-01T00:00:00Z"));
            var jan = f.billing.invoicing().issue(BillingMonth.parse("2027-01", ZoneId.of("UTC")), "t").getFirst();
            var feb = f.billing.invoicing().issue(BillingMonth.parse("2027-02", ZoneId.of("UTC")), "t").getFirst();
            var mar = f.billing.invoicing().issue(BillingMonth.parse("2027-03", ZoneId.of("UTC")), "t").getFirst();
            // 7 GB × 0.01 EUR/GB-month = 7 cents for a whole month, whatever its length; January from the 20th
            assertThat(feb.totalMinor()).isEqualTo(7);
            assertThat(mar.totalMinor()).isEqualTo(7);
            long janExpected = cents(bd(7).multiply(bd(12)).divide(bd(31), 20, RoundingMode.HALF_EVEN));
            assertThat(jan.totalMinor()).isEqualTo(janExpected).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aTrialMakesTheFirstDaysFreeAndCreditAndTaxFollow(Dialect dialect) throws Exception {
        try (BillingFixture f = new BillingFixture(dialect, Instant.parse("2027-03-05T00:00:00Z"))) {
            f.billing.plans().put(new PricedPlan("trial", 3100, 0, 0, 0, 0, 10, null), null, 0);
            long cy = f.account("cy", "trial");
            f.billing.accounts().setTaxRate(cy, 2000);
            f.billing.invoicing().grantCredit(cy, 200, "welcome", "test");
            f.clock.set(Instant.parse("2027-04-01T00:00:00Z"));
            Invoice inv = f.billing.invoicing().issue(BillingMonth.parse("2027-03", ZoneId.of("UTC")), "t").getFirst();
            // trial 5 to 15 March free; 31.00 EUR × 17/31 days = 17.00; credit 2.00; tax 20 % of 15.00 = 3.00
            assertThat(inv.lines()).extracting(Line::kind, Line::amountMinor).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("plan", 0L), org.assertj.core.groups.Tuple.tuple("plan", 1700L),
                    org.assertj.core.groups.Tuple.tuple("credit", -200L), org.assertj.core.groups.Tuple.tuple("tax", 300L));
            assertThat(inv.lines().getFirst().description()).endsWith("(trial)");
            assertThat(inv.totalMinor()).isEqualTo(1800);
            assertThat(f.billing.invoicing().availableCredit(cy)).isZero();

            Invoice note = f.billing.invoicing().creditNote(inv.number(), 500, "outage", "test");
            assertThat(note.totalMinor()).isEqualTo(-500);
            assertThat(f.billing.invoices().get(inv.id()).lines()).isEqualTo(inv.lines()); // the invoice never changes
            assertThatThrownBy(() -> f.billing.invoicing().creditNote(inv.number(), 1400, "too much", "test"))
                    .hasMessageContaining("13.00 EUR");
        }
    }

    private static BigDecimal perGbMonth(BigDecimal byteMs, String price, long monthMs) {
        return byteMs.multiply(new BigDecimal(price)).multiply(bd(100)).divide(bd(GB).multiply(bd(monthMs)), 30,
                RoundingMode.HALF_EVEN);
    }

    private static long cents(BigDecimal exact) {
        return exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static BigDecimal bd(long n) {
        return BigDecimal.valueOf(n);
    }

    private static long ms(Instant a, Instant b) {
        return b.toEpochMilli() - a.toEpochMilli();
    }

    private static Instant berlin(int y, int mo, int d, int h, int mi, int s, int milli) {
        return LocalDateTime.of(y, mo, d, h, mi, s, milli * 1_000_000).atZone(BERLIN).toInstant();
    }
}
