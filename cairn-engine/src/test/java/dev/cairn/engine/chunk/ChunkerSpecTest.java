package dev.cairn.engine.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkerSpecTest {

    @Test
    void fastCdc1MUses22MaskBitsBeforeTheAverageAnd18After() {
        ChunkerSpec spec = ChunkerSpec.FASTCDC_1M;
        assertThat(spec.avgBits()).isEqualTo(20);
        assertThat(Long.bitCount(FastCdcMasks.mask(spec.avgBits() + spec.normalizationLevel()))).isEqualTo(22);
        assertThat(FastCdcMasks.mask(22)).isEqualTo(0x0000d93767537000L);
        assertThat(FastCdcMasks.mask(18)).isEqualTo(0x0000d90707537000L);
    }

    @Test
    void everyMaskHasItsWidthInBitsAndFitsTheTwoByteShift() {
        for (int bits = FastCdcMasks.MIN_BITS; bits <= FastCdcMasks.MAX_BITS; bits++) {
            long mask = FastCdcMasks.mask(bits);
            assertThat(Long.bitCount(mask)).as("width %d", bits).isEqualTo(bits);
            assertThat(64 - Long.numberOfLeadingZeros(mask)).as("top bit of width %d", bits).isLessThanOrEqualTo(48);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fastcdc", "-X", "A B", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void rejectsBadNames(String name) {
        assertThatThrownBy(() -> new ChunkerSpec(name, 64, 256, 1024, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunker name");
    }

    @Test
    void rejectsInconsistentSizes() {
        assertThatThrownBy(() -> new ChunkerSpec("X", 63, 256, 1024, 1)).hasMessageContaining("min size 63 must be >= 64");
        assertThatThrownBy(() -> new ChunkerSpec("X", 64, 300, 1024, 1)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new ChunkerSpec("X", 256, 256, 1024, 1)).hasMessageContaining("min 256 < avg");
        assertThatThrownBy(() -> new ChunkerSpec("X", 64, 1024, 1024, 1)).hasMessageContaining("< max 1024");
        assertThatThrownBy(() -> new ChunkerSpec("X", 64, 256, 1024, 4)).hasMessageContaining("level 4 must be 0..3");
        assertThatThrownBy(() -> new ChunkerSpec("X", 64, 128, 1024, 3)).hasMessageContaining("mask widths");
    }
}
