package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("stats")
class StatsCommandTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("two backups of the same files count twice logically, once stored: deduplication ratio 2")
    void deduplication() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());
        cli.backup(src.toString(), "--force");

        JsonNode stats = cli.ok("stats", "--json").json();
        assertThat(stats.get("snapshot_count").asInt()).isEqualTo(2);
        assertThat(stats.get("total_logical_bytes").asLong()).isEqualTo(2 * stats.get("unique_data_bytes").asLong());
        assertThat(stats.get("deduplication_ratio").asDouble()).isEqualTo(2.0);

        String text = cli.ok("stats").out();
        assertThat(text).contains("Snapshots:", "2", "Stored size:", "MiB", "Deduplication saved:", "(50%)", "Compression saved:");
        assertThat(text).as("no internal words").doesNotContain("blob", "pack", "sealed", "plaintext", "logical");
    }
}
