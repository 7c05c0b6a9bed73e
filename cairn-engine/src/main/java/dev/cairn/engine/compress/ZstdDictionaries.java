package dev.cairn.engine.compress;

/** Finds the dictionary a zstd frame names. Implementations are thread-safe. */
@FunctionalInterface
public interface ZstdDictionaries {
    /** No dictionaries: every frame that names one fails to decode. */
    ZstdDictionaries NONE = id -> null;

    /**
     * The dictionary with this Dictionary_ID, or null if there is none.
     *
     * @throws CompressionException if it exists but cannot be read (the data it stands for is then unreadable too)
     */
    ZstdDictionary get(int id);
}
