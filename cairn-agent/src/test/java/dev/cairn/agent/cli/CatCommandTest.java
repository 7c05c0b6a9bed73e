package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("cat prints decrypted objects as JSON")
class CatCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    @Test
    void configSnapshotTreeKeyIndex() throws Exception {
        Path src = TestTrees.sample(tmp);
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String id = cli.backup(src.toString());

        JsonNode config = JSON.readTree(cli.ok("cat", "config").out());
        assertThat(config.get("chunker").asText()).isEqualTo("FASTCDC-1M");
        assertThat(config.get("aead").asText()).isEqualTo("AES256-GCM");

        JsonNode snapshot = JSON.readTree(cli.ok("cat", "snapshot", id.substring(0, 10)).out());
        assertThat(snapshot.get("paths").get(0).asText()).isEqualTo(src.toString());

        JsonNode tree = JSON.readTree(cli.ok("cat", "tree", snapshot.get("tree").asText()).out());
        assertThat(tree.get("nodes").isArray()).isTrue();

        String keyId = cli.ok("key", "list", "--json").json().get(0).get("id").asText();
        assertThat(JSON.readTree(cli.ok("cat", "key", keyId.substring(0, 6)).out()).get("kdf").asText()).isEqualTo("ARGON2ID");

        String indexId = java.nio.file.Files.list(cli.repo.resolve("index")).filter(p -> !p.getFileName().toString().startsWith("."))
                .findFirst().orElseThrow().getFileName().toString();
        assertThat(JSON.readTree(cli.ok("cat", "index", indexId).out()).get("packs").isArray()).isTrue();
    }

    @Test
    void badArguments() {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        assertThat(cli.run("cat", "pack").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("cat", "snapshot").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("cat", "config", "x").code()).isEqualTo(ExitCodes.USAGE);
        CliHarness.Result tree = cli.run("cat", "tree", "abc");
        assertThat(tree.code()).isEqualTo(ExitCodes.FATAL);
        assertThat(tree.err()).contains("64 hex digits");
    }
}
