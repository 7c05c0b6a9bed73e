package dev.cairn.server;

import dev.cairn.protocol.TokenScope;
import dev.cairn.server.account.Account;
import dev.cairn.server.auth.PasswordHasher;
import dev.cairn.server.feature.Feature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real server for tests: the production {@link ServerApp} on 127.0.0.1 port 0, with a temp data directory (SQLite
 * and local store unless {@code db} says otherwise) and fast Argon2id parameters. Plus a JDK HTTP client.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private final ServerApp app;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int port;

    private TestServer(ServerConfig config, InstantSource clock, List<Feature> features) throws IOException {
        this.app = ServerApp.start(config, clock, new SecureRandom()::nextBytes, ADMIN_PASSWORD,
                new PrintStream(out, true, StandardCharsets.UTF_8), features);
        this.port = app.port();
    }

    public static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, c -> c);
    }

    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) throws IOException {
        return start(dataDir, tweak, InstantSource.system());
    }

    /**
     * A server whose services (expiry of tokens, sessions, share links; delete grace; reservation leases) read
     * {@code clock}, e.g. a {@code MutableClock} the test advances instead of sleeping. Background jobs still run on
     * their real schedule; a test runs the job it needs through {@link #app()}.
     */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak, InstantSource clock) throws IOException {
        return start(dataDir, tweak, clock, List.of());
    }

    /** A server with {@code features} plugged in (the feature modules' tests). */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak, List<Feature> features)
            throws IOException {
        return start(dataDir, tweak, InstantSource.system(), features);
    }

    /** A server on {@code clock} with {@code features} plugged in. */
    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak, InstantSource clock,
            List<Feature> features) throws IOException {
        ServerConfig config = ServerConfig.defaults(dataDir).withListen("127.0.0.1", 0)
                .withPasswordHash(PasswordHasher.TEST);
        return new TestServer(tweak.apply(config), clock, features);
    }

    public ServerApp app() {
        return app;
    }

    public ServerCore core() {
        return app.core();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Creates an active account with password {@code name + "-password"}. */
    public Account account(String name) {
        return core().accounts().create(name, name + "@example.com", password(name), false);
    }

    public static String password(String name) {
        return name + "-password";
    }

    /** A new API token of {@code scope} for the account. */
    public String token(String account, TokenScope scope) {
        long id = core().accounts().require(account).id();
        return core().tokens().create(id, scope.wireName() + " token", scope, null).token();
    }

    /** The {@code Authorization} value for HTTP Basic {@code name:secret}. */
    public static String basic(String name, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    /** POSTs {@code body} as {@code contentType} with extra headers (name, value, ...). */
    public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** As {@link #post(String, String, byte[], String...)} with a UTF-8 text body. */
    public HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws IOException, InterruptedException {
        return post(path, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpClient client() {
        return client;
    }

    @Override
    public void close() throws IOException {
        app.close();
    }
}
