package dev.cairn.engine.crypto;

import java.util.List;
import java.util.random.RandomGenerator;

/** Registry of AEAD algorithms by persisted name. */
public final class Aeads {
    private Aeads() {
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts, once per JVM, a background thread that seals and opens a few thousand small messages. The JDK's GCM decryption
     * buffers a whole message and runs ~10× slower until the JIT has compiled its intrinsic; small messages get it compiled
     * in well under a second, before restore or check start decrypting megabyte blobs (java-stack.md, "GCM cold start").
     */
    public static void warmUpInBackground() {
        if (WARMED.compareAndSet(false, true)) {
            Thread t = new Thread(Aeads::warmUp, "cairn-crypto-warmup");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    private static void warmUp() {
        Aead aead = new AesGcmAead(new java.util.SplittableRandom());
        byte[] key = new byte[32];
        byte[] message = new byte[1024];
        for (int i = 0; i < 4000; i++) {
            aead.open(key, aead.seal(key, message, null), null);
        }
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
