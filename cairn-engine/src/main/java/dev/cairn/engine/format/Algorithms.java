package dev.cairn.engine.format;

import dev.cairn.engine.chunk.Chunkers;
import dev.cairn.engine.compress.Compressors;
import dev.cairn.engine.crypto.Aeads;
import dev.cairn.engine.crypto.Argon2idKdf;
import dev.cairn.engine.crypto.BlobIdHasher;
import java.util.ArrayList;
import java.util.List;

/** Every algorithm name a repository can record (spec §Algorithms). Each must have a known-answer vector in the tests. */
public final class Algorithms {
    private Algorithms() {
    }

    public static List<String> all() {
        List<String> names = new ArrayList<>(Chunkers.names());
        names.addAll(Aeads.names());
        names.addAll(Compressors.names());
        names.add(BlobIdHasher.NAME);
        names.add(Argon2idKdf.NAME);
        return List.copyOf(names);
    }
}
