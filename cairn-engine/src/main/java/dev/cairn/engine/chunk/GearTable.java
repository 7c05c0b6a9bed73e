package dev.cairn.engine.chunk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the keyed gear table: {@code gear[i]} is the little-endian unsigned 64-bit value of bytes 0..7 of
 * {@code HMAC-SHA-256(key = secret, message = ASCII "cairn-fastcdc-gear" || byte i)} for {@code i = 0..255}.
 *
 * <p>The table is as secret as the key it came from: knowing it lets an attacker predict cut points and so learn
 * about file contents from chunk sizes.
 */
final class GearTable {

    /** Length of the chunker secret, bytes. */
    static final int SECRET_LENGTH = 32;

    private static final byte[] LABEL = "cairn-fastcdc-gear".getBytes(StandardCharsets.US_ASCII);

    private GearTable() {}

    /** Returns a fresh 256-entry table for {@code secret}, which must be {@value #SECRET_LENGTH} bytes. */
    static long[] derive(byte[] secret) {
        if (secret.length != SECRET_LENGTH) {
            throw new IllegalArgumentException("chunker secret is " + secret.length + " bytes; it must be "
                    + SECRET_LENGTH + " (the repository config's chunker_secret)");
        }
        Mac mac = hmacSha256(secret);
        long[] gear = new long[256];
        byte[] message = Arrays.copyOf(LABEL, LABEL.length + 1);
        for (int i = 0; i < gear.length; i++) {
            message[LABEL.length] = (byte) i;
            gear[i] = littleEndianLong(mac.doFinal(message));
        }
        return gear;
    }

    private static Mac hmacSha256(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("chunker secret rejected by HMAC-SHA-256", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every Java platform but is missing", e);
        }
    }

    private static long littleEndianLong(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xffL);
        }
        return v;
    }
}
