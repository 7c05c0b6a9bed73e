package dev.cairn.billing.invoice;

import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.money.Rounding;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.billing.usage.AccountUsage;
import dev.cairn.billing.usage.BillingMonth;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Computes an invoice from usage and prices, in integers only (ADR 36). For each span of one plan (split where the
 * trial ends), with {@code M} the month's length and {@code d} the span's, both in milliseconds:
 * <ul>
 * <li>plan fee: {@code fee × d / M};</li>
 * <li>storage: {@code (∫ max(0, stored − included) dt) × price / (10^9 × M)}, the integral in byte-milliseconds;</li>
 * <li>egress: {@code max(0, egress − included × d / M) × price / 10^9};</li>
 * </ul>
 * each converted to minor units and rounded once, half to even. A trial span costs nothing. Then credit (at most the
 * subtotal) and tax ({@code (subtotal − credit) × rate / 10000}, rounded once). Stateless.
 */
public final class InvoiceCalculator {
    private static final BigInteger GB = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MICROS = BigInteger.valueOf(CurrencyUnit.MICROS);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private InvoiceCalculator() {
    }

    /** What the calculation needs beside usage: prices by plan name, tax rate and available credit. */
    public record Terms(CurrencyUnit currency, Function<String, PricedPlan> plans, int taxRateBp, long creditMinor) {
    }

    /** The invoice of {@code usage} (a whole month, or the month so far) in {@code month}. */
    public static Draft compute(BillingMonth month, AccountUsage usage, Terms terms) {
        List<Line> lines = new ArrayList<>();
        for (AccountUsage.PlanSpan span : usage.plans()) {
            PricedPlan plan = terms.plans().apply(span.plan());
            long trialEnd = usage.createdAt() + plan.trialDays() * 86_400_000L;
            if (span.from() < trialEnd && plan.trialDays() > 0) {
                long cut = Math.min(trialEnd, span.to());
                lines.addAll(span(month, usage, plan, span.from(), cut, true, terms.currency()));
                if (cut < span.to()) {
                    lines.addAll(span(month, usage, plan, cut, span.to(), false, terms.currency()));
                }
            } else {
                lines.addAll(span(month, usage, plan, span.from(), span.to(), false, terms.currency()));
            }
        }
        long subtotal = lines.stream().mapToLong(Line::amountMinor).sum();
        long credit = Math.min(terms.creditMinor(), Math.max(0, subtotal));
        if (credit > 0) {
            lines.add(new Line("credit", "Credit", "1", -credit));
        }
        if (terms.taxRateBp() > 0) {
            long tax = Rounding.halfEven(BigInteger.valueOf(subtotal - credit).multiply(BigInteger.valueOf(terms.taxRateBp())),
                    BigInteger.valueOf(10_000));
            lines.add(new Line("tax", "Tax " + BigDecimal.valueOf(terms.taxRateBp(), 2).stripTrailingZeros()
                    .toPlainString() + " %", BigDecimal.valueOf(subtotal - credit, terms.currency().digits())
                    .toPlainString(), tax));
        }
        return new Draft(usage.accountId(), month.toString(), usage.from(), usage.to(), terms.currency().code(), lines,
                credit);
    }

    private static List<Line> span(BillingMonth month, AccountUsage usage, PricedPlan plan, long a, long b,
            boolean trial, CurrencyUnit currency) {
        List<Line> lines = new ArrayList<>();
        BigInteger m = BigInteger.valueOf(month.lengthMillis());
        BigInteger d = BigInteger.valueOf(b - a);
        BigInteger minor = currency.minorPerMajor();
        String when = " " + at(a, month.zone()) + " to " + at(b, month.zone()) + (trial ? " (trial)" : "");
        String name = "plan " + plan.name();
        if (plan.monthlyFeeMinor() > 0 || plan.isFree()) {
            long fee = trial ? 0 : Rounding.halfEven(BigInteger.valueOf(plan.monthlyFeeMinor()).multiply(d), m);
            lines.add(new Line("plan", "Plan " + plan.name() + when, ratio(d, m, 6) + " month", fee));
        }
        if (plan.storagePriceMicros() > 0) {
            BigInteger byteMillis = usage.byteMillisAbove(plan.includedStorageBytes(), a, b);
            long amount = trial ? 0 : Rounding.halfEven(byteMillis.multiply(BigInteger.valueOf(plan.storagePriceMicros()))
                    .multiply(minor), MICROS.multiply(GB).multiply(m));
            lines.add(new Line("storage", "Storage above " + gb(plan.includedStorageBytes()) + " GB, " + name + when,
                    ratio(byteMillis, GB.multiply(m), 9) + " GB-month", amount));
        }
        if (plan.egressPriceMicros() > 0) {
            BigInteger over = BigInteger.valueOf(usage.egressIn(a, b)).multiply(m)
                    .subtract(BigInteger.valueOf(plan.includedEgressBytes()).multiply(d)).max(BigInteger.ZERO);
            long amount = trial ? 0 : Rounding.halfEven(over.multiply(BigInteger.valueOf(plan.egressPriceMicros()))
                    .multiply(minor), MICROS.multiply(GB).multiply(m));
            lines.add(new Line("egress", "Egress above " + gb(plan.includedEgressBytes()) + " GB a month, " + name + when,
                    ratio(over, GB.multiply(m), 9) + " GB", amount));
        }
        return lines;
    }

    /** Exact decimal text of {@code n / d} to {@code scale} places (for people; amounts never use it). */
    static String ratio(BigInteger n, BigInteger d, int scale) {
        return new BigDecimal(n).divide(new BigDecimal(d), scale, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    private static String gb(long bytes) {
        return ratio(BigInteger.valueOf(bytes), GB, 3);
    }

    private static String at(long millis, ZoneId zone) {
        return WHEN.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
