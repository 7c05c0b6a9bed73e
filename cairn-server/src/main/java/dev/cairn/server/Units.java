package dev.cairn.server;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes ({@code 1024}, {@code 500MB}, {@code 8GiB}, {@code unlimited}) and durations ({@code 30s}, {@code 7d}) in configuration. */
public final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgtp]?i?b?)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Units() {
    }

    /**
     * Bytes of a size; {@code unlimited} is null.
     *
     * @throws IllegalArgumentException with the accepted forms
     */
    public static Long size(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("unlimited") || t.equals("none")) {
            return null;
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("size '" + text + "' is invalid; write e.g. 1073741824, 500MB, 8GiB or unlimited");
        }
        String unit = m.group(2);
        long base = unit.contains("i") ? 1024 : 1000;
        int power = unit.isEmpty() || unit.equals("b") ? 0 : "kmgtp".indexOf(unit.charAt(0)) + 1;
        long value = Long.parseLong(m.group(1));
        for (int i = 0; i < power; i++) {
            value = Math.multiplyExact(value, base);
        }
        return value;
    }

    private static final String[] IEC = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** {@code 0 B}, {@code 999 B}, {@code 1.5 KiB}, {@code 12.3 MiB}: IEC units, one decimal above bytes. */
    public static String human(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < IEC.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, IEC[unit]);
    }

    /** {@link #human} of a quota; null is {@code unlimited}. */
    public static String humanQuota(Long n) {
        return n == null ? "unlimited" : human(n);
    }

    /** @throws IllegalArgumentException with the accepted forms */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("duration '" + text + "' is invalid; write e.g. 0, 500ms, 30s, 15m, 24h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
