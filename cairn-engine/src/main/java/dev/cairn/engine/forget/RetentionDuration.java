package dev.cairn.engine.forget;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * A calendar duration of years, months, days and hours, written like restic's {@code 1y2m3d4h} (any subset, in any order;
 * a unit given twice counts once, the last wins). Subtracting it works as Go's {@code AddDate}: the date fields are
 * subtracted and the result normalised (31 October minus one month is 1 October, not 30 September), so a cut-off is the
 * same instant restic computes.
 */
public record RetentionDuration(int years, int months, int days, int hours) {
    public static final RetentionDuration ZERO = new RetentionDuration(0, 0, 0, 0);

    /**
     * Parses {@code 30d}, {@code 1y2m}, {@code 12h}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static RetentionDuration parse(String text) {
        String s = text.strip();
        int[] v = new int[4];
        int i = 0;
        while (i < s.length()) {
            int start = i;
            if (s.charAt(i) == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || (i == start + 1 && s.charAt(start) == '-')) {
                throw new IllegalArgumentException("'" + text + "' is not a duration: expected a number at '" + s.substring(start)
                        + "' (write it like 30d, 1y2m or 12h)");
            }
            if (i == s.length()) {
                throw new IllegalArgumentException("'" + text + "': no unit after " + s.substring(start)
                        + " (use y, m, d or h: 30d, 1y2m, 12h)");
            }
            int n = Integer.parseInt(s.substring(start, i));
            int unit = "ymdh".indexOf(s.charAt(i));
            if (unit < 0) {
                throw new IllegalArgumentException("'" + text + "': unknown unit '" + s.charAt(i) + "' (use y, m, d or h)");
            }
            v[unit] = n;
            i++;
        }
        return new RetentionDuration(v[0], v[1], v[2], v[3]);
    }

    public boolean isZero() {
        return years == 0 && months == 0 && days == 0 && hours == 0;
    }

    /** {@code time} minus this duration, normalised as Go's {@code t.AddDate(-y, -m, -d).Add(-h hours)}. */
    public ZonedDateTime before(ZonedDateTime time) {
        long monthIndex = (long) time.getYear() * 12 + (time.getMonthValue() - 1) - years * 12L - months;
        LocalDate firstOfMonth = LocalDate.of((int) Math.floorDiv(monthIndex, 12), (int) Math.floorMod(monthIndex, 12) + 1, 1);
        LocalDate date = firstOfMonth.plusDays(time.getDayOfMonth() - 1L - days);
        return ZonedDateTime.of(date, time.toLocalTime(), time.getZone()).minusHours(hours);
    }

    /** As restic prints it: {@code 1y2m3d4h}, leaving out zero units. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        append(b, years, 'y');
        append(b, months, 'm');
        append(b, days, 'd');
        append(b, hours, 'h');
        return b.toString();
    }

    private static void append(StringBuilder b, int n, char unit) {
        if (n != 0) {
            b.append(n).append(unit);
        }
    }
}
