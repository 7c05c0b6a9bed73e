package dev.cairn.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("key add, list and remove")
class KeyCommandTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("a second passphrase opens the repository; the first can then be removed")
    void secondPassphrase() throws Exception {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        String firstKey = cli.ok("key", "list", "--json").json().get(0).get("id").asText();
        Path newPass = tmp.resolve("new-pass");
        Files.writeString(newPass, "second passphrase\n");

        CliHarness.Result add = cli.ok("key", "add", "--new-password-file", newPass.toString());
        assertThat(add.out()).contains("saved new key");

        JsonNode keys = cli.ok("key", "list", "--json").json();
        assertThat(keys).hasSize(2);
        assertThat(cli.ok("key", "list").out()).contains("*", firstKey.substring(0, 8));

        CliHarness.Result removeInUse = cli.run("key", "remove", firstKey.substring(0, 8));
        assertThat(removeInUse.code()).isEqualTo(ExitCodes.FATAL);
        assertThat(removeInUse.err()).contains("in use");

        cli.env.put("CAIRN_PASSWORD", "second passphrase");
        assertThat(cli.ok("key", "list", "--json").json()).anySatisfy(k -> {
            assertThat(k.get("current").asBoolean()).isTrue();
            assertThat(k.get("id").asText()).isNotEqualTo(firstKey);
        });
        assertThat(cli.ok("key", "remove", firstKey.substring(0, 8)).out()).contains("removed key " + firstKey.substring(0, 8));
        assertThat(cli.ok("key", "list", "--json").json()).hasSize(1);

        cli.env.put("CAIRN_PASSWORD", CliHarness.PASSPHRASE);
        assertThat(cli.run("snapshots").code()).isEqualTo(ExitCodes.WRONG_PASSPHRASE);
    }

    @Test
    @DisplayName("key add without a new passphrase source and no terminal fails and says how")
    void addNeedsPassphrase() {
        CliHarness cli = CliHarness.initialised(tmp.resolve("repo"));
        CliHarness.Result r = cli.run("key", "add");
        assertThat(r.code()).isEqualTo(ExitCodes.FATAL);
        assertThat(r.err()).contains("--new-password-file");
        assertThat(cli.run("key", "remove", "ffffffff").err()).contains("no key file matches");
    }
}
