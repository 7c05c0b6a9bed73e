package dev.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RangeInputStreamTest {
    @Test
    void yieldsExactlyTheRangeThenEndOfStream() throws IOException {
        InputStream in = new RangeInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}), 3);
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.readAllBytes()).containsExactly(2, 3);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void anUnderlyingStreamThatEndsEarlyIsAnError() {
        InputStream in = new RangeInputStream(new ByteArrayInputStream(new byte[] {1, 2}), 3);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(EOFException.class);
    }
}
