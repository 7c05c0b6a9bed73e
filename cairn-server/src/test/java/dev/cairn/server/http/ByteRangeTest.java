package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import org.junit.jupiter.api.Test;

/**
 * Positions of 19 digits past {@code Long.MAX_VALUE} in a {@code Range} header (found by {@link HttpParsersFuzzTest}):
 * they used to throw {@code NumberFormatException}, a 500; they are positions past the end of any object.
 */
class ByteRangeTest {
    private static final String HUGE = "9".repeat(19);

    @Test
    void aStartPastLongMaxIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=" + HUGE + "-", 100))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
    }

    @Test
    void anEndPastLongMaxRunsToTheEnd() {
        assertThat(ByteRange.parse("bytes=10-" + HUGE, 100)).contains(new ByteRange(10, 90));
    }

    @Test
    void aSuffixPastLongMaxIsTheWholeObject() {
        assertThat(ByteRange.parse("bytes=-" + HUGE, 100)).contains(new ByteRange(0, 100));
    }

    @Test
    void ordinaryRangesStillParse() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).contains(new ByteRange(0, 10));
        assertThat(ByteRange.parse("bytes=-5", 100)).contains(new ByteRange(95, 5));
    }
}
