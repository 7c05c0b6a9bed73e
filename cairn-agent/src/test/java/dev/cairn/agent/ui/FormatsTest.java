package dev.cairn.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void bytes() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.500 KiB");
        assertThat(Formats.bytes(3L << 20)).isEqualTo("3.000 MiB");
        assertThat(Formats.bytes(5L << 40)).isEqualTo("5.000 TiB");
    }

    @Test
    void durations() {
        assertThat(Formats.duration(0.4)).isEqualTo("0:00");
        assertThat(Formats.duration(61)).isEqualTo("1:01");
        assertThat(Formats.duration(3723)).isEqualTo("1:02:03");
    }

    @Test
    void modes() {
        assertThat(Formats.mode("dir", 0755)).isEqualTo("drwxr-xr-x");
        assertThat(Formats.mode("file", 0644)).isEqualTo("-rw-r--r--");
        assertThat(Formats.mode("symlink", 0777)).isEqualTo("lrwxrwxrwx");
        assertThat(Formats.mode("file", 04755)).isEqualTo("-rwsr-xr-x");
        assertThat(Formats.mode("dir", 01777)).isEqualTo("drwxrwxrwt");
        assertThat(Formats.mode("file", 02644)).isEqualTo("-rw-r-Sr--");
    }
}
