package dev.cairn.billing.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;

/**
 * A currency as billing uses it: its ISO 4217 code and how many decimal digits its minor unit has (EUR 2, JPY 0).
 * Amounts are longs in minor units; prices are longs in micros (millionths) of the major unit.
 */
public record CurrencyUnit(String code, int digits) {
    /** Micros per major unit. */
    public static final long MICROS = 1_000_000L;

    /** @throws IllegalArgumentException for a code that is not an ISO 4217 currency */
    public static CurrencyUnit of(String code) {
        Currency c;
        try {
            c = Currency.getInstance(code.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + code + "' is not an ISO 4217 currency code such as EUR or USD");
        }
        return new CurrencyUnit(c.getCurrencyCode(), Math.max(0, c.getDefaultFractionDigits()));
    }

    /** 10^digits: minor units per major unit. */
    public BigInteger minorPerMajor() {
        return BigInteger.TEN.pow(digits);
    }

    /** An amount in minor units as text, e.g. {@code 1234} → {@code "12.34 EUR"}. */
    public String format(long minor) {
        return plain(minor) + " " + code;
    }

    /** An amount in minor units as a plain decimal, e.g. {@code -5} → {@code "-0.05"}. */
    public String plain(long minor) {
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    /**
     * Parses an amount in major units ("12.34") to minor units, exactly.
     *
     * @throws IllegalArgumentException if it is not a decimal or has more digits than the minor unit
     */
    public long parseMinor(String text) {
        BigDecimal d = decimal(text);
        try {
            return d.movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' has more than " + digits + " decimals for " + code);
        }
    }

    /**
     * Parses a price in major units per unit ("0.0059") to micros, exactly.
     *
     * @throws IllegalArgumentException if it is not a non-negative decimal of at most 6 decimals
     */
    public static long parseMicros(String text) {
        BigDecimal d = decimal(text);
        if (d.signum() < 0) {
            throw new IllegalArgumentException("a price cannot be negative: " + text);
        }
        try {
            return d.movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' has more than 6 decimals; prices are kept to millionths");
        }
    }

    /** A price in micros as a plain decimal of the major unit ("0.0059"). */
    public static String plainMicros(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }

    private static BigDecimal decimal(String text) {
        if (text == null || !text.trim().matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw new IllegalArgumentException("'" + text + "' is not an amount such as 12 or 0.0059");
        }
        return new BigDecimal(text.trim());
    }
}
