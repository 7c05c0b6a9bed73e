package dev.cairn.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("partial file names")
class PartialNamesTest {
    @Test
    @DisplayName("a name gets the suffix, unique among snapshot names and earlier choices")
    void unique() {
        Set<String> taken = new HashSet<>(Set.of("a", "a.cairn-partial"));

        assertThat(PartialNames.choose("a", taken)).isEqualTo("a.cairn-partial.1");
        assertThat(PartialNames.choose("a", taken)).isEqualTo("a.cairn-partial.2");
        assertThat(PartialNames.choose("b", taken)).isEqualTo("b.cairn-partial");
    }

    @Test
    @DisplayName("long names are shortened on a code point boundary to fit 255 bytes")
    void longNames() {
        Set<String> taken = new HashSet<>();
        String ascii = PartialNames.choose("x".repeat(255), taken);
        String emoji = PartialNames.choose("🎉".repeat(63), taken);

        assertThat(ascii).endsWith("~.cairn-partial").startsWith("xxx");
        assertThat(ascii.getBytes(StandardCharsets.UTF_8).length + 8).isLessThanOrEqualTo(255);
        assertThat(emoji).endsWith("🎉~.cairn-partial");
        assertThat(emoji.getBytes(StandardCharsets.UTF_8).length + 8).isLessThanOrEqualTo(255);
        assertThat(PartialNames.truncateUtf8("a🎉b", 4)).isEqualTo("a");
    }

    @Test
    @DisplayName("a chooser remembers only what can collide, and its choices never repeat or hit a reserved name")
    void chooser() {
        PartialNames.Chooser c = new PartialNames.Chooser(Set.of("a.cairn-partial"));
        String longName = "y".repeat(300);
        String shortened = PartialNames.choose(longName, new HashSet<>());

        assertThat(c.choose("a")).isEqualTo("a.cairn-partial.1");
        assertThat(c.choose("b")).isEqualTo("b.cairn-partial");
        String tilde = shortened.substring(0, shortened.length() - ".cairn-partial".length());
        assertThat(c.choose(tilde)).isEqualTo(shortened);
        assertThat(c.choose(longName)).isEqualTo(shortened + ".1");
        assertThat(c.choose(longName + "z")).isEqualTo(shortened + ".2");
    }
}
