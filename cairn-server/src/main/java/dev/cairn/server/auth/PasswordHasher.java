package dev.cairn.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, standard Base64 without padding), so the parameters travel with
 * each hash and can be raised later without invalidating old hashes (see ADR 0007).
 *
 * <p>Thread-safe. At most {@code maxConcurrent} hashes run at once, because each one allocates {@code m} KiB: that bounds
 * the memory a burst of logins can take from a server with a small heap.
 */
public final class PasswordHasher {
    /** Server defaults: m = 19 MiB, t = 2, p = 1 (the OWASP minimum for Argon2id), ~40 ms here. */
    public static final Params DEFAULT = new Params(19 * 1024, 2, 1);
    /** Fast parameters for tests only. */
    public static final Params TEST = new Params(64, 1, 1);

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Params params;
    private final RandomBytes random;
    private final Semaphore slots;

    /** Argon2id cost parameters: memory in KiB, iterations, lanes. */
    public record Params(int memoryKib, int iterations, int parallelism) {
        public Params {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2id parameters m=" + memoryKib + " KiB, t=" + iterations
                        + ", p=" + parallelism + "; need m >= 8*p, t >= 1, p >= 1");
            }
        }
    }

    public PasswordHasher(Params params, RandomBytes random, int maxConcurrent) {
        this.params = params;
        this.random = random;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    /** The PHC string of {@code password} with a fresh salt. */
    public String hash(String password) {
        byte[] salt = random.bytes(SALT_BYTES);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code phc}; false for malformed hashes. Compares in constant time. */
    public boolean verify(String password, String phc) {
        Matcher m = PHC.matcher(phc == null ? "" : phc);
        if (!m.matches()) {
            return false;
        }
        Params stored = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(m.group(5));
        byte[] actual = derive(password, b64.decode(m.group(4)), stored, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the same work as a verification, so unknown account names take as long as wrong passwords. */
    public void burn(String password) {
        derive(password, new byte[SALT_BYTES], params, HASH_BYTES);
    }

    private byte[] derive(String password, byte[] salt, Params p, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib()).withIterations(p.iterations()).withParallelism(p.parallelism())
                .withSalt(salt).build());
        byte[] out = new byte[length];
        slots.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            slots.release();
        }
        return out;
    }
}
