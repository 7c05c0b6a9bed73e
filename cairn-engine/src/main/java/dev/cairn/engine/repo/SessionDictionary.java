package dev.cairn.engine.repo;

import dev.cairn.engine.compress.Compressors;
import dev.cairn.engine.compress.DictionaryTrainer;
import dev.cairn.engine.compress.ZstdDictionary;
import java.io.IOException;
import java.util.Arrays;

/**
 * A write session's choice of zstd dictionary (spec §Dictionaries, ADR 64): the one the local cache remembers for the
 * repository if the index lists it, else one trained on the session's first small data blobs and stored (through
 * {@link Store}, which must return only once the dictionary is indexed) before it is handed out. None for format versions
 * below 3, compression {@code NONE} and dry runs. Thread-safe.
 */
final class SessionDictionary {
    /** Stores a new dictionary durably and indexed (spec §Write ordering). */
    @FunctionalInterface
    interface Store {
        void store(ZstdDictionary dictionary) throws IOException;
    }

    private final Repository repo;
    private final boolean enabled;
    private final Store store;
    private final DictionaryTrainer trainer = new DictionaryTrainer(RepositoryDictionaries.SAMPLE_BYTES,
            RepositoryDictionaries.DICTIONARY_SIZE, 3);
    private final Object lookup = new Object();
    private volatile ZstdDictionary dictionary;
    private volatile boolean lookedUp;

    SessionDictionary(Repository repo, boolean dryRun, Store store) {
        this.repo = repo;
        this.enabled = repo.config().dictionaries() && !Compressors.NONE.equals(repo.config().compression()) && !dryRun;
        this.store = store;
    }

    /** The dictionary for a data blob of {@code length} bytes, or null (compress it without one). */
    ZstdDictionary forData(int length) {
        return length < RepositoryDictionaries.USE_BELOW ? current() : null;
    }

    /**
     * Offers a data blob that was compressed without a dictionary as a training sample; the call that completes the sample
     * set trains the dictionary, stores it, and only then makes it current.
     */
    void offer(byte[] data, int off, int len) throws IOException {
        if (current() != null || !enabled || !trainer.collecting()) {
            return;
        }
        ZstdDictionary trained = trainer.offer(data, off, len);
        if (trained == null) {
            return;
        }
        ZstdDictionary stored = repo.dictionaries().get(trained.id());
        if (stored == null) {
            store.store(trained);
            stored = trained;
        } else if (!Arrays.equals(stored.bytes(), trained.bytes())) {
            return; // another dictionary has this ID (trained elsewhere from other samples): go without one
        }
        repo.dictionaries().remember(stored);
        dictionary = stored;
    }

    private ZstdDictionary current() {
        if (lookedUp) {
            return dictionary; // written before the flag
        }
        synchronized (lookup) {
            if (!lookedUp) {
                dictionary = enabled ? repo.dictionaries().remembered() : null;
                lookedUp = true;
            }
            return dictionary;
        }
    }
}
