package dev.cairn.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin CLI on a data directory: options at any level, config file with flags overriding, tokens printed once. */
class ServerCliTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ServerCli.run(args, Map.of("HOME", dir.toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                java.util.List.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dataDirIsAcceptedBeforeOrAfterTheSubcommandsArguments() {
        String data = dir.resolve("data").toString();
        Run add = run("nina's long password\n", "--data-dir", data, "account", "add", "nina", "--email",
                "nina@example.com", "--password-stdin");
        assertThat(add.code()).as(add.err()).isZero();
        Run add2 = run("omar's long password\n", "account", "add", "omar", "--email", "omar@example.com",
                "--password-stdin", "--data-dir", data);
        assertThat(add2.code()).as(add2.err()).isZero();
        Run list = run("", "account", "--data-dir", data, "list");
        assertThat(list.out()).contains("nina").contains("omar").contains("nina@example.com");
    }

    @Test
    void unlimitedQuotaReadsUnlimitedAndSizesAreHumanUnlessJson() throws Exception {
        String data = dir.resolve("data").toString();
        run("rhea's long password\n", "account", "add", "rhea", "--email", "rhea@example.com", "--password-stdin",
                "--data-dir", data);
        Run set = run("", "account", "set-quota", "rhea", "unlimited", "--data-dir", data);
        assertThat(set.out()).as(set.err()).contains("rhea: quota unlimited");
        assertThat(run("", "account", "set-quota", "rhea", "5GiB", "--data-dir", data).out())
                .contains("quota 5.0 GiB (5368709120 bytes)");
        run("", "account", "set-quota", "rhea", "unlimited", "--data-dir", data);
        Run list = run("", "account", "list", "--data-dir", data);
        String row = list.out().lines().filter(l -> l.startsWith("rhea ")).findFirst().orElseThrow();
        assertThat(row).contains("unlimited").contains(" 0 B ").doesNotContain(Long.toString(Long.MAX_VALUE));
        Run json = run("", "account", "list", "--json", "--data-dir", data);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        var rhea = java.util.stream.StreamSupport.stream(tree.spliterator(), false)
                .filter(n -> n.get("name").asText().equals("rhea")).findFirst().orElseThrow();
        assertThat(rhea.get("quotaBytes").isNull()).as(json.out()).isTrue();
        assertThat(rhea.get("storedBytes").asLong()).isZero();
        run("", "plan", "set", "tiny", "1500000", "--data-dir", data);
        assertThat(run("", "plan", "list", "--data-dir", data).out()).containsPattern("tiny\\s+1\\.4 MiB\\s+0");
        assertThat(run("", "plan", "list", "--json", "--data-dir", data).out()).contains("\"quotaBytes\" : 1500000");
    }

    @Test
    void tokenIsPrintedOnceAndListedWithoutItsSecret() {
        String data = dir.resolve("data").toString();
        run("pia's long password\n", "account", "add", "pia", "--email", "pia@example.com", "--password-stdin",
                "--data-dir", data);
        Run token = run("", "token", "add", "pia", "--scope", "append", "--name", "laptop", "--data-dir", data);
        assertThat(token.code()).as(token.err()).isZero();
        String secret = token.out().strip();
        assertThat(secret).startsWith("cairn_");
        Run list = run("", "token", "list", "pia", "--data-dir", data);
        assertThat(list.out()).contains("laptop").contains("append").doesNotContain(secret);
        Run revoke = run("", "--data-dir", data, "token", "revoke", "pia", "1");
        assertThat(revoke.code()).isZero();
        assertThat(run("", "token", "list", "pia", "--data-dir", data).out()).contains("revoked");
    }

    @Test
    void quotaPlansSuspensionAndReconcileFromTheCommandLine() {
        String data = dir.resolve("data").toString();
        run("quinn's long password\n", "account", "add", "quinn", "--email", "q@example.com", "--password-stdin",
                "--data-dir", data);
        assertThat(run("", "account", "set-quota", "quinn", "1GiB", "--data-dir", data).out())
                .contains("quota 1.0 GiB (1073741824 bytes)");
        assertThat(run("", "plan", "set", "small", "10MB", "--data-dir", data).code()).isZero();
        assertThat(run("", "account", "set-plan", "quinn", "small", "--data-dir", data).out()).contains("plan small");
        assertThat(run("", "account", "set-quota", "quinn", "plan", "--data-dir", data).out())
                .contains("quota 9.5 MiB (10000000 bytes)");
        assertThat(run("", "account", "suspend", "quinn", "--data-dir", data).code()).isZero();
        assertThat(run("", "account", "list", "--data-dir", data).out()).contains("suspended");
        assertThat(run("", "usage", "reconcile", "--data-dir", data).out()).contains("no drift");
    }

    @Test
    void configFileIsReadAndFlagsOverrideIt() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("cairn-server.yaml"), "db: sqlite:from-file.db\nsignup: closed\n");
        run("rae's long password\n", "account", "add", "rae", "--email", "rae@example.com", "--password-stdin",
                "--data-dir", data.toString());
        assertThat(data.resolve("from-file.db")).exists();
        ServerCommand root = new ServerCommand(Map.of(), System.in, System.out, java.util.List.of());
        new picocli.CommandLine(root).parseArgs("--data-dir", data.toString(), "--db", "sqlite:flag.db");
        assertThat(root.config().db()).isEqualTo("sqlite:flag.db");
        assertThat(root.config().signup().wireName()).isEqualTo("closed");
    }

    @Test
    void mistakesExitNonZeroWithAOneLineReason() {
        String data = dir.resolve("data").toString();
        Run noPassword = run("", "account", "add", "sam", "--email", "sam@example.com", "--password-stdin",
                "--data-dir", data);
        assertThat(noPassword.code()).isEqualTo(2);
        assertThat(noPassword.err()).contains("no password on standard input");
        Run unknown = run("", "account", "suspend", "nobody", "--data-dir", data);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no account named 'nobody'");
        Path bad = dir.resolve("bad.yaml");
        Run badConfig = run("", "--config", bad.toString(), "account", "list", "--data-dir", data);
        assertThat(badConfig.code()).isEqualTo(2);
        assertThat(badConfig.err()).contains("does not exist");
    }

    @Test
    void unknownConfigKeysAreErrors() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "listn: 0.0.0.0:80\n");
        Run r = run("", "account", "list", "--config", config.toString(), "--data-dir", dir.resolve("d").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'listn'");
    }
}
