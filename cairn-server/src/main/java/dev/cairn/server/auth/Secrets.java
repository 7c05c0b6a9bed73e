package dev.cairn.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** High-entropy secrets (tokens, session ids, invite codes) and their stored form. Stateless. */
public final class Secrets {
    private Secrets() {
    }

    /** A new URL-safe secret of 32 random bytes with a readable prefix, e.g. {@code cairn_…}. */
    public static String newSecret(RandomBytes random, String prefix) {
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random.bytes(32));
    }

    /**
     * The stored form of a high-entropy secret: SHA-256, hex. A slow hash is not needed because the secret has 256 bits
     * of entropy; equality lookups by this hash do not leak timing about the secret itself.
     */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
