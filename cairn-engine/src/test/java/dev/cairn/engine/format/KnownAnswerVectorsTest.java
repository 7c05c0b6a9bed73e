package dev.cairn.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.engine.compress.Compressor;
import dev.cairn.engine.compress.Compressors;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.Aeads;
import dev.cairn.engine.crypto.Argon2idKdf;
import dev.cairn.engine.crypto.BlobIdHasher;
import dev.cairn.engine.crypto.KdfParams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** Every registered algorithm name has a vector file, and each implementation reproduces its vector (spec §Algorithms). */
class KnownAnswerVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PLAINTEXT = "cairn known answer".getBytes(StandardCharsets.US_ASCII);

    @Test
    void everyRegisteredAlgorithmHasAVector() {
        for (String name : Algorithms.all()) {
            String path = name.startsWith("FASTCDC") ? "/vectors/chunker/" + name + ".txt" : "/vectors/" + name + ".txt";
            assertThat(KnownAnswerVectorsTest.class.getResource(path)).as("missing known-answer vector %s for %s", path, name).isNotNull();
        }
    }

    @Test
    void aesGcmMatchesVectorAndBouncyCastle() throws Exception {
        byte[] key = counting(32);
        byte[] nonce = counting(12);
        byte[] ad = "cairn-ad".getBytes(StandardCharsets.US_ASCII);
        Aead aead = Aeads.create("AES256-GCM", fixedBytes(nonce));
        byte[] sealed = aead.seal(key, PLAINTEXT, ad);
        assertThat(HEX.formatHex(sealed)).isEqualTo(vector("AES256-GCM").get("sealed")).isEqualTo(HEX.formatHex(bouncyGcm(key, nonce, ad)));
        assertThat(aead.open(key, sealed, ad)).isEqualTo(PLAINTEXT);
    }

    @Test
    void hmacMatchesVectorAndBouncyCastle() throws Exception {
        byte[] key = counting(32);
        String id = new BlobIdHasher(key).hash(PLAINTEXT).hex();
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(PLAINTEXT, 0, PLAINTEXT.length);
        byte[] expected = new byte[32];
        mac.doFinal(expected, 0);
        assertThat(id).isEqualTo(vector("HMAC-SHA256").get("id")).isEqualTo(HEX.formatHex(expected));
    }

    @Test
    void argon2idMatchesTheReferenceImplementation() throws Exception {
        byte[] key = Argon2idKdf.derive("correct horse battery staple".toCharArray(),
                "cairn-kat-salt-0123456789abcdef".getBytes(StandardCharsets.US_ASCII), new KdfParams(64, 3, 1), 32);
        assertThat(HEX.formatHex(key)).isEqualTo(vector("ARGON2ID").get("key"));
        byte[] fourLanes = Argon2idKdf.derive("correct horse battery staple".toCharArray(),
                "cairn-kat-salt-0123456789abcdef".getBytes(StandardCharsets.US_ASCII), new KdfParams(64, 3, 4), 32);
        assertThat(HEX.formatHex(fourLanes)).isEqualTo(vector("ARGON2ID").get("key_p4"));
    }

    @Test
    void zstdDecodesTheReferenceFrameAndRoundTrips() throws Exception {
        Map<String, String> v = vector("ZSTD-3");
        byte[] plain = v.get("plaintext").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = HEX.parseHex(v.get("frame"));
        Compressor zstd = Compressors.create("ZSTD-3");
        assertThat(zstd.decompress(frame, 0, frame.length, plain.length)).isEqualTo(plain);
        byte[] ours = zstd.compress(plain, 0, plain.length);
        assertThat(zstd.decompress(ours, 0, ours.length, plain.length)).isEqualTo(plain);
    }

    @Test
    void zstdDictionaryFrameNamesItsDictionaryDecodesWithItAndTheDictionaryBlobIdIsDerived() throws Exception {
        Map<String, String> v = vector("ZSTD-DICTIONARY");
        byte[] plain = v.get("plaintext").replace("\\n", "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = HEX.parseHex(v.get("frame"));
        dev.cairn.engine.compress.ZstdDictionary dictionary = dev.cairn.engine.compress.ZstdDictionary.of(HEX.parseHex(v.get("dictionary")));
        int id = Integer.parseUnsignedInt(v.get("dictionary_id"));
        assertThat(dictionary.id()).isEqualTo(id);
        assertThat(dev.cairn.engine.compress.ZstdFrames.dictionaryId(frame, 0, frame.length)).isEqualTo(id);
        Compressor zstd = Compressors.create("ZSTD-3");
        byte[] out = new byte[plain.length];
        zstd.decompressTo(frame, 0, frame.length, out, plain.length, want -> want == id ? dictionary : null);
        assertThat(out).isEqualTo(plain);
        byte[] ours = new byte[plain.length + 64];
        int n = zstd.compressTo(plain, 0, plain.length, ours, 0, ours.length, dictionary);
        assertThat(dev.cairn.engine.compress.ZstdFrames.dictionaryId(ours, 0, n)).isEqualTo(id);
        zstd.decompressTo(ours, 0, n, out, plain.length, want -> want == id ? dictionary : null);
        assertThat(out).isEqualTo(plain);

        byte[] encoded = new byte[dev.cairn.engine.crypto.MasterKey.ENCODED_LENGTH];
        System.arraycopy(counting(32), 0, encoded, 32, 32); // encryption key zero, id key = bytes 0x00..0x1f
        dev.cairn.engine.crypto.MasterKey key = dev.cairn.engine.crypto.MasterKey.decode(encoded);
        BlobCodec codec = new BlobCodec(Aeads.create("AES256-GCM", new java.util.Random(1)), zstd, new BlobIdHasher(key.idKey()), key);
        assertThat(codec.dictionaryBlobId(id).hex()).isEqualTo(v.get("dictionary_blob_id"));
    }

    @Test
    void noneStoresBytesAsTheyAre() throws Exception {
        byte[] plain = vector("NONE").get("plaintext").getBytes(StandardCharsets.US_ASCII);
        assertThat(Compressors.create("NONE").compress(plain, 0, plain.length)).isEqualTo(plain);
    }

    private static byte[] bouncyGcm(byte[] key, byte[] nonce, byte[] ad) throws Exception {
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, ad));
        byte[] out = new byte[gcm.getOutputSize(PLAINTEXT.length)];
        int n = gcm.processBytes(PLAINTEXT, 0, PLAINTEXT.length, out, 0);
        gcm.doFinal(out, n);
        byte[] sealed = new byte[12 + out.length];
        System.arraycopy(nonce, 0, sealed, 0, 12);
        System.arraycopy(out, 0, sealed, 12, out.length);
        return sealed;
    }

    static Map<String, String> vector(String name) throws IOException {
        Map<String, String> values = new HashMap<>();
        try (InputStream in = KnownAnswerVectorsTest.class.getResourceAsStream("/vectors/" + name + ".txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return values;
    }

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** A "random" source that yields the given bytes, for deterministic nonces in vectors only. */
    private static RandomGenerator fixedBytes(byte[] bytes) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(bytes, 0, out, 0, out.length);
            }
        };
    }
}
