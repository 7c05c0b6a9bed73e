package dev.cairn.engine.fuzz;

import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.Aeads;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.format.RepoConfig;
import dev.cairn.engine.format.SealedFiles;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.index.IndexFile;
import dev.cairn.engine.index.MasterIndex;
import dev.cairn.engine.pack.PackHeaderCodec;
import dev.cairn.engine.pack.PackReader;
import dev.cairn.engine.repo.KeyFile;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.Tree;
import java.util.Map;
import java.util.Random;

/**
 * The eight decoders of stored bytes that {@link DecoderFuzzTest} fuzzes, by target name, each throwing its documented
 * exception on bad input. The fuzz targets catch those; {@link SeedCorpusTest} requires the valid seeds to decode.
 */
final class Decoders {
    static final MasterKey KEY = MasterKey.generate(new Random(DecoderSeeds.KEY_SEED));
    private static final Aead AEAD = Aeads.create("AES256-GCM", new Random(8));

    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] data) throws FormatException, AuthenticationFailedException;
    }

    static final Map<String, Decoder> ALL = Map.of(
            "packHeader", Decoders::packHeader,
            "sealedPack", data -> PackReader.parse(BlobId.of(new byte[32]), data, AEAD, KEY.encryptionKey()),
            "sealedObject", data -> new SealedFiles(AEAD, KEY).open("index", data),
            "indexDocument", Decoders::index,
            "snapshotDocument", data -> Json.read(data, Snapshot.class, "Snapshot"),
            "treeDocument", data -> Json.read(data, Tree.class, "Tree"),
            "keyFileDocument", data -> Json.read(data, KeyFile.class, "KeyFile"),
            "configDocument", data -> Json.read(data, RepoConfig.class, "RepoConfig"));

    private Decoders() {
    }

    /** Decodes a pack header; one that decodes must encode back to the same bytes. */
    static Object packHeader(byte[] data) throws FormatException {
        var entries = PackHeaderCodec.decode(data, 1L << 20);
        if (!java.util.Arrays.equals(PackHeaderCodec.encode(entries), data)) {
            throw new AssertionError("pack header does not round-trip: " + entries);
        }
        return entries;
    }

    /** IllegalArgumentException: an id or type that does not parse (the loader reports it as a damaged index). */
    static Object index(byte[] data) throws FormatException {
        MasterIndex index = new MasterIndex();
        index.addIndexFile(Json.read(data, IndexFile.class, "index"));
        return index;
    }
}
