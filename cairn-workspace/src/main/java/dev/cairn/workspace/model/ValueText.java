package dev.cairn.workspace.model;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * How values read to people, the one formatting used by the workspace pages, the share page, the PDF and the CSV made
 * for people (machine exports and the API keep the exact wire form). Two styles:
 * <ul>
 *   <li>{@link #display}: numbers with thousands separators ({@code 1,234,567}), money to its currency's decimals
 *       ({@code 1,234.50 EUR}, {@code 1,235 JPY}, {@code 1.250 BHD}), booleans Yes/No, dates {@code 2026-11-23},
 *       instants {@code 2026-11-23 09:00 UTC} in the reader's time zone
 *       ({@link dev.cairn.server.ViewerZone}; a date shows as typed, never converted), files by name and size;</li>
 *   <li>{@link #sheet}: the same without thousands separators and with money's amount alone (the currency goes in a
 *       column of its own), so a spreadsheet reads the numbers as numbers.</li>
 * </ul>
 * Money shows at least its currency's decimals and never drops a digit that is not zero: a money column kept with 4
 * decimals shows {@code 99.00 EUR} for 99.0000 and {@code 99.1234 EUR} for 99.1234 (nothing is rounded away). Negative
 * numbers start with {@code -}. References are not named here: a page knows the record names. Stateless, thread-safe.
 */
public final class ValueText {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Decimals when a currency code is not an ISO 4217 currency Java knows (or has none, like XAU). */
    static final int UNKNOWN_CURRENCY_DIGITS = 2;

    private ValueText() {
    }

    /** A value as a page shows it; empty for null. References show as {@code #id} (pages name them instead). */
    public static String display(Value value) {
        return switch (value) {
            case null -> "";
            case Money m -> money(m);
            case Value.Whole w -> grouped(BigDecimal.valueOf(w.value()), true);
            case Value.Decimal d -> grouped(d.value(), true);
            case Value.Bool b -> b.value() ? "Yes" : "No";
            case Value.Date d -> d.date().toString();
            case Value.DateTime t -> dev.cairn.server.ViewerZone.minute(t.instant());
            case Value.Reference r -> "#" + r.id();
            case Attachment a -> a.name() + " (" + size(a.bytes()) + ")";
            case Value.Text t -> t.text();
        };
    }

    /**
     * A value as a spreadsheet reads it: numbers without separators, money's amount alone (to its currency's decimals),
     * Yes/No, dates ISO, instants {@code 2026-11-23 09:00:00} (UTC); empty for null.
     */
    public static String sheet(Value value) {
        return switch (value) {
            case null -> "";
            case Money m -> grouped(amount(m), false);
            case Value.Whole w -> Long.toString(w.value());
            case Value.Decimal d -> d.value().toPlainString();
            case Value.DateTime t -> SECOND.format(t.instant());
            case Attachment a -> a.name();
            default -> display(value);
        };
    }

    /** {@code 1,234.50 EUR}: the amount to its currency's decimals with thousands separators, then the code. */
    public static String money(Money m) {
        return grouped(amount(m), true) + " " + m.currency();
    }

    /** The amount with at least the currency's decimals, keeping every digit that is not zero. */
    static BigDecimal amount(Money m) {
        int digits = currencyDigits(m.currency());
        BigDecimal a = m.amount().stripTrailingZeros();
        return a.scale() < digits ? a.setScale(digits) : a;
    }

    /** The decimals a currency's amounts have (EUR 2, JPY 0, BHD 3); 2 for codes Java does not know. */
    public static int currencyDigits(String code) {
        try {
            int digits = Currency.getInstance(code).getDefaultFractionDigits();
            return digits < 0 ? UNKNOWN_CURRENCY_DIGITS : digits;
        } catch (IllegalArgumentException | NullPointerException e) {
            return UNKNOWN_CURRENCY_DIGITS;
        }
    }

    /** {@code n} in plain notation with all its decimals, with {@code ,} every three digits when {@code separators}. */
    static String grouped(BigDecimal n, boolean separators) {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setGroupingUsed(separators);
        f.setMinimumFractionDigits(Math.max(0, n.scale()));
        f.setMaximumFractionDigits(Math.max(0, n.scale()));
        f.setParseBigDecimal(true);
        return f.format(n);
    }

    /** A file size as people read it: bytes, KiB, MiB or GiB with one decimal. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        String n = String.format(Locale.ROOT, "%.1f", v);
        return (n.endsWith(".0") ? n.substring(0, n.length() - 2) : n) + " " + units[i];
    }

    /** An instant as pages show it: {@code 2026-11-23 09:00 UTC}, in the reader's time zone. */
    public static String instant(Instant at) {
        return dev.cairn.server.ViewerZone.minute(at);
    }
}
