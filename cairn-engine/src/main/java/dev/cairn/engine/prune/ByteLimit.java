package dev.cairn.engine.prune;

import java.util.Locale;

/**
 * A limit written as restic writes it: a size in bytes with an optional binary suffix ({@code 100M}, {@code 2G},
 * {@code 1.5T}; k, m, g, t), a percentage ({@code 5%}, only where the option allows one), or {@code unlimited}.
 *
 * @param bytes   the size, when this is one (else -1)
 * @param percent the percentage, when this is one (else -1)
 */
public record ByteLimit(long bytes, double percent) {
    public static final ByteLimit UNLIMITED = new ByteLimit(Long.MAX_VALUE, -1);

    /**
     * Parses {@code text}; {@code option} names the option in errors.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static ByteLimit parse(String text, String option, boolean percentAllowed) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.equals("unlimited")) {
                return UNLIMITED;
            }
            if (s.endsWith("%") && percentAllowed) {
                double p = Double.parseDouble(s.substring(0, s.length() - 1));
                if (p < 0 || p >= 100) {
                    throw new IllegalArgumentException(option + " takes a percentage from 0 up to (not including) 100, not " + text);
                }
                return new ByteLimit(-1, p);
            }
            int unit = "kmgt".indexOf(s.isEmpty() ? ' ' : s.charAt(s.length() - 1));
            double n = Double.parseDouble(unit < 0 ? s : s.substring(0, s.length() - 1));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return new ByteLimit((long) (n * (1L << (10 * (unit + 1)))), -1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a size like 100M or 2G" + (percentAllowed ? ", a percentage like 5%" : "")
                    + " or 'unlimited', not '" + text + "'");
        }
    }

    /**
     * The unused bytes allowed beside {@code used} bytes of data: a size as it is; a percentage {@code p} of the
     * repository's data after prune, i.e. {@code unused / (used + unused) <= p}.
     */
    public long allowedBeside(long used) {
        if (percent < 0) {
            return bytes;
        }
        return (long) (used * percent / (100 - percent));
    }
}
