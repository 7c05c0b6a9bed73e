package dev.cairn.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.format.FormatException;

/**
 * Every decoder of stored bytes ({@link Decoders}) either decodes or rejects with its documented exception: never another
 * exception, never a hang or an out-of-memory on hostile input. Under {@code mvn test} each target runs its seed corpus
 * ({@code src/test/resources/dev/cairn/engine/fuzz/DecoderFuzzTestInputs/<target>/}: valid and near-valid objects of a
 * real repository, made by {@code scripts/fuzz seeds}, and every finding kept as a regression input); {@code scripts/fuzz}
 * fuzzes each target for a set time (JAZZER_FUZZ=1).
 */
class DecoderFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void packHeader(byte[] data) {
        decodesOrRejects("packHeader", data);
    }

    @FuzzTest(maxDuration = "5s")
    void sealedPack(byte[] data) {
        decodesOrRejects("sealedPack", data);
    }

    @FuzzTest(maxDuration = "5s")
    void sealedObject(byte[] data) {
        decodesOrRejects("sealedObject", data);
    }

    @FuzzTest(maxDuration = "5s")
    void indexDocument(byte[] data) {
        try {
            Decoders.index(data);
        } catch (FormatException | IllegalArgumentException expected) {
            // rejected cleanly (IllegalArgumentException: an id or type that does not parse; the loader reports it)
        }
    }

    @FuzzTest(maxDuration = "5s")
    void snapshotDocument(byte[] data) {
        decodesOrRejects("snapshotDocument", data);
    }

    @FuzzTest(maxDuration = "5s")
    void treeDocument(byte[] data) {
        decodesOrRejects("treeDocument", data);
    }

    @FuzzTest(maxDuration = "5s")
    void keyFileDocument(byte[] data) {
        decodesOrRejects("keyFileDocument", data);
    }

    @FuzzTest(maxDuration = "5s")
    void configDocument(byte[] data) {
        decodesOrRejects("configDocument", data);
    }

    private static void decodesOrRejects(String target, byte[] data) {
        try {
            assertThat(Decoders.ALL.get(target).decode(data)).isNotNull();
        } catch (FormatException | AuthenticationFailedException expected) {
            // rejected cleanly
        }
    }
}
