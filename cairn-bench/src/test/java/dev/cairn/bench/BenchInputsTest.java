package dev.cairn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BenchInputsTest {

    @Test
    void randomInputIsDeterministicAndPinned() {
        byte[] data = BenchInputs.random(42, 1 << 20);
        assertThat(BenchInputs.random(42, 1 << 20)).isEqualTo(data);
        assertThat(BenchInputs.random(43, 1 << 20)).isNotEqualTo(data);
        // Pinned, so a change of generator (which makes old results incomparable) is noticed.
        assertThat(HexFormat.of().formatHex(data, 0, 8)).isEqualTo("359d41baf78afe0d");
    }

    @Test
    void secretIsTheDocumentedSequence() {
        byte[] secret = BenchInputs.secret();
        assertThat(secret).hasSize(32);
        for (int i = 0; i < secret.length; i++) {
            assertThat(secret[i]).isEqualTo((byte) i);
        }
    }
}
