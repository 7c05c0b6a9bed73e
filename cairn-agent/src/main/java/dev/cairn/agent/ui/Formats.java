package dev.cairn.agent.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human formatting of sizes, times, durations and POSIX modes. Stateless. */
public final class Formats {
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Formats() {
    }

    /** {@code 512 B}, {@code 1.500 KiB}, {@code 12.000 MiB}: binary units, three decimals (as restic). */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.3f %s", v, UNITS[unit]);
    }

    /** Local date and time to the second. */
    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    /** {@code m:ss} or {@code h:mm:ss}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s % 60) : String.format(Locale.ROOT, "%d:%02d", m, s % 60);
    }

    /** {@code ls -l} style mode string, e.g. {@code drwxr-xr-x}; {@code type} is a node type name. */
    public static String mode(String type, int mode) {
        char kind = switch (type == null ? "" : type) {
            case "dir" -> 'd';
            case "symlink" -> 'l';
            case "file" -> '-';
            default -> '?';
        };
        StringBuilder sb = new StringBuilder().append(kind);
        appendTriplet(sb, mode >> 6, (mode & 04000) != 0, 's');
        appendTriplet(sb, mode >> 3, (mode & 02000) != 0, 's');
        appendTriplet(sb, mode, (mode & 01000) != 0, 't');
        return sb.toString();
    }

    private static void appendTriplet(StringBuilder sb, int bits, boolean special, char specialChar) {
        sb.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-');
        boolean x = (bits & 1) != 0;
        sb.append(special ? (x ? specialChar : Character.toUpperCase(specialChar)) : (x ? 'x' : '-'));
    }

    /** {@code 1 file} / {@code 2 files}. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** The line a command prints once when it starts waiting for a lock ({@code --retry-lock}). */
    public static String lockWait(String holder, java.time.Duration retryFor) {
        return holder + "; waiting up to " + retryFor.toString().substring(2).toLowerCase(Locale.ROOT) + " for it (--retry-lock)";
    }
}
