package dev.cairn.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
import dev.cairn.engine.pack.PackEntry;
import dev.cairn.engine.pack.PackHeaderCodec;
import dev.cairn.engine.pack.PackReader;
import dev.cairn.engine.repo.KeyFile;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.Tree;
import java.util.List;
import java.util.Random;

/**
 * Every decoder of stored bytes either decodes or rejects with its documented exception: never another exception, never a
 * hang or an out-of-memory on hostile input. Runs in regression mode under {@code mvn test}; fuzz with {@code JAZZER_FUZZ=1}.
 */
class DecoderFuzzTest {
    private static final MasterKey KEY = MasterKey.generate(new Random(7));
    private static final Aead AEAD = Aeads.create("AES256-GCM", new Random(8));

    @FuzzTest(maxDuration = "5s")
    void packHeader(byte[] data) {
        try {
            List<PackEntry> entries = PackHeaderCodec.decode(data, 1L << 20);
            assertThat(PackHeaderCodec.encode(entries)).isEqualTo(data);
        } catch (FormatException expected) {
            // rejected cleanly
        }
    }

    @FuzzTest(maxDuration = "5s")
    void sealedPack(byte[] data) {
        try {
            PackReader.parse(BlobId.of(new byte[32]), data, AEAD, KEY.encryptionKey());
        } catch (FormatException expected) {
            // rejected cleanly
        }
    }

    @FuzzTest(maxDuration = "5s")
    void sealedObject(byte[] data) {
        try {
            new SealedFiles(AEAD, KEY).open("index", data);
        } catch (FormatException | AuthenticationFailedException expected) {
            // rejected cleanly
        }
    }

    @FuzzTest(maxDuration = "5s")
    void indexDocument(byte[] data) {
        try {
            new MasterIndex().addIndexFile(Json.read(data, IndexFile.class, "index"));
        } catch (FormatException | IllegalArgumentException expected) {
            // rejected cleanly (IllegalArgumentException: an id or type that does not parse; the loader reports it)
        }
    }

    @FuzzTest(maxDuration = "5s")
    void snapshotDocument(byte[] data) {
        decodes(data, Snapshot.class);
    }

    @FuzzTest(maxDuration = "5s")
    void treeDocument(byte[] data) {
        decodes(data, Tree.class);
    }

    @FuzzTest(maxDuration = "5s")
    void keyFileDocument(byte[] data) {
        decodes(data, KeyFile.class);
    }

    @FuzzTest(maxDuration = "5s")
    void configDocument(byte[] data) {
        decodes(data, RepoConfig.class);
    }

    private static void decodes(byte[] data, Class<?> type) {
        try {
            assertThat(Json.read(data, type, type.getSimpleName())).isNotNull();
        } catch (FormatException expected) {
            // rejected cleanly
        }
    }
}
