package dev.cairn.billing.money;

import java.math.BigInteger;

/**
 * The one rounding rule of billing (ADR 36): an exact rational amount is rounded to whole minor units once, per line
 * item, half to even ("banker's rounding"); totals are sums of rounded lines, never rounded again.
 */
public final class Rounding {
    private Rounding() {
    }

    /** {@code numerator / denominator} rounded half to even; {@code denominator > 0}. */
    public static long halfEven(BigInteger numerator, BigInteger denominator) {
        if (denominator.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        BigInteger q = qr[0];
        BigInteger twice = qr[1].abs().shiftLeft(1);
        int cmp = twice.compareTo(denominator);
        if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
            q = q.add(BigInteger.valueOf(numerator.signum()));
        }
        return q.longValueExact();
    }

    /** As {@link #halfEven(BigInteger, BigInteger)} for longs (computed without overflow). */
    public static long halfEven(long numerator, long denominator) {
        return halfEven(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }
}
