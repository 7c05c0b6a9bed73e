package dev.cairn.agent.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The export API of one server, as pull uses it: the signing key, the list of exports, and a bundle's download into a
 * {@code .part} file, resumed with {@code Range} from where an earlier download stopped. Not thread-safe. Owns an HTTP
 * client and its threads: close it (a daemon pulls on a schedule, and each pull makes a new one).
 */
final class ExportsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final URI server;
    private final String token;
    private final dev.cairn.blob.StreamThrottle downloads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** {@code downloads} paces the bundles' bytes (the daemon's {@code bandwidth: download}, {@code --limit-download}). */
    ExportsClient(URI server, String token, dev.cairn.blob.StreamThrottle downloads) {
        this.server = server;
        this.token = token;
        this.downloads = downloads;
    }

    @Override
    public void close() {
        http.close();
    }

    /** The server's signing key (base64 of the 32 bytes of its Ed25519 public key). */
    String signingKey() throws IOException {
        return json("/api/v1/export/signing-key").get("publicKey").asText();
    }

    List<RemoteExport> list() throws IOException {
        return Arrays.asList(JSON.treeToValue(json("/api/v1/workspace/exports").get("exports"),
                RemoteExport[].class));
    }

    /**
     * Brings {@code part} to the whole encrypted bundle: asks for the bytes after those it holds (206 appends; a 200
     * means the server sent everything, which replaces them). Returns the offset it resumed at (0: from the start).
     */
    long download(RemoteExport e, Path part) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (e.bytes() != null && have > e.bytes()) {
            Files.delete(part);
            have = 0;
        }
        if (e.bytes() != null && have == e.bytes()) {
            return have;
        }
        HttpRequest.Builder b = request(e.href());
        if (have > 0) {
            b.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> r = send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200 && r.statusCode() != 206) {
            throw refused(r.statusCode(), new String(r.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        boolean append = r.statusCode() == 206;
        try (InputStream in = downloads.wrap(r.body()); OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            in.transferTo(out);
        }
        return append ? have : 0;
    }

    private JsonNode json(String path) throws IOException {
        HttpResponse<String> r = send(request(path).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw refused(r.statusCode(), r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (java.net.ConnectException e) {
            throw new ExportFailure(ExportFailure.Kind.SERVER, "cannot reach " + server + ": " + dev.cairn.client.NetworkErrors.describe(e, server.getRawAuthority()), e);
        }
    }

    private ExportFailure refused(int status, String body) {
        String detail = body;
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.hasNonNull("detail")) {
                detail = problem.get("detail").asText();
            }
        } catch (IOException notJson) {
            detail = body.length() > 200 ? body.substring(0, 200) : body;
        }
        return new ExportFailure(status == 401 || status == 403 ? ExportFailure.Kind.USAGE : ExportFailure.Kind.SERVER,
                server + " answered " + status + ": " + detail);
    }
}
