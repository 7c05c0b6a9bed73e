package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cairn daemon} process: it runs its set, {@code cairn status} sees it, a second daemon is refused with
 * the first one's pid, {@code cairn run} goes through its control socket, SIGHUP reloads the config, SIGTERM stops it.
 */
class DaemonProcessTest {
    private static final String PASSWORD = "daemon process passphrase";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    private Result cli(String... args) {
        return cli(Map.of(), args);
    }

    private Result cli(Map<String, String> extraEnv, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("HOME", tmp.toString());
        env.put("CAIRN_CACHE_DIR", tmp.resolve("cache").toString());
        int code = Cli.run(args, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private long snapshots(Path repo) throws IOException {
        try (var s = Files.list(repo.resolve("snapshots"))) {
            return s.count();
        }
    }

    @Test
    void aRealDaemonRunsIsSeenRefusesASecondTakesRunRequestsAndReloadsOnSighup() throws Exception {
        CairnProcesses processes = new CairnProcesses(tmp, PASSWORD);
        Path repo = tmp.resolve("repo");
        processes.init(repo);
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "hello");
        Path pass = Files.writeString(tmp.resolve("pass"), PASSWORD + "\n");
        Path state = tmp.resolve("state");
        Path config = Files.writeString(tmp.resolve("daemon.yaml"), "state-dir: " + state + "\nsets:\n  home:\n    repository: "
                + repo + "\n    password-file: " + pass + "\n    sources: [" + src + "]\n    schedule: \"0 3 * * *\"\n");

        assertThat(cli("daemon", "--check-config", "--config", config.toString()).out()).contains("ok, 1 set(s): home");
        CairnProcesses.Started daemon = processes.start(repo.toString(), tmp.resolve("cache"), "daemon", "--config", config.toString());
        long pid = daemon.process().pid();
        try {
            daemon.awaitOutput("cairn daemon");
            daemon.await("the control socket is up", () -> Files.exists(state.resolve("daemon.sock")));

            Result status = cli("status", "--config", config.toString(), "--json");
            JsonNode doc = JSON.readTree(status.out());
            assertThat(doc.path("daemonRunning").asBoolean()).isTrue();
            assertThat(doc.path("pid").asLong()).isEqualTo(pid);
            assertThat(doc.path("sets").get(0).path("set").asText()).isEqualTo("home");
            assertThat(doc.path("sets").get(0).path("nextRun").asText()).contains("T03:00:00Z");

            CairnProcesses.Finished second = processes.run(repo.toString(), tmp.resolve("cache"), "daemon", "--config", config.toString());
            assertThat(second.code()).isEqualTo(1);
            assertThat(second.output()).contains("already running").contains("(pid " + pid + ")");

            Result run = cli("run", "home", "--config", config.toString());
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("through the daemon (pid " + pid + ")");
            assertThat(run.out()).contains("home: success");
            assertThat(snapshots(repo)).isEqualTo(1);
            assertThat(daemon.output()).contains("home: run requested through the control socket");

            Result text = cli("status", "--config", config.toString());
            assertThat(text.out()).contains("daemon: running (pid " + pid + ")").containsPattern("home\\s+\\S+\\s+success");

            Files.writeString(config, Files.readString(config) + "  docs:\n    repository: " + repo + "\n    password-file: " + pass
                    + "\n    sources: [" + src + "]\n    schedule: every 1d\n");
            new ProcessBuilder("kill", "-HUP", Long.toString(pid)).start().waitFor();
            daemon.awaitOutput("config reloaded");
            daemon.await("the new set ran", () -> {
                try {
                    return snapshots(repo) == 2;
                } catch (IOException e) {
                    return false;
                }
            });
            assertThat(daemon.process().isAlive()).as("SIGHUP does not end the daemon").isTrue();
        } finally {
            daemon.process().destroy(); // SIGTERM
            assertThat(daemon.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        JsonNode after = JSON.readTree(cli("status", "--config", config.toString(), "--json").out());
        assertThat(after.path("daemonRunning").asBoolean()).isFalse();
        assertThat(after.path("sets").findValuesAsText("set")).containsExactly("docs", "home");
    }

    @Test
    void aBrokenConfigIsRefusedNamingTheLine() throws Exception {
        Path config = Files.writeString(tmp.resolve("daemon.yaml"), "sets:\n  home:\n    repository: /r\n    sources: [/a]\n"
                + "    schedule: every hour\n");
        Result check = cli("daemon", "--check-config", "--config", config.toString());
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.err()).contains(config + " line 5, column 15 (sets.home.schedule): 'hour' is not a duration");
        Result start = cli("daemon", "--config", config.toString(), "--state-dir", tmp.resolve("state").toString());
        assertThat(start.code()).isEqualTo(2);
        assertThat(start.err()).contains("line 5");
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void runWithoutADaemonRunsInProcess() throws Exception {
        CairnProcesses processes = new CairnProcesses(tmp, PASSWORD);
        Path repo = tmp.resolve("repo");
        processes.init(repo);
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "hello");
        Path config = Files.writeString(tmp.resolve("daemon.yaml"), "sets:\n  home:\n    repository: " + repo
                + "\n    password-command: echo '" + PASSWORD + "'\n    sources: [" + src + "]\n    schedule: every 1h\n");
        Result run = cli("run", "home", "--config", config.toString(), "--state-dir", tmp.resolve("state").toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(snapshots(repo)).isEqualTo(1);
        Result unknown = cli("run", "nope", "--config", config.toString(), "--state-dir", tmp.resolve("state").toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no set 'nope'");
    }

    @Test
    void anUnreachableServerIsAFailedRunRetriedAtTheNextSlotWithItsReportKept() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "hello");
        Path pass = Files.writeString(tmp.resolve("pass"), PASSWORD + "\n");
        Path state = tmp.resolve("state");
        Path config = Files.writeString(tmp.resolve("daemon.yaml"), "sets:\n  home:\n    repository: http://127.0.0.1:" + port
                + "/laptop\n    password-file: " + pass + "\n    sources: [" + src + "]\n    schedule: every 1h\n");
        Map<String, String> token = Map.of("CAIRN_TOKEN", "a-device-token");

        Result run = cli(token, "run", "home", "--config", config.toString(), "--state-dir", state.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("home: failed").contains("127.0.0.1:" + port);

        JsonNode status = JSON.readTree(cli(token, "status", "--config", config.toString(), "--state-dir", state.toString(),
                "--json").out());
        JsonNode home = status.path("sets").get(0);
        assertThat(home.path("result").asText()).isEqualTo("failed");
        assertThat(home.path("message").asText()).contains("127.0.0.1:" + port);
        assertThat(java.time.Instant.parse(home.path("nextRun").asText())).as("retried at the next slot, not at once")
                .isEqualTo(java.time.Instant.parse(home.path("lastStart").asText()).plus(java.time.Duration.ofHours(1)));
        assertThat(status.path("reportsWaiting").asInt()).as("its report waits for the server").isEqualTo(1);
    }
}
