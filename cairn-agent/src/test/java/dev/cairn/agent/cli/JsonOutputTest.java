package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("--json prints parseable JSON with the documented fields")
class JsonOutputTest {
    @TempDir
    Path tmp;
    Path src;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        src = TestTrees.sample(tmp);
        cli = new CliHarness(tmp.resolve("repo"));
    }

    @Test
    void initPrintsOneDocument() {
        JsonNode init = cli.ok("init", "--json").json();
        assertThat(init.get("message_type").asText()).isEqualTo("initialized");
        assertThat(init.get("id").asText()).hasSize(64);
        assertThat(init.get("chunker").asText()).isEqualTo("FASTCDC-1M");
    }

    @Test
    @DisplayName("backup prints status events, then a summary object last")
    void backupStreamsEventsThenSummary() {
        cli.ok("init");
        List<JsonNode> lines = cli.ok("backup", "--json", src.toString(), "--tag", "a,b").jsonLines();
        assertThat(lines).extracting(l -> l.get("message_type").asText()).contains("status").last().isEqualTo("summary");
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("files_new").asLong()).isEqualTo(6);
        assertThat(summary.get("files_unmodified").asLong()).isZero();
        assertThat(summary.get("dirs_processed").asLong()).isPositive();
        assertThat(summary.get("data_added").asLong()).isGreaterThan(3 << 20);
        assertThat(summary.get("data_added_packed").asLong()).isPositive();
        assertThat(summary.get("snapshot_id").asText()).hasSize(64);
        assertThat(summary.get("partial").asBoolean()).isFalse();
        assertThat(summary.get("tags")).extracting(JsonNode::asText).containsExactly("a", "b");
        assertThat(summary.has("total_duration")).isTrue();
    }

    @Test
    void snapshotsIsAnArrayOfSnapshots() {
        cli.ok("init");
        String id = cli.backup(src.toString(), "--host", "box");
        JsonNode snaps = cli.ok("snapshots", "--json").json();
        assertThat(snaps.isArray()).isTrue();
        assertThat(snaps).hasSize(1);
        JsonNode s = snaps.get(0);
        assertThat(s.get("id").asText()).isEqualTo(id);
        assertThat(s.get("short_id").asText()).isEqualTo(id.substring(0, 8));
        assertThat(s.get("hostname").asText()).isEqualTo("box");
        assertThat(s.get("paths").get(0).asText()).isEqualTo(src.toString());
        assertThat(s.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(s.get("tree").asText()).hasSize(64);
        assertThat(s.get("summary").get("total_files").asLong()).isEqualTo(6);

        assertThat(cli.ok("snapshots", "--json", "--host", "other").json()).isEmpty();
    }

    @Test
    void lsFindDiffKeyAndVersionAreDocuments() throws Exception {
        cli.ok("init");
        String first = cli.backup(src.toString());
        TestTrees.write(src.resolve("added.txt"), "new");
        String second = cli.backup(src.toString());

        JsonNode ls = cli.ok("ls", "--json", "latest").json();
        assertThat(ls.get("snapshot").get("id").asText()).isEqualTo(second);
        assertThat(ls.get("nodes")).anySatisfy(n -> {
            assertThat(n.get("path").asText()).isEqualTo(src.resolve("big.bin").toString());
            assertThat(n.get("type").asText()).isEqualTo("file");
            assertThat(n.get("size").asLong()).isEqualTo(3 << 20);
            assertThat(n.get("permissions").asText()).startsWith("-rw");
        });

        JsonNode find = cli.ok("find", "--json", "added.*").json();
        assertThat(find).hasSize(1);
        assertThat(find.get(0).get("snapshot").asText()).isEqualTo(second);
        assertThat(find.get(0).get("matches").get(0).get("path").asText()).isEqualTo(src.resolve("added.txt").toString());

        JsonNode diff = cli.ok("diff", "--json", first, second).json();
        assertThat(diff.get("changes")).hasSize(1);
        assertThat(diff.get("summary").get("files_added").asLong()).isEqualTo(1);

        JsonNode keys = cli.ok("key", "list", "--json").json();
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("current").asBoolean()).isTrue();

        assertThat(cli.ok("version", "--json").json().get("version").asText()).isNotBlank();
    }

    @Test
    @DisplayName("restore prints status events and a summary; check and stats print one document")
    void restoreCheckStats() {
        cli.ok("init");
        cli.backup(src.toString());
        List<JsonNode> restore = cli.ok("restore", "--json", "latest", "--target", tmp.resolve("r").toString()).jsonLines();
        JsonNode summary = restore.get(restore.size() - 1);
        assertThat(summary.get("message_type").asText()).isEqualTo("summary");
        assertThat(summary.get("files_restored").asLong()).isEqualTo(6);
        assertThat(summary.get("error_count").asLong()).isZero();

        JsonNode check = cli.ok("check", "--json").json();
        assertThat(check.get("ok").asBoolean()).isTrue();
        assertThat(check.get("findings")).isEmpty();

        JsonNode stats = cli.ok("stats", "--json").json();
        assertThat(stats.isObject()).isTrue();
        assertThat(stats.size()).isPositive();
    }
}
