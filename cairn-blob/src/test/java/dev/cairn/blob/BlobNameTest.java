package dev.cairn.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BlobNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"..", "../config", "ab/cd", "ABCDEF12", "abc", "ab%2fcdefgh", "", "abcdefgh\u0000"})
    void rejectsIdsThatCouldEscapeTheLayout(String id) {
        assertThatThrownBy(() -> BlobName.of(BlobKind.PACK, id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid data id");
    }

    @Test
    void configHasOnlyOneValidName() {
        assertThat(BlobName.isValidId(BlobKind.CONFIG, "config")).isTrue();
        assertThat(BlobName.isValidId(BlobKind.CONFIG, "abcdef01")).isFalse();
        assertThat(BlobName.CONFIG.toString()).isEqualTo("config");
    }

    @Test
    void kindsRoundTripThroughTheirStableDirectoryNames() {
        for (BlobKind kind : BlobKind.values()) {
            assertThat(BlobKind.fromDirName(kind.dirName())).contains(kind);
        }
        assertThat(BlobKind.fromDirName("nope")).isEmpty();
    }
}
