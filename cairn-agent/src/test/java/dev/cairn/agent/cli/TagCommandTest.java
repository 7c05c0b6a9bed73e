package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cairn tag")
class TagCommandTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("--add, --remove and --set rewrite the snapshot with its original time; unchanged ones keep their id")
    void tags() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String first = cli.backup("--tag", "daily", src.toString());
        String second = cli.backup(src.toString());
        JsonNode before = snapshot(cli, first);

        JsonNode added = cli.ok("tag", "--json", "--add", "keep,important", first).lastJsonLine();
        assertThat(added.get("changed_snapshots").asInt()).isEqualTo(1);
        String retagged = added.get("snapshots").get(0).get("new_snapshot_id").asText();
        JsonNode after = snapshot(cli, retagged);
        assertThat(tags(after)).containsExactly("daily", "keep", "important");
        assertThat(after.get("time").asText()).isEqualTo(before.get("time").asText());
        assertThat(after.get("tree").asText()).isEqualTo(before.get("tree").asText());
        assertThat(ids(cli)).containsExactlyInAnyOrder(retagged, second);
        assertThat(after.get("original").asText()).as("restic's original: the id before the first rewrite").isEqualTo(first);
        assertThat(snapshot(cli, second).has("original")).isFalse();
        String again = cli.ok("tag", "--json", "--add", "more", retagged).lastJsonLine().get("snapshots").get(0)
                .get("new_snapshot_id").asText();
        assertThat(snapshot(cli, again).get("original").asText()).as("a rewrite of a rewrite keeps the first id").isEqualTo(first);

        assertThat(cli.ok("tag", "--remove", "daily", "--tag", "keep").out()).contains("modified 1 snapshot");
        assertThat(cli.ok("tag", "--add", "keep", "--tag", "keep").out()).contains("modified 0 snapshots");
        assertThat(ids(cli)).contains(second);
        cli.ok("tag", "--set", "");
        for (String id : ids(cli)) {
            assertThat(tags(snapshot(cli, id))).isEmpty();
        }
        cli.ok("check");
        cli.ok("restore", "latest", "--target", tmp.resolve("out").toString());
    }

    @Test
    void usageErrors() throws Exception {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        assertThat(cli.run("tag").code()).isEqualTo(ExitCodes.USAGE);
        CliHarness.Result both = cli.run("tag", "--set", "a", "--add", "b");
        assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--set");
        assertThat(cli.run("tag", "--add", "x", "deadbeef").code()).isNotZero();
    }

    private static JsonNode snapshot(CliHarness cli, String id) {
        for (JsonNode s : cli.ok("snapshots", "--json").json()) {
            if (s.get("id").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no snapshot " + id);
    }

    private static List<String> ids(CliHarness cli) {
        List<String> out = new ArrayList<>();
        cli.ok("snapshots", "--json").json().forEach(s -> out.add(s.get("id").asText()));
        return out;
    }

    private static List<String> tags(JsonNode snapshot) {
        List<String> out = new ArrayList<>();
        if (snapshot.has("tags")) {
            snapshot.get("tags").forEach(t -> out.add(t.asText()));
        }
        return out;
    }
}
