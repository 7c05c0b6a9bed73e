package dev.cairn.billing.invoice;

import dev.cairn.billing.money.CurrencyUnit;

/**
 * An invoice as CSV (RFC 4180, CRLF): one row per line item and a last row {@code total}, with the amount both in minor
 * units (exact, for machines) and as a decimal of the major unit. The total row equals the sum of the line rows.
 */
public final class InvoiceCsv {
    private InvoiceCsv() {
    }

    public static String render(Invoice i) {
        CurrencyUnit c = CurrencyUnit.of(i.currency());
        StringBuilder b = new StringBuilder("number,account,month,line,kind,description,quantity,amount_minor,amount,currency\r\n");
        int no = 1;
        for (Line l : i.lines()) {
            row(b, i, Integer.toString(no++), l.kind(), l.description(), l.quantity(), l.amountMinor(), c);
        }
        row(b, i, "", "total", "Total", "", i.totalMinor(), c);
        return b.toString();
    }

    private static void row(StringBuilder b, Invoice i, String no, String kind, String description, String quantity,
            long amount, CurrencyUnit c) {
        b.append(String.join(",", cell(i.number()), cell(i.accountName()), cell(i.month()), no, cell(kind),
                cell(description), cell(quantity), Long.toString(amount), c.plain(amount), c.code())).append("\r\n");
    }

    /** Quotes a cell; a leading =, +, - or @ is prefixed with ' so spreadsheets never run it as a formula. */
    static String cell(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
