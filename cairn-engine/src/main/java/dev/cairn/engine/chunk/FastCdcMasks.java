package dev.cairn.engine.chunk;

/**
 * The FastCDC cut masks: for a width {@code b}, a 64-bit mask with exactly {@code b} bits set, spread over bits 4..47
 * rather than packed at the bottom (the FastCDC papers report slightly better deduplication with spread bits).
 *
 * <p>The values for widths 6..17 are the C reference implementation's (destor), the larger ones come from
 * restic-FastCDC; {@code nlfiedler/fastcdc-rs} uses the same table. They are part of the format
 * ({@code docs/spec/chunker.md}) and must never change.
 */
final class FastCdcMasks {

    static final int MIN_BITS = 5;
    static final int MAX_BITS = 25;

    private static final long[] MASKS = {
        0x0000000001804110L, // 5
        0x0000000001803110L, // 6
        0x0000000018035100L, // 7
        0x0000001800035300L, // 8
        0x0000019000353000L, // 9
        0x0000590003530000L, // 10
        0x0000d90003530000L, // 11
        0x0000d90103530000L, // 12
        0x0000d90303530000L, // 13
        0x0000d90313530000L, // 14
        0x0000d90f03530000L, // 15
        0x0000d90303537000L, // 16
        0x0000d90703537000L, // 17
        0x0000d90707537000L, // 18
        0x0000d91707537000L, // 19
        0x0000d91747537000L, // 20
        0x0000d91767537000L, // 21
        0x0000d93767537000L, // 22
        0x0000d93777537000L, // 23
        0x0000d93777577000L, // 24
        0x0000db3777577000L, // 25
    };

    private FastCdcMasks() {}

    static boolean supports(int bits) {
        return bits >= MIN_BITS && bits <= MAX_BITS;
    }

    /** The mask with {@code bits} bits set. */
    static long mask(int bits) {
        if (!supports(bits)) {
            throw new IllegalArgumentException("mask width " + bits + " must be " + MIN_BITS + ".." + MAX_BITS);
        }
        return MASKS[bits - MIN_BITS];
    }
}
