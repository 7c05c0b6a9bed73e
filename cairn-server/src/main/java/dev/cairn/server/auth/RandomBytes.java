package dev.cairn.server.auth;

/**
 * A source of secret random bytes (a {@link java.security.SecureRandom} in production, seeded in tests). Must be
 * thread-safe; only the composition root creates the real one.
 */
@FunctionalInterface
public interface RandomBytes {
    void nextBytes(byte[] bytes);

    /** {@code n} fresh random bytes. */
    default byte[] bytes(int n) {
        byte[] b = new byte[n];
        nextBytes(b);
        return b;
    }
}
