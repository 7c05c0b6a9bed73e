package dev.cairn.agent.daemon;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The config file's durations ({@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, {@code 1h30m}) and sizes ({@code 512KiB}). */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(s|m|h|d|w)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

    private Durations() {
    }

    /** A positive duration made of number-unit parts (s, m, h, d, w); an IllegalArgumentException says what is wrong. */
    static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            total = total.plus(unit(m.group(2)).multipliedBy(Long.parseLong(m.group(1))));
            end = m.end();
        }
        if (t.isEmpty() || end != t.length() || total.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write a number and a unit, e.g. 90s, 30m, 1h, 2d, 1h30m");
        }
        return total;
    }

    private static Duration unit(String u) {
        return switch (u) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
    }

    /** Bytes from {@code 1048576}, {@code 512KiB}, {@code 10MiB} or {@code 1GiB} (k, m, g are binary too); at least 1. */
    static long bytes(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        Matcher m = SIZE.matcher(t);
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write bytes, or a number with KiB, MiB or GiB, e.g. 2MiB");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).isEmpty() ? ' ' : m.group(2).charAt(0)) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
    }
}
