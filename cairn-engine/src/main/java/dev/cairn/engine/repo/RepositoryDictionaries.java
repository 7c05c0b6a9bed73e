package dev.cairn.engine.repo;

import dev.cairn.engine.compress.CompressionException;
import dev.cairn.engine.compress.DictionaryTrainer;
import dev.cairn.engine.compress.ZstdDictionaries;
import dev.cairn.engine.compress.ZstdDictionary;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zstd dictionaries of one repository (spec §Dictionaries, ADR 64). Readers: a frame's Dictionary_ID gives the
 * dictionary blob's id ({@code BlobCodec#dictionaryBlobId}), so a dictionary costs one index lookup and one blob read,
 * once per process. Writers: data blobs below {@link #USE_BELOW} bytes are compressed with the repository's dictionary;
 * which one a writer uses is remembered in the local cache ({@code <cache>/<repository id>/zstd-dictionary}, the
 * Dictionary_ID in decimal), and checked against the index before use. A writer with no usable remembered dictionary
 * trains one on its first small blobs ({@link DictionaryTrainer}) and stores it (durably, indexed) before compressing
 * anything with it. The cache is never the truth: losing it costs one more dictionary (about 112 KiB), never data.
 * Thread-safe.
 */
final class RepositoryDictionaries implements ZstdDictionaries {
    /**
     * Data blobs shorter than this use the dictionary: zstd references a prepared dictionary in place for inputs up to
     * 16 KiB at level 3 (no table copy), so these cost about what they cost without one (ADR 64).
     */
    static final int USE_BELOW = 16 << 10;
    static final int SAMPLE_BYTES = 4 << 20;
    static final int DICTIONARY_SIZE = 112 << 10;
    private final Repository repo;
    private final Path hint;
    private final Map<Integer, ZstdDictionary> loaded = new ConcurrentHashMap<>();

    /** @param hint the file remembering the writers' dictionary; null: none (no local cache) */
    RepositoryDictionaries(Repository repo, Path hint) {
        this.repo = repo;
        this.hint = hint;
    }

    @Override
    public ZstdDictionary get(int id) {
        ZstdDictionary d = loaded.get(id);
        if (d != null) {
            return d;
        }
        try {
            BlobId blob = repo.codec().dictionaryBlobId(id);
            if (!repo.index().contains(blob)) {
                return null; // the caller reports the blob that needs it as unreadable
            }
            d = ZstdDictionary.of(repo.loadBlob(BlobType.DICTIONARY, blob));
        } catch (IOException e) {
            throw new CompressionException("zstd dictionary " + Integer.toUnsignedString(id) + " cannot be read: "
                    + e.getMessage(), e);
        }
        if (d.id() != id) {
            throw new CompressionException("the blob of zstd dictionary " + Integer.toUnsignedString(id) + " holds dictionary "
                    + Integer.toUnsignedString(d.id()), null);
        }
        loaded.put(id, d);
        return d;
    }

    /** The dictionary this machine's writers used last, if the repository still has it; else null. */
    ZstdDictionary remembered() {
        if (hint == null || !Files.isRegularFile(hint)) {
            return null;
        }
        try {
            int id = Integer.parseUnsignedInt(Files.readString(hint, StandardCharsets.US_ASCII).strip());
            return get(id);
        } catch (IOException | NumberFormatException | CompressionException e) {
            return null; // a damaged or stale hint: train a new dictionary
        }
    }

    /** Remembers {@code d} as the writers' dictionary (best effort: a cache that cannot be written costs a dictionary). */
    void remember(ZstdDictionary d) {
        loaded.put(d.id(), d);
        if (hint == null) {
            return;
        }
        try {
            Files.createDirectories(hint.getParent());
            Path tmp = Files.createTempFile(hint.getParent(), "zstd-dictionary", ".tmp");
            Files.writeString(tmp, Integer.toUnsignedString(d.id()) + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, hint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            // the hint is an optimisation only
        }
    }
}
