package dev.cairn.engine.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChunkersTest {

    @Test
    void registersFastCdc1MWithItsDocumentedParameters() {
        assertThat(Chunkers.names()).containsExactly("FASTCDC-1M");
        Chunker chunker = Chunkers.create("FASTCDC-1M", Inputs.SECRET);
        assertThat(chunker.spec()).isEqualTo(new ChunkerSpec("FASTCDC-1M", 262_144, 1_048_576, 4_194_304, 2));
        assertThat(chunker.spec().name()).isEqualTo("FASTCDC-1M");
    }

    @Test
    void unknownNameListsTheKnownNames() {
        assertThatThrownBy(() -> Chunkers.create("FASTCDC-2M", Inputs.SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown chunker 'FASTCDC-2M'")
                .hasMessageContaining("[FASTCDC-1M]");
    }

    @Test
    void secretMustBe32Bytes() {
        assertThatThrownBy(() -> Chunkers.create("FASTCDC-1M", new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 32");
        assertThatThrownBy(() -> Chunkers.create("FASTCDC-1M", new byte[33]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 32");
    }

    @Test
    void namesAreUnmodifiable() {
        assertThatThrownBy(() -> Chunkers.names().add("X")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void callerMayReuseTheSecretArray() {
        byte[] secret = Inputs.SECRET.clone();
        Chunker chunker = Chunkers.create("FASTCDC-1M", secret);
        java.util.Arrays.fill(secret, (byte) 0);
        byte[] data = Inputs.random(3, 6 << 20);
        assertThat(chunker.nextChunkLength(data, 0, data.length))
                .isEqualTo(Chunkers.create("FASTCDC-1M", Inputs.SECRET).nextChunkLength(data, 0, data.length));
    }
}
