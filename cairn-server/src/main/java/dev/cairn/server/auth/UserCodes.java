package dev.cairn.server.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The user codes of device sign-in (RFC 8628 §6.1): 8 letters from {@code BCDFGHJKLMNPQRSTVWXZ} (no vowels, so no
 * words; no look-alikes), shown as {@code WDJB-MJHT}. Case, spaces and dashes are ignored when typed. Stateless.
 */
public final class UserCodes {
    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int LENGTH = 8;

    private UserCodes() {
    }

    /** A new code of 8 letters (without the dash), uniformly drawn from the alphabet. */
    static String next(RandomBytes random) {
        StringBuilder code = new StringBuilder(LENGTH);
        while (code.length() < LENGTH) {
            int b = random.bytes(1)[0] & 0xff;
            if (b < 240) { // 240 = 12 * 20: no bias towards the first letters
                code.append(ALPHABET.charAt(b % ALPHABET.length()));
            }
        }
        return code.toString();
    }

    /** The code as typed, normalised to its 8 letters; empty if it cannot be a user code. */
    public static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String letters = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (letters.length() != LENGTH || !letters.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(letters);
    }

    /** {@code WDJBMJHT} as shown to people: {@code WDJB-MJHT}. */
    public static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }
}
