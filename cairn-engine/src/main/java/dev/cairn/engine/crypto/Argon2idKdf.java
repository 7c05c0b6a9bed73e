package dev.cairn.engine.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * {@code ARGON2ID} (RFC 9106, version 0x13): passphrase (UTF-8) + salt → key-encryption key. Uses the system's reference
 * library when present ({@link NativeArgon2}: faster at start-up, work area off the Java heap), Bouncy Castle otherwise; the
 * two give identical output (ADR 5). Thread-safe.
 */
public final class Argon2idKdf {
    public static final String NAME = "ARGON2ID";

    private Argon2idKdf() {
    }

    /** Derives {@code length} bytes; costs about {@code params.memoryKiB()} KiB of memory and a fraction of a second at defaults. */
    public static byte[] derive(char[] passphrase, byte[] salt, KdfParams params, int length) {
        byte[] pass = new String(passphrase).getBytes(StandardCharsets.UTF_8);
        try {
            return NativeArgon2.instance().map(lib -> lib.derive(pass, salt, params, length))
                    .orElseGet(() -> deriveInJava(pass, salt, params, length));
        } finally {
            java.util.Arrays.fill(pass, (byte) 0);
        }
    }

    /** Whether the native library is in use (for diagnostics and tests). */
    public static boolean usesNativeLibrary() {
        return NativeArgon2.instance().isPresent();
    }

    /** The Bouncy Castle implementation; {@code pass} is the UTF-8 passphrase (not cleared here). */
    static byte[] deriveInJava(byte[] pass, byte[] salt, KdfParams params, int length) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(p);
        byte[] out = new byte[length];
        generator.generateBytes(pass, out);
        return out;
    }
}
