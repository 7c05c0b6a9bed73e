package dev.cairn.billing.web;

import dev.cairn.billing.audit.AuditLog;
import dev.cairn.billing.invoice.Draft;
import dev.cairn.billing.invoice.Invoice;
import dev.cairn.billing.invoice.Line;
import dev.cairn.billing.money.CurrencyUnit;
import dev.cairn.billing.pay.BillingAccount;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.server.web.Format;
import java.time.Instant;
import java.util.List;

/** What the billing templates show, already formatted (amounts as text with the currency). */
public final class BillingViews {
    private BillingViews() {
    }

    /** One line item. */
    public record LineRow(String kind, String description, String quantity, String amount) {
        static List<LineRow> of(List<Line> lines, CurrencyUnit c) {
            return lines.stream().map(l -> new LineRow(l.kind(), l.description(), l.quantity(),
                    c.format(l.amountMinor()))).toList();
        }
    }

    /** An invoice in a list. */
    public record InvoiceRow(long id, String number, String kind, String account, String month, String total,
            String issued, String due, String status) {
        static InvoiceRow of(Invoice i) {
            return new InvoiceRow(i.id(), i.number(), i.kind(), i.accountName(), i.month(),
                    CurrencyUnit.of(i.currency()).format(i.totalMinor()), day(i.issuedAt()), day(i.dueAt()),
                    i.paid() ? "paid" : "open");
        }
    }

    /** The month so far or the forecast. */
    public record DraftView(String period, String total, List<LineRow> lines) {
        static DraftView of(Draft d) {
            CurrencyUnit c = CurrencyUnit.of(d.currency());
            return new DraftView(day(d.periodStart()) + " to " + Instant.ofEpochMilli(d.periodEnd()).toString()
                    .substring(0, 16).replace('T', ' ') + " UTC", c.format(d.totalMinor()), LineRow.of(d.lines(), c));
        }
    }

    /** A plan a customer may choose. */
    public record PlanRow(String name, String fee, String included, String storagePrice, String egressPrice,
            boolean retired) {
        static PlanRow of(PricedPlan p, CurrencyUnit c) {
            return new PlanRow(p.name(), c.format(p.monthlyFeeMinor()), gb(p.includedStorageBytes()),
                    CurrencyUnit.plainMicros(p.storagePriceMicros()) + " " + c.code() + "/GB-month",
                    CurrencyUnit.plainMicros(p.egressPriceMicros()) + " " + c.code() + "/GB", p.retiredAt() != null);
        }
    }

    /** An account in the admin console. */
    public record AccountRow(String name, String plan, String stored, String balance, String mode, String state,
            String forecast) {
        static AccountRow of(BillingAccount a, CurrencyUnit c, long forecastMinor) {
            return new AccountRow(a.accountName(), a.plan(), Format.bytes(a.storedBytes()), c.format(a.balanceMinor()),
                    a.mode(), a.state(), c.format(forecastMinor));
        }
    }

    /** An audit entry. */
    public record AuditRow(String at, String actor, String action, String subject, String before, String after) {
        static AuditRow of(AuditLog.Entry e) {
            return new AuditRow(Instant.ofEpochMilli(e.at()).toString(), e.actor(), e.action(), e.subject(),
                    e.before() == null ? "" : e.before(), e.after() == null ? "" : e.after());
        }
    }

    /** Bytes as decimal GB (10^9 bytes, the unit prices are in), e.g. "12.5 GB". */
    static String gb(long bytes) {
        return java.math.BigDecimal.valueOf(bytes, 9).stripTrailingZeros().toPlainString() + " GB";
    }

    /** One day of the usage chart: bars as a share (0-100) of the largest day shown. */
    public record UsageBar(String day, String stored, int storedPercent, String egress, int egressPercent) {
        static List<UsageBar> of(List<dev.cairn.billing.usage.UsageHistory.Day> days) {
            long maxStored = Math.max(1, days.stream().mapToLong(d -> d.storedBytes()).max().orElse(1));
            long maxEgress = Math.max(1, days.stream().mapToLong(d -> d.egressBytes()).max().orElse(1));
            return days.stream().map(d -> new UsageBar(d.day(), Format.bytes(d.storedBytes()),
                    (int) (d.storedBytes() * 100 / maxStored), Format.bytes(d.egressBytes()),
                    (int) (d.egressBytes() * 100 / maxEgress))).toList();
        }
    }

    static String day(long millis) {
        return Instant.ofEpochMilli(millis).toString().substring(0, 10);
    }
}
