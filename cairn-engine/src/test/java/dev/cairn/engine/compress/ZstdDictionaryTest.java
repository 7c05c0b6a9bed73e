package dev.cairn.engine.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.engine.fixture.TestRepos;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dictionary trained on the first small blobs shrinks later small blobs that share their vocabulary; frames name the
 * dictionary's ID, decode only with that dictionary, and plain frames decode as before.
 */
class ZstdDictionaryTest {
    private static final Compressor ZSTD = Compressors.create("ZSTD-3");
    private static ZstdDictionary dictionary;

    @BeforeAll
    static void train() {
        DictionaryTrainer trainer = new DictionaryTrainer(1 << 20, 32 << 10, 3);
        Random r = new Random(1);
        ZstdDictionary got = null;
        int offers = 0;
        while (got == null && trainer.collecting()) {
            byte[] blob = TestRepos.sourceFile(r, 2_000 + r.nextInt(6_000));
            got = trainer.offer(blob, 0, blob.length);
            offers++;
        }
        assertThat(got).as("trained after %d samples", offers).isNotNull();
        assertThat(trainer.collecting()).isFalse();
        assertThat(trainer.offer(new byte[100], 0, 100)).isNull(); // only once
        dictionary = got;
    }

    @Test
    void aTrainedDictionaryShrinksSmallBlobsOfTheSameKindAndRoundTrips() {
        Random r = new Random(2); // blobs the trainer has not seen
        long plain = 0;
        long withDictionary = 0;
        for (int i = 0; i < 50; i++) {
            byte[] blob = TestRepos.sourceFile(r, 1_000 + r.nextInt(8_000));
            byte[] out = new byte[blob.length + 64];
            int p = ZSTD.compressTo(blob, 0, blob.length, out, 0, out.length);
            int d = ZSTD.compressTo(blob, 0, blob.length, out, 0, out.length, dictionary);
            plain += p;
            withDictionary += d;
            assertThat(ZstdFrames.dictionaryId(out, 0, d)).isEqualTo(dictionary.id());
            byte[] back = new byte[blob.length];
            ZSTD.decompressTo(out, 0, d, back, blob.length, id -> id == dictionary.id() ? dictionary : null);
            assertThat(back).isEqualTo(blob);
        }
        assertThat(withDictionary).as("with the dictionary vs without").isLessThan(plain * 85 / 100);
    }

    @Test
    void aFrameThatNamesADictionaryDoesNotDecodeWithoutIt() {
        byte[] blob = TestRepos.sourceFile(new Random(3), 4_000);
        byte[] out = new byte[blob.length + 64];
        int d = ZSTD.compressTo(blob, 0, blob.length, out, 0, out.length, dictionary);
        byte[] back = new byte[blob.length];
        assertThatThrownBy(() -> ZSTD.decompressTo(out, 0, d, back, blob.length))
                .isInstanceOf(CompressionException.class)
                .hasMessageContaining("needs dictionary " + Integer.toUnsignedString(dictionary.id()));
    }

    @Test
    void plainFramesNameNoDictionaryAndDecodeWithOrWithoutDictionaries() {
        byte[] blob = TestRepos.sourceFile(new Random(4), 4_000);
        byte[] frame = ZSTD.compress(blob, 0, blob.length);
        assertThat(ZstdFrames.dictionaryId(frame, 0, frame.length)).isZero();
        byte[] back = new byte[blob.length];
        ZSTD.decompressTo(frame, 0, frame.length, back, blob.length, id -> dictionary);
        assertThat(back).isEqualTo(blob);
    }

    @Test
    void frameHeaderDictionaryIdFieldsOfEachSizeAreRead() {
        // magic, descriptor (DID flag in bits 0-1; bit 5 single segment: no window descriptor), [window], DID little-endian
        byte[] oneByte = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x21, (byte) 0xC8};
        byte[] twoBytes = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x02, 0x58, 0x00, (byte) 0x80};
        byte[] fourBytes = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x23, 0x78, 0x56, 0x34, (byte) 0x92};
        assertThat(ZstdFrames.dictionaryId(oneByte, 0, oneByte.length)).isEqualTo(0xC8);
        assertThat(ZstdFrames.dictionaryId(twoBytes, 0, twoBytes.length)).isEqualTo(0x8000);
        assertThat(Integer.toUnsignedString(ZstdFrames.dictionaryId(fourBytes, 0, fourBytes.length)))
                .isEqualTo(Long.toString(0x92345678L));
        assertThatThrownBy(() -> ZstdFrames.dictionaryId(fourBytes, 0, 7)).isInstanceOf(CompressionException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> ZstdFrames.dictionaryId(new byte[] {1, 2, 3, 4, 5}, 0, 5))
                .isInstanceOf(CompressionException.class).hasMessageContaining("no frame header");
    }

    @Test
    void bytesThatAreNoDictionaryAreRefused() {
        byte[] bytes = dictionary.bytes();
        bytes[0] ^= 1;
        assertThatThrownBy(() -> ZstdDictionary.of(bytes)).isInstanceOf(CompressionException.class)
                .hasMessageContaining("magic");
        byte[] reserved = dictionary.bytes();
        reserved[4] = 7;
        reserved[5] = 0;
        reserved[6] = 0;
        reserved[7] = 0;
        assertThatThrownBy(() -> ZstdDictionary.of(reserved)).hasMessageContaining("reserved");
        assertThat(ZstdDictionary.of(dictionary.bytes())).isEqualTo(dictionary);
    }

}
