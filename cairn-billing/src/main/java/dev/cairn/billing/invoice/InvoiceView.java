package dev.cairn.billing.invoice;

import java.time.Instant;
import java.util.List;

/**
 * The JSON form of an invoice, a credit note or a preview (docs/spec/http-api.md §15): times as ISO-8601 UTC, amounts as
 * integers in minor units of {@code currency} with {@code digits} decimal digits. Schema {@code Invoice} of the
 * module's {@code META-INF/cairn/openapi.json} (checked against live answers by cairn-dist's FullOpenApiTest).
 */
public record InvoiceView(Long id, String number, String account, String kind, String month, String periodStart,
        String periodEnd, String currency, int digits, long totalMinor, String issuedAt, String dueAt, String paidAt,
        String status, List<Line> lines) {

    public static InvoiceView of(Invoice i) {
        return new InvoiceView(i.id(), i.number(), i.accountName(), i.kind(), i.month(), iso(i.periodStart()),
                iso(i.periodEnd()), i.currency(), digits(i.currency()), i.totalMinor(), iso(i.issuedAt()),
                iso(i.dueAt()), i.paidAt() == null ? null : iso(i.paidAt()), i.paid() ? "paid" : "open", i.lines());
    }

    /** A draft (preview or forecast): no id, number or dates of issue. */
    public static InvoiceView of(Draft d, String account, String kind) {
        return new InvoiceView(null, null, account, kind, d.month(), iso(d.periodStart()), iso(d.periodEnd()),
                d.currency(), digits(d.currency()), d.totalMinor(), null, null, null, kind, d.lines());
    }

    private static int digits(String currency) {
        return dev.cairn.billing.money.CurrencyUnit.of(currency).digits();
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
