package dev.cairn.engine.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.compress.Compressors;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.Aeads;
import dev.cairn.engine.crypto.BlobIdHasher;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.testkit.DeterministicRandom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs built in temporary files are byte for byte the packs built in memory, re-readable, and leave no file behind. */
class PackWriterTest {
    private static final MasterKey KEY = MasterKey.generate(new Random(1));
    private static final byte[] COMPRESSIBLE = "all work and no play ".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RANDOM = DeterministicRandom.bytes(3, 700_000);

    @TempDir
    Path tmp;

    @Test
    void aPackInATempFileEqualsThePackInMemoryAndParses() throws Exception {
        byte[] inMemory;
        BlobId memoryId;
        try (PackWriter w = new PackWriter(1024)) {
            PackWriter.Finished pack = fill(w, Aeads.create("AES256-GCM", new Random(9)));
            inMemory = pack.bytes();
            memoryId = pack.id();
        }
        try (PackWriter w = PackWriter.inTempFile(tmp.resolve("scratch"))) {
            Aead aead = Aeads.create("AES256-GCM", new Random(9));
            PackWriter.Finished pack = fill(w, aead);
            assertThat(pack.bytes()).isEqualTo(inMemory);
            assertThat(pack.id()).isEqualTo(memoryId);
            assertThat(pack.length()).isEqualTo(inMemory.length);
            assertThat(PackReader.hashMatches(pack.id(), inMemory)).isTrue();
            assertThat(PackReader.parse(pack.id(), inMemory, aead, KEY.encryptionKey())).isEqualTo(pack.entries());
        }
    }

    @Test
    void manySmallBlobsAroundLargeOnesGiveTheSamePackInATempFileAsInMemory() throws Exception {
        byte[] inMemory;
        try (PackWriter w = new PackWriter(1024)) {
            inMemory = fillMixed(w, Aeads.create("AES256-GCM", new Random(11))).bytes();
        }
        try (PackWriter w = PackWriter.inTempFile(tmp)) {
            Aead aead = Aeads.create("AES256-GCM", new Random(11));
            PackWriter.Finished pack = fillMixed(w, aead);
            assertThat(pack.bytes()).isEqualTo(inMemory);
            assertThat(PackReader.parse(pack.id(), inMemory, aead, KEY.encryptionKey())).isEqualTo(pack.entries());
            assertThat(pack.entries()).hasSize(601);
        }
    }

    /** 600 blobs of 1..6,000 bytes (gathered before they are written), with the 700 KB random blob among them. */
    private static PackWriter.Finished fillMixed(PackWriter w, Aead aead) throws IOException {
        BlobCodec codec = codec(aead);
        for (int i = 0; i < 600; i++) {
            byte[] plain = i == 300 ? RANDOM : DeterministicRandom.bytes(100 + i, 1 + i * 10);
            w.add(codec.sealReusingBuffers(BlobType.DATA, codec.id(plain, 0, plain.length), plain, 0, plain.length));
        }
        byte[] last = DeterministicRandom.bytes(7, 20_000);
        w.add(codec.sealReusingBuffers(BlobType.DATA, codec.id(last, 0, last.length), last, 0, last.length));
        return w.finish(aead, KEY.encryptionKey());
    }

    @Test
    void theStreamReplaysFromItsMarkForARetryingStore() throws Exception {
        try (PackWriter w = PackWriter.inTempFile(tmp)) {
            PackWriter.Finished pack = fill(w, Aeads.create("AES256-GCM", new Random(2)));
            try (InputStream in = pack.stream()) {
                assertThat(in.markSupported()).isTrue();
                in.mark(Integer.MAX_VALUE);
                byte[] first = in.readAllBytes();
                in.reset();
                assertThat(in.readAllBytes()).isEqualTo(first).hasSize((int) pack.length());
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void theTempFileHasNoNameAndIsUnusableOnceClosed() throws Exception {
        PackWriter.Finished pack;
        try (PackWriter w = PackWriter.inTempFile(tmp)) {
            pack = fill(w, Aeads.create("AES256-GCM", new Random(2)));
            try (InputStream in = pack.stream()) {
                assertThat(in.readAllBytes()).as("the open temp file holds the pack").hasSize((int) pack.length());
            }
            try (Stream<Path> names = Files.list(tmp)) {
                assertThat(names).as("unlinked at once, so not even a crash leaves it behind").isEmpty();
            }
        }
        assertThatThrownBy(() -> pack.stream().readAllBytes()).isInstanceOf(IOException.class);
    }

    @Test
    void aTempDirectoryThatCannotBeCreatedIsNamedInTheError() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertThatThrownBy(() -> PackWriter.inTempFile(file.resolve("sub")))
                .isInstanceOf(IOException.class).hasMessageContaining(file.resolve("sub").toString())
                .hasMessageContaining("nothing was stored");
    }

    @Test
    void blobsSealedInPlaceOpenToTheirPlaintext() throws Exception {
        BlobCodec codec = codec(Aeads.create("AES256-GCM", new Random(4)));
        for (byte[] plain : List.of(COMPRESSIBLE, RANDOM, new byte[] {7}, new byte[0])) {
            BlobId id = codec.id(plain, 0, plain.length);
            BlobCodec.Sealed s = codec.sealReusingBuffers(BlobType.DATA, id, plain, 0, plain.length);
            assertThat(s.compressed()).isEqualTo(plain == COMPRESSIBLE);
            byte[] sealed = java.util.Arrays.copyOfRange(s.buffer(), s.offset(), s.offset() + s.length());
            assertThat(codec.open(BlobType.DATA, id, sealed, 0, sealed.length, s.compressed(), plain.length)).isEqualTo(plain);
        }
    }

    private static PackWriter.Finished fill(PackWriter w, Aead aead) throws IOException {
        BlobCodec codec = codec(aead);
        for (byte[] plain : List.of(COMPRESSIBLE, RANDOM)) {
            BlobId id = codec.id(plain, 0, plain.length);
            w.add(codec.sealReusingBuffers(BlobType.DATA, id, plain, 0, plain.length));
        }
        return w.finish(aead, KEY.encryptionKey());
    }

    private static BlobCodec codec(Aead aead) {
        return new BlobCodec(aead, Compressors.create("ZSTD-3"), new BlobIdHasher(KEY.idKey()), KEY);
    }
}
