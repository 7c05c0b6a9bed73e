package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DeterministicRandomTest {
    @Test
    void theSequenceIsPinned() {
        // SplitMix64 from seed 0 starts with 0xe220a8397b1dcdaf; bytes are taken little-endian.
        assertThat(new DeterministicRandom(0).nextLong()).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(HexFormat.of().formatHex(DeterministicRandom.bytes(0, 8))).isEqualTo("afcd1d7b39a820e2");
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        assertThat(DeterministicRandom.bytes(42, 1000)).isEqualTo(DeterministicRandom.bytes(42, 1000));
        assertThat(DeterministicRandom.bytes(42, 1000)).isNotEqualTo(DeterministicRandom.bytes(43, 1000));
    }

    @Test
    void shorterOutputIsAPrefixOfLongerOutput() {
        byte[] longer = DeterministicRandom.bytes(7, 100);
        assertThat(DeterministicRandom.bytes(7, 13)).containsExactly(java.util.Arrays.copyOf(longer, 13));
    }

    @Test
    void theStreamYieldsTheSameBytesAndSupportsMarkReset() throws IOException {
        byte[] expected = DeterministicRandom.bytes(9, 100_003);
        try (InputStream in = DeterministicRandom.stream(9, 100_003)) {
            assertThat(in.readNBytes(5)).containsExactly(java.util.Arrays.copyOf(expected, 5));
            in.mark(Integer.MAX_VALUE);
            byte[] rest = in.readAllBytes();
            in.reset();
            assertThat(in.readAllBytes()).isEqualTo(rest);
            assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(expected, 5, expected.length));
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void boundedValuesStayInBounds() {
        DeterministicRandom random = new DeterministicRandom(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(random.nextInt(7)).isBetween(0, 6);
            assertThat(random.nextLong(3)).isBetween(0L, 2L);
        }
    }
}
