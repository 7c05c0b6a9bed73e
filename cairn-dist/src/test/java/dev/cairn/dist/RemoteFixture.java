package dev.cairn.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.agent.AgentMain;
import dev.cairn.agent.cli.Cli;
import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.client.HttpBlobStore;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.ServerApp;
import dev.cairn.server.ServerConfig;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real cairn server in-process (port 0, SQLite and a local store under a temp directory, a test clock the test can
 * move) with one account, and the real agent's CLI run in-process against it with its own environment.
 */
final class RemoteFixture implements AutoCloseable {
    static final String ACCOUNT = "ann";
    static final String LOGIN_PASSWORD = "ann login Vb81-staple";
    static final String PASSPHRASE = "remote repository passphrase";
    final MutableClock clock = MutableClock.at(Instant.now());
    ServerApp server;
    final long accountId;
    final String fullToken;
    final String appendToken;
    final Path tmp;
    final Map<String, String> env = new HashMap<>();

    RemoteFixture(Path tmp) throws Exception {
        this.tmp = tmp;
        server = startServer(0);
        accountId = server.core().accounts().create(ACCOUNT, "ann@example.com", LOGIN_PASSWORD, false).id();
        fullToken = server.core().tokens().create(accountId, "admin-laptop", TokenScope.FULL, null).token();
        appendToken = server.core().tokens().create(accountId, "laptop", TokenScope.APPEND, null).token();
        env.put("CAIRN_TEST_KDF", "1");
        env.put("CAIRN_PASSWORD", PASSPHRASE);
        env.put("CAIRN_CACHE_DIR", tmp.resolve("cache").toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        env.put("HOME", tmp.resolve("home").toString());
        env.put("CAIRN_TOKEN", appendToken);
    }

    private ServerApp startServer(int port) throws Exception {
        return ServerApp.start(ServerConfig.defaults(tmp.resolve("server")).withListen("127.0.0.1", port)
                        .withPasswordHash(PasswordHasher.TEST), clock, new SecureRandom()::nextBytes, "admin password of the test",
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), ServerLauncher.FEATURES);
    }

    /** Stops the server and starts it again on the same port and data (after {@code down} ran while it was stopped). */
    void whileServerIsDown(ThrowingRunnable down) throws Exception {
        int port = server.port();
        server.close();
        try {
            down.run();
        } finally {
            server = startServer(port);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The account's run reports as {@code GET /api/v1/runs} lists them (newest first). */
    JsonNode runs() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server() + "/api/v1/runs"))
                    .header("Authorization", "Bearer " + fullToken).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET /api/v1/runs: " + r.statusCode() + " " + r.body());
            }
            return new ObjectMapper().readTree(r.body()).path("runs");
        }
    }

    String server() {
        return "http://127.0.0.1:" + server.port();
    }

    String repo(String name) {
        return server() + "/" + name;
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result ok(String... args) {
        Result r = run(args);
        if (r.code() != 0) {
            throw new AssertionError("cairn " + String.join(" ", args) + " " + r);
        }
        return r;
    }

    /** The account's ingress bytes so far, summed over the days of the server's usage counter. */
    long ingress() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server() + "/api/v1/account/usage"))
                    .header("Authorization", "Bearer " + fullToken).build(), HttpResponse.BodyHandlers.ofString());
            long sum = 0;
            for (JsonNode day : new ObjectMapper().readTree(r.body())) {
                sum += day.path("ingressBytes").asLong();
            }
            return sum;
        }
    }

    /** The objects of {@code kind} the server holds for repository {@code repo}. */
    List<BlobInfo> objects(String repo, BlobKind kind) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return HttpBlobStore.open(client, URI.create(server()), repo, fullToken).list(kind);
        }
    }

    /** The real agent as a separate process (its output appended to {@code agent.log}), with this fixture's environment. */
    Process agentProcess(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("agent.log").toFile()));
        pb.environment().putAll(env);
        return pb.start();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
