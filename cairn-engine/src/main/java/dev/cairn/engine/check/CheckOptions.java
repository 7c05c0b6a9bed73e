package dev.cairn.engine.check;

import java.util.Locale;
import java.util.Objects;

/**
 * What a check does beyond the structure checks it always runs.
 *
 * @param readData whether to read packs whole and verify every blob in them; forced to true when {@code subset} is not
 *                 {@link ReadDataSubset#ALL}, since asking for a subset means asking to read it
 * @param subset   which packs to read when reading data; {@code null} means all
 */
public record CheckOptions(boolean readData, ReadDataSubset subset) {
    public CheckOptions {
        subset = Objects.requireNonNullElse(subset, ReadDataSubset.ALL);
        readData = readData || !(subset instanceof ReadDataSubset.All);
    }

    /** Structure only: index, packs headers, snapshots and trees; no pack is read whole. */
    public static CheckOptions structure() {
        return new CheckOptions(false, ReadDataSubset.ALL);
    }

    /** Structure plus reading every pack. */
    public static CheckOptions readAll() {
        return new CheckOptions(true, ReadDataSubset.ALL);
    }

    /**
     * Parses what a user typed for the read-data subset: {@code all}, a percentage such as {@code 10%} or {@code 2.5%},
     * or {@code n/m} such as {@code 1/5} (the n-th of m groups of packs).
     *
     * @throws IllegalArgumentException with a message that names the input and shows a valid example
     */
    public static ReadDataSubset parseSubset(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("all")) {
            return ReadDataSubset.ALL;
        }
        if (s.endsWith("%")) {
            return new ReadDataSubset.Percentage(number(text, s.substring(0, s.length() - 1)));
        }
        int slash = s.indexOf('/');
        if (slash > 0) {
            return new ReadDataSubset.Group((int) whole(text, s.substring(0, slash)), (int) whole(text, s.substring(slash + 1)));
        }
        throw new IllegalArgumentException(invalid(text));
    }

    private static double number(String text, String digits) {
        try {
            double d = Double.parseDouble(digits);
            if (Double.isFinite(d) && !digits.isBlank() && Character.isDigit(digits.charAt(digits.length() - 1))) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(invalid(text));
    }

    private static long whole(String text, String digits) {
        if (!digits.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(invalid(text));
        }
        return Long.parseLong(digits);
    }

    private static String invalid(String text) {
        return "invalid read-data subset '" + (text == null ? "" : text)
                + "': use 'all', a percentage of packs such as '10%', or 'n/m' such as '1/5' (the 1st of 5 groups of packs)";
    }
}
