package dev.cairn.engine.crypto;

import java.util.List;
import java.util.random.RandomGenerator;

/** Registry of AEAD algorithms by persisted name. */
public final class Aeads {
    private Aeads() {
    }

    public static List<String> names() {
        return List.of(AesGcmAead.NAME);
    }

    /** Creates the named AEAD drawing nonces from {@code nonces} (a {@link java.security.SecureRandom} outside tests). */
    public static Aead create(String name, RandomGenerator nonces) {
        if (AesGcmAead.NAME.equals(name)) {
            return new AesGcmAead(nonces);
        }
        throw new IllegalArgumentException("unknown AEAD '" + name + "'; known: " + names());
    }
}
