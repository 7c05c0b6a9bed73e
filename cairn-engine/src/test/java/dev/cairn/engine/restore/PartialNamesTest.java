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
}
