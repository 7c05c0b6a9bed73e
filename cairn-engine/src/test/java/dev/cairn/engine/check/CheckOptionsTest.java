package dev.cairn.engine.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckOptionsTest {
    @Test
    void parsesAll() {
        assertThat(CheckOptions.parseSubset("all")).isEqualTo(ReadDataSubset.ALL);
        assertThat(CheckOptions.parseSubset(" ALL ")).isEqualTo(ReadDataSubset.ALL);
    }

    @Test
    void parsesPercentages() {
        assertThat(CheckOptions.parseSubset("10%")).isEqualTo(new ReadDataSubset.Percentage(10));
        assertThat(CheckOptions.parseSubset("2.5%")).isEqualTo(new ReadDataSubset.Percentage(2.5));
        assertThat(CheckOptions.parseSubset("100%")).isEqualTo(new ReadDataSubset.Percentage(100));
    }

    @Test
    void parsesGroups() {
        assertThat(CheckOptions.parseSubset("1/5")).isEqualTo(new ReadDataSubset.Group(1, 5));
        assertThat(CheckOptions.parseSubset("5/5")).isEqualTo(new ReadDataSubset.Group(5, 5));
        assertThat(CheckOptions.parseSubset("256/256")).isEqualTo(new ReadDataSubset.Group(256, 256));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"x", "%", "abc%", "NaN%", "Infinity%", "1/", "/5", "1/2/3", "a/b", "1.5/3", "10", "all%", "-1/5"})
    @DisplayName("malformed input names itself and shows the valid forms")
    void rejectsMalformedInput(String text) {
        assertThatThrownBy(() -> CheckOptions.parseSubset(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid read-data subset '" + (text == null ? "" : text) + "'")
                .hasMessageContaining("'all'").hasMessageContaining("'10%'").hasMessageContaining("'1/5'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0%", "-5%", "100.5%", "250%"})
    void rejectsPercentagesOutOfRange(String text) {
        assertThatThrownBy(() -> CheckOptions.parseSubset(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be more than 0% and at most 100%");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/5", "6/5", "1/0", "0/0", "1/257"})
    void rejectsGroupsOutOfRange(String text) {
        assertThatThrownBy(() -> CheckOptions.parseSubset(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("read-data subset " + text).hasMessageContaining("1 <= n <= m <= 256");
    }

    @Test
    @DisplayName("asking for a subset implies reading data; no subset means all")
    void subsetImpliesReadData() {
        assertThat(new CheckOptions(false, new ReadDataSubset.Group(1, 2)).readData()).isTrue();
        assertThat(new CheckOptions(false, ReadDataSubset.ALL).readData()).isFalse();
        assertThat(new CheckOptions(true, null).subset()).isEqualTo(ReadDataSubset.ALL);
        assertThat(CheckOptions.structure().readData()).isFalse();
        assertThat(CheckOptions.readAll().readData()).isTrue();
    }
}
