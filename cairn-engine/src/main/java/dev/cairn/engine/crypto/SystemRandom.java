package dev.cairn.engine.crypto;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * The operating system's CSPRNG ({@code /dev/urandom}, the kernel's generator that {@code getrandom} and Go's
 * {@code crypto/rand} use) read {@value #BATCH} bytes at a time per thread: one system call per ~340 nonces. The JDK's
 * default {@link SecureRandom} on Linux (NativePRNG) reads the same device and XORs every request with SHA1PRNG output,
 * which costs a SHA-1 block and a lock per 12-byte nonce and had the JIT compiling SecureRandom's and SHA-1's methods with
 * C2 during every backup (ADR 63). Where the device is missing (not Unix), a {@link SecureRandom} answers.
 * Thread-safe; bytes drawn by one thread are never handed to another.
 */
public final class SystemRandom implements RandomGenerator {
    static final int BATCH = 4096;
    private static final Path DEVICE = Path.of("/dev/urandom");
    /** Read with a stream, not a channel: an interrupted reader would close a channel for every thread. */
    private final FileInputStream device;
    private final SecureRandom fallback;
    private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);

    private SystemRandom(FileInputStream device, SecureRandom fallback) {
        this.device = device;
        this.fallback = fallback;
    }

    /** The system's generator: {@code /dev/urandom} if it can be opened, else a {@link SecureRandom}. */
    public static SystemRandom create() {
        return create(DEVICE);
    }

    /** As {@link #create()} with another device path (tests: a missing one selects the fallback). */
    static SystemRandom create(Path device) {
        if (Files.isReadable(device)) {
            try {
                return new SystemRandom(new FileInputStream(device.toFile()), null);
            } catch (IOException e) {
                // fall through to the JDK's generator
            }
        }
        return new SystemRandom(null, new SecureRandom());
    }

    /** Whether bytes come from the device (false: from the JDK's {@link SecureRandom}). */
    boolean readsDevice() {
        return device != null;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        if (device == null) {
            fallback.nextBytes(bytes);
            return;
        }
        Batch b = batches.get();
        int done = 0;
        while (done < bytes.length) {
            if (b.pos == BATCH) {
                refill(b.bytes);
                b.pos = 0;
            }
            int n = Math.min(bytes.length - done, BATCH - b.pos);
            System.arraycopy(b.bytes, b.pos, bytes, done, n);
            java.util.Arrays.fill(b.bytes, b.pos, b.pos + n, (byte) 0); // handed out once: not kept for a heap dump
            b.pos += n;
            done += n;
        }
    }

    @Override
    public long nextLong() {
        byte[] eight = new byte[8];
        nextBytes(eight);
        return ByteBuffer.wrap(eight).getLong();
    }

    private void refill(byte[] into) {
        try {
            for (int done = 0; done < into.length; ) {
                int n = device.read(into, done, into.length - done);
                if (n < 0) {
                    throw new IOException("the device ended");
                }
                done += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read random bytes from " + DEVICE + ": " + e.getMessage(), e);
        }
    }

    /** One thread's unread random bytes: {@code bytes[pos, BATCH)}. */
    private static final class Batch {
        final byte[] bytes = new byte[BATCH];
        int pos = BATCH;
    }
}
