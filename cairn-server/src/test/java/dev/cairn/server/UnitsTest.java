package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void sizes() {
        assertThat(Units.size("1024")).isEqualTo(1024L);
        assertThat(Units.size("500MB")).isEqualTo(500_000_000L);
        assertThat(Units.size("8GiB")).isEqualTo(8L << 30);
        assertThat(Units.size("2 kib")).isEqualTo(2048L);
        assertThat(Units.size("unlimited")).isNull();
        assertThatThrownBy(() -> Units.size("lots")).hasMessageContaining("8GiB");
    }

    @Test
    void durations() {
        assertThat(Units.duration("0")).isZero();
        assertThat(Units.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Units.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Units.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> Units.duration("soon")).hasMessageContaining("7d");
    }

    @Test
    void listenAddresses() {
        assertThat(HostPort.parse("127.0.0.1:8080")).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(HostPort.parse("[::1]:9000")).isEqualTo(new HostPort("::1", 9000));
        assertThat(HostPort.parse("8081")).isEqualTo(new HostPort("127.0.0.1", 8081));
        assertThatThrownBy(() -> HostPort.parse("localhost:http")).hasMessageContaining("HOST:PORT");
    }
}
