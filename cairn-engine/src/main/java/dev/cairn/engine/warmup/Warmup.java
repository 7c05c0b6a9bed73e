package dev.cairn.engine.warmup;

import dev.cairn.engine.crypto.Argon2idKdf;
import dev.cairn.engine.index.IndexFile;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.format.RepoConfig;
import dev.cairn.engine.repo.KeyFile;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.TreeDecoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One-time JVM initialisation that opening a repository needs anyway: the JSON mapper (whose first parser initialises
 * {@code BigDecimal}'s tables, ~50 ms in a cold JVM), the deserialisers of every document type and the native KDF binding.
 * AES-GCM is not warmed here: metadata blobs are small, and restore and check warm it up themselves. Done on a daemon
 * thread so it overlaps with the caller's own start-up (argument parsing, reading the passphrase); the first real use
 * simply finds it done or waits for the class initialisation in progress.
 */
public final class Warmup {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final List<Class<?>> DOCUMENTS = List.of(KeyFile.class, RepoConfig.class, IndexFile.class, Snapshot.class);

    private Warmup() {
    }

    /**
     * Starts the warm-up, once per JVM, on a daemon thread. Optional: opening a repository works without it. Above the
     * packages whose documents it warms (repository, index, snapshot), so none of them depends on another through it.
     */
    public static void startOnce() {
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(Warmup::run, "cairn-prepare");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void run() {
        Argon2idKdf.usesNativeLibrary();
        for (Class<?> type : DOCUMENTS) {
            try {
                Json.MAPPER.readValue("{}", type); // builds and caches the deserialiser; "{}" itself may be invalid
            } catch (Exception | LinkageError e) {
                // only a warm-up: the real read reports real problems
            }
        }
        try {
            TreeDecoder.decode("{\"nodes\":[{\"name\":\"a\",\"mode\":1}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "tree");
        } catch (Exception | LinkageError e) {
            // as above
        }
    }
}
