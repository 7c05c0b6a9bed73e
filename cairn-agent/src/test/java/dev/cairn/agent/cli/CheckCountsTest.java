package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("check counts the same things with and without --read-data-subset")
class CheckCountsTest {
    @TempDir
    Path tmp;

    @Test
    void sameCounts() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        cli.backup(src.toString());
        JsonNode plain = cli.ok("check", "--json").json();
        JsonNode subset = cli.ok("check", "--json", "--read-data-subset", "1/2").json();
        JsonNode all = cli.ok("check", "--json", "--read-data").json();
        for (String field : new String[] {"snapshots_checked", "packs_checked", "trees_checked"}) {
            assertThat(subset.get(field)).as(field).isEqualTo(plain.get(field));
            assertThat(all.get(field)).as(field).isEqualTo(plain.get(field));
        }
        assertThat(plain.get("trees_checked").asLong()).isPositive();
        assertThat(plain.get("packs_read").asLong()).isZero();
        assertThat(all.get("packs_read").asLong()).isEqualTo(plain.get("packs_checked").asLong());
        String first = cli.ok("check").out().lines().filter(l -> l.startsWith("checked")).findFirst().orElseThrow();
        assertThat(cli.ok("check", "--read-data").out()).contains(first, "read the data of " + all.get("packs_read").asLong() + " of ");
    }
}
