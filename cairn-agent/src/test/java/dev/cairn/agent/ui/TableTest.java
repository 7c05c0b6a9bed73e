package dev.cairn.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsColumnsAndSplitsMultiLineCells() {
        Table t = new Table("ID", "Paths", "Size").add("1a2b3c4d", "/home/a\n/srv/longer/path", "1 B").add("ff", "/x", "12.000 MiB");
        assertThat(t.render()).containsExactly(
                "ID        Paths             Size",
                "--------------------------------",
                "1a2b3c4d  /home/a           1 B",
                "          /srv/longer/path",
                "ff        /x                12.000 MiB",
                "--------------------------------");
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table("a", "b").add("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
