package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.Restic;
import dev.cairn.testkit.TreeAssert;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar users run, run the way they run it: {@code ./cairn} (the launcher: JDK selection, heap, JIT directives, AOT
 * cache) with the shaded {@code cairn-dist/target/cairn.jar} that {@code package} just built. Runs in the failsafe stage
 * of {@code mvn verify} ({@code scripts/test}). The launcher must not build (CAIRN_NO_BUILD): this jar is the one tested.
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("cairn.launcher", "../cairn")).toAbsolutePath().normalize();
    private static final Path JAR = Path.of(System.getProperty("cairn.jar", "target/cairn.jar")).toAbsolutePath();
    private static final Pattern COMMAND = Pattern.compile("^  ([a-z][a-z-]*)\\s{2,}\\S", Pattern.MULTILINE);
    private static final String PASSWORD = "launcher test passphrase";
    private static final String ADMIN_PASSWORD = "launcher test admin password";

    @TempDir
    static Path tmp;

    record Result(int exit, String output) {
    }

    @BeforeAll
    static void theJarIsBuiltAndTheLauncherRunsIt() throws Exception {
        assertThat(JAR).isRegularFile();
        assertThat(LAUNCHER).isExecutable();
        Result version = cairn(Map.of(), "--version"); // the first run also prepares the AOT cache
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).contains("cairn ").doesNotContain("building the distribution");
    }

    @Test
    void everyCommandAndSubcommandHasHelp() throws Exception {
        List<List<String>> commands = new ArrayList<>();
        List<List<String>> level = List.of(List.of(), List.of("server"));
        ExecutorService runs = Executors.newFixedThreadPool(3); // each run is one launcher process; three keep two cores busy
        try {
            while (!level.isEmpty()) {
                commands.addAll(level);
                List<Future<List<List<String>>>> helps = new ArrayList<>();
                for (List<String> prefix : level) {
                    helps.add(runs.submit(() -> subcommands(prefix)));
                }
                List<List<String>> next = new ArrayList<>();
                for (Future<List<List<String>>> help : helps) {
                    next.addAll(help.get());
                }
                next.removeAll(commands); // "server" is listed by the top level's help too
                level = next;
            }
        } finally {
            runs.shutdownNow();
        }
        assertThat(commands).as("commands found in the help texts").extracting(c -> String.join(" ", c))
                .contains("init", "backup", "restore", "check", "key add", "server", "server account add", "server token add");
    }

    /** Runs {@code cairn PREFIX --help}, checks it and returns the commands it lists (PREFIX + name each). */
    private static List<List<String>> subcommands(List<String> prefix) throws Exception {
        List<String> args = new ArrayList<>(prefix);
        args.add("--help");
        Result help = cairn(Map.of(), args.toArray(String[]::new));
        assertThat(help.exit()).as("cairn %s: %s", String.join(" ", args), help.output()).isZero();
        assertThat(help.output()).as("cairn %s", String.join(" ", args)).contains("Usage:");
        List<List<String>> found = new ArrayList<>();
        int start = help.output().indexOf("Commands:");
        if (start < 0) {
            return found;
        }
        String section = help.output().substring(start).split("\n\n", 2)[0];
        Matcher m = COMMAND.matcher(section);
        while (m.find()) {
            List<String> sub = new ArrayList<>(prefix);
            sub.add(m.group(1));
            found.add(sub);
        }
        return found;
    }

    @Test
    void agentRoundTripInitBackupRestoreCheck() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("agent/source"));
        Files.write(source.resolve("big.bin"), DeterministicRandom.bytes(5, 3 << 20));
        Files.writeString(Files.createDirectories(source.resolve("docs")).resolve("notes.txt"), "cairn launcher test\n");
        Files.createSymbolicLink(source.resolve("link"), Path.of("docs/notes.txt"));
        Map<String, String> env = Map.of("CAIRN_REPOSITORY", tmp.resolve("agent/repo").toString(), "CAIRN_PASSWORD", PASSWORD);
        assertOk(cairn(env, "init"));
        assertThat(assertOk(cairn(env, "backup", source.toString())).output()).contains("snapshot");
        assertThat(assertOk(cairn(env, "snapshots")).output()).contains("1 snapshot");
        Path target = tmp.resolve("agent/target");
        assertOk(cairn(env, "restore", "latest", "--target", target.toString(), "--verify"));
        TreeAssert.assertSameTree(source, target.resolve(source.getRoot().relativize(source).toString()));
        assertOk(cairn(env, "check", "--read-data"));
        Result wrong = cairn(Map.of("CAIRN_REPOSITORY", env.get("CAIRN_REPOSITORY"), "CAIRN_PASSWORD", "wrong"), "snapshots");
        assertThat(wrong.exit()).as("exit code of a wrong passphrase (docs/cli.md)").isEqualTo(11);
    }

    @Test
    void serverStartsAnswersAndTakesAResticBackup() throws Exception {
        Restic.ensureInstalled();
        int port = freePort();
        Path data = tmp.resolve("server/data");
        Path log = tmp.resolve("server/server.log");
        Files.createDirectories(data);
        ProcessBuilder pb = launcher(Map.of("CAIRN_ADMIN_PASSWORD", ADMIN_PASSWORD), "server", "--data-dir", data.toString(),
                "--listen", "127.0.0.1:" + port).redirectOutput(log.toFile());
        Process server = pb.start();
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(client, base, server, log);
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> account = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/account"))
                    .header("Authorization", basic).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
            assertThat(account.body()).contains("\"name\":\"admin\"");

            Result token = cairn(Map.of(), "server", "token", "add", "admin", "--scope", "full", "--name", "restic",
                    "--data-dir", data.toString());
            assertOk(token);
            String secret = token.output().strip().lines().reduce((a, b) -> b).orElseThrow().strip();
            Path source = Files.createDirectories(tmp.resolve("server/source"));
            Files.write(source.resolve("data.bin"), DeterministicRandom.bytes(9, 2 << 20));
            Restic restic = new Restic("rest:http://admin:" + secret + "@127.0.0.1:" + port + "/admin/laptop/",
                    tmp.resolve("server/restic-cache"));
            assertThat(restic.run("init").ok()).isTrue();
            Restic.Result backup = restic.run("backup", "--host", "it", source.toString());
            assertThat(backup.ok()).as(backup.output()).isTrue();
            Restic.Result restore = restic.run("restore", "latest", "--target", tmp.resolve("server/target").toString());
            assertThat(restore.ok()).as(restore.output()).isTrue();
            assertThat(tmp.resolve("server/target").resolve(source.getRoot().relativize(source).toString()).resolve("data.bin"))
                    .hasSameBinaryContentAs(source.resolve("data.bin"));
            Restic.Result check = restic.run("check", "--read-data");
            assertThat(check.ok()).as(check.output()).isTrue();
        } finally {
            server.destroy(); // SIGTERM: graceful shutdown
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stopped after SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("cairn server stopped");
    }

    private static void awaitReady(HttpClient client, URI base, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                if (client.send(HttpRequest.newBuilder(base.resolve("/readyz")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("cairn server not ready within 120 s (alive: " + server.isAlive() + "):\n" + Files.readString(log));
    }

    private static Result assertOk(Result r) {
        assertThat(r.exit()).as(r.output()).isZero();
        return r;
    }

    private static Result cairn(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "cairn-", ".out");
        Process p = launcher(env, args).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("cairn %s finished", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), Files.readString(out));
    }

    private static ProcessBuilder launcher(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().put("CAIRN_NO_BUILD", "1");
        pb.environment().put("CAIRN_CACHE_DIR", tmp.resolve("cache").toString()); // never the user's ~/.cache
        pb.environment().putAll(env);
        return pb;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
