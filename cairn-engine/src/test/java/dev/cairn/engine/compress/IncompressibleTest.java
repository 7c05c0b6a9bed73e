package dev.cairn.engine.compress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.crypto.Aeads;
import dev.cairn.engine.crypto.BlobIdHasher;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.format.BlobCodec;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.testkit.DeterministicRandom;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sample test skips compression only where zstd would not have shrunk the blob: random bytes; anything with a
 * compressible part, skewed bytes and small blobs are still compressed, and blobs round-trip either way.
 */
class IncompressibleTest {
    private static final int MIB = 1 << 20;

    @Test
    void randomBytesAreSkippedAndZstdAgreesTheyWouldNotShrink() {
        byte[] random = DeterministicRandom.bytes(5, MIB);
        assertThat(Incompressible.likely(random, 0, random.length)).isTrue();
        Compressor zstd = Compressors.create("ZSTD-3");
        assertThat(zstd.compressTo(random, 0, random.length, new byte[MIB], 0, random.length - 1)).isEqualTo(-1);
    }

    @Test
    void textIsCompressed() {
        byte[] text = text(MIB);
        assertThat(Incompressible.likely(text, 0, text.length)).isFalse();
    }

    @Test
    void aCompressibleStretchLongerThanTheSampleSpacingAnywhereIsEnoughToCompress() {
        int stretch = MIB / 15 + 1024 + 1;
        byte[] random = DeterministicRandom.bytes(6, MIB);
        byte[] text = text(stretch);
        for (int at = 0; at + stretch <= MIB; at += 7_919) {
            byte[] mixed = random.clone();
            System.arraycopy(text, 0, mixed, at, text.length);
            assertThat(Incompressible.likely(mixed, 0, mixed.length)).as("text at %d", at).isFalse();
        }
    }

    @Test
    void bytesOfLowEntropyButNoRepeatsAreCompressed() {
        byte[] skewed = DeterministicRandom.bytes(7, MIB);
        for (int i = 0; i < skewed.length; i++) {
            skewed[i] &= 0x3f; // 6 bits of entropy per byte: zstd's entropy coder shrinks it by a quarter
        }
        assertThat(Incompressible.likely(skewed, 0, skewed.length)).isFalse();
        assertThat(Compressors.create("ZSTD-3").compressTo(skewed, 0, skewed.length, new byte[MIB], 0, skewed.length - 1))
                .isPositive().isLessThan(skewed.length * 4 / 5);
    }

    @Test
    void smallBlobsAndSlicesAreAlwaysTried() {
        byte[] random = DeterministicRandom.bytes(8, 2 * MIB);
        assertThat(Incompressible.likely(random, 0, Incompressible.MIN_LENGTH - 1)).isFalse();
        assertThat(Incompressible.likely(random, 12_345, Incompressible.MIN_LENGTH)).isTrue();
        byte[] text = text(MIB);
        System.arraycopy(text, 0, random, MIB, MIB);
        assertThat(Incompressible.likely(random, 0, MIB)).isTrue();
        assertThat(Incompressible.likely(random, MIB, MIB)).as("only the slice is sampled").isFalse();
    }

    @Test
    void entropyOfAHistogram() {
        int[] counts = new int[256];
        counts['a'] = 512;
        counts['b'] = 512;
        assertThat(Incompressible.bitsPerByte(counts, 1024)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        java.util.Arrays.fill(counts, 4);
        assertThat(Incompressible.bitsPerByte(counts, 1024)).isCloseTo(8.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theCodecStoresSkippedBlobsUncompressedAndOpensBoth() throws Exception {
        MasterKey key = MasterKey.generate(new Random(1));
        BlobCodec codec = new BlobCodec(Aeads.create("AES256-GCM", new Random(2)), Compressors.create("ZSTD-3"),
                new BlobIdHasher(key.idKey()), key);
        for (byte[] plain : new byte[][] {DeterministicRandom.bytes(9, MIB), text(MIB)}) {
            BlobId id = codec.id(plain, 0, plain.length);
            BlobCodec.Sealed sealed = codec.seal(BlobType.DATA, id, plain, 0, plain.length);
            assertThat(sealed.compressed()).isEqualTo(!Incompressible.likely(plain, 0, plain.length));
            byte[] copy = java.util.Arrays.copyOfRange(sealed.buffer(), sealed.offset(), sealed.offset() + sealed.length());
            assertThat(codec.open(BlobType.DATA, id, copy, 0, copy.length, sealed.compressed(), plain.length)).isEqualTo(plain);
        }
    }

    private static byte[] text(int size) {
        StringBuilder b = new StringBuilder();
        Random r = new Random(3);
        String[] words = "the of and to in is it that for on are with as be at this have from or by".split(" ");
        while (b.length() < size) {
            b.append(words[r.nextInt(words.length)]).append(r.nextInt(10) == 0 ? ".\n" : " ");
        }
        return b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
