package dev.cairn.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTest {

    @TempDir
    Path dir;

    @Test
    void matchingContentPasses() throws IOException {
        Path file = Files.writeString(dir.resolve("v.txt"), "a\nb\n");
        Golden.assertMatches(file, "a\nb\n", false);
    }

    @Test
    void differentContentFails() throws IOException {
        Path file = Files.writeString(dir.resolve("v.txt"), "a\nb\n");
        assertThatThrownBy(() -> Golden.assertMatches(file, "a\nc\n", false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("cairn.golden.update");
    }

    @Test
    void missingFileFailsWithTheRegenerationHint() {
        assertThatThrownBy(() -> Golden.assertMatches(dir.resolve("none.txt"), "x", false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("is missing")
                .hasMessageContaining("-Dcairn.golden.update=true");
    }

    @Test
    void updateWritesTheFileAndFailsOnce() throws IOException {
        Path file = dir.resolve("sub/v.txt");
        assertThatThrownBy(() -> Golden.assertMatches(file, "new\n", true))
                .isInstanceOf(AssertionError.class).hasMessageContaining("was updated");
        assertThat(Files.readString(file)).isEqualTo("new\n");
        Golden.assertMatches(file, "new\n", false);
    }
}
