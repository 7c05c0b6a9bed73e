package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What goes into a status line: printable ASCII, one space between words, cut at a word past 300 characters. */
class ReasonPhrasesTest {
    @Test
    void controlAndNonAsciiCharactersNeverReachTheStatusLine() {
        assertThat(ReasonPhrases.sanitize("quota-exceeded: 5 MiB\r\nSet-Cookie: x=1 \u00e9t\u00e9"))
                .isEqualTo("quota-exceeded: 5 MiB Set-Cookie: x=1 ?t?");
    }

    @Test
    void longTextsAreCutAtAWord() {
        String text = "word ".repeat(100);
        String phrase = ReasonPhrases.sanitize(text);
        assertThat(phrase).hasSizeLessThanOrEqualTo(ReasonPhrases.MAX_LENGTH).endsWith("word...");
    }
}
