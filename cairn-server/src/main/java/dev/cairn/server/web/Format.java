package dev.cairn.server.web;

import dev.cairn.server.ViewerZone;
import java.time.Instant;
import java.util.Locale;

/**
 * Display formats used by the templates: byte sizes in IEC units, instants in the reader's time zone
 * ({@link ViewerZone}), ages in words. Stateless, thread-safe.
 */
public final class Format {

    private Format() {
    }

    /** {@code 0 B}, {@code 999 B}, {@code 1.5 KiB}, {@code 12.3 MiB}: one decimal above bytes. */
    public static String bytes(long n) {
        return dev.cairn.server.Units.human(n);
    }

    /** Exact bytes with thousands separators ({@code 1,234,567 bytes}), for titles next to {@link #bytes}. */
    public static String exactBytes(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }

    /**
     * {@code 2026-11-23 20:15 UTC} (or {@code 21:15 CET}: in the reader's zone), or {@code absent} when there is no
     * instant.
     */
    public static String time(Instant instant, String absent) {
        return instant == null ? absent : ViewerZone.minute(instant);
    }

    /**
     * The instant a "valid until DAY" that a person typed ends: the start of the next day in the reader's zone, so the
     * day counts whole wherever they are.
     */
    public static Instant endOfDay(java.time.LocalDate day) {
        return day.plusDays(1).atStartOfDay(ViewerZone.current()).toInstant();
    }

    /**
     * When something stops working, in the words of the form that set it: {@code 2026-12-31 (end of day)} for an
     * instant that {@link #endOfDay} made in the reader's zone (the day as typed), else the instant as {@link #time};
     * {@code never} when there is no end.
     */
    public static String validUntil(Instant end, String never) {
        if (end == null) {
            return never;
        }
        var at = end.atZone(ViewerZone.current());
        if (at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return at.toLocalDate().minusDays(1) + " (end of day)";
        }
        return time(end, never);
    }

    /**
     * How long before {@code now} {@code then} was, in words: {@code just now}, {@code 5 minutes ago},
     * {@code 3 hours ago}, {@code 2 days ago} (whole units, rounded down); {@code absent} when there is no instant.
     */
    public static String age(Instant then, Instant now, String absent) {
        if (then == null) {
            return absent;
        }
        long minutes = Math.max(0, java.time.Duration.between(then, now).toMinutes());
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 60) {
            return plural(minutes, "minute") + " ago";
        }
        if (minutes < 48 * 60) {
            return plural(minutes / 60, "hour") + " ago";
        }
        return plural(minutes / (24 * 60), "day") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** {@code value} encoded for a URL's query ({@code /devices?device=...}). */
    public static String query(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** ISO-8601 for {@code <time datetime>}; empty when there is no instant. */
    public static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** A service message ("password must be ...") as a sentence for a page: capital first letter, final period. */
    public static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") || s.endsWith("?") || s.endsWith("!") || s.endsWith("\u2026") ? s : s + ".";
    }
}
