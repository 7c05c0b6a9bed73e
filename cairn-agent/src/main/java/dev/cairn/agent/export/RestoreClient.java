package dev.cairn.agent.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The restore API of one server (docs/spec/http-api.md §13, "Restore"): uploads a ZIP of a decrypted copy for its diff
 * (without the attached files, {@code withoutFiles=true}), and again, whole, to apply it against that diff's change
 * sequence. Refusals become {@link ExportFailure}s carrying the
 * server's message and problem code. Not thread-safe.
 */
final class RestoreClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI server;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    RestoreClient(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    /** The server's signing key (base64). */
    String signingKey() throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(server.resolve("/api/v1/export/signing-key")).GET()
                .build());
        if (r.statusCode() != 200) {
            throw refused(r);
        }
        return JSON.readTree(r.body()).get("publicKey").asText();
    }

    /** The diff of the copy {@code zip} uploads (its attached files left out) against the workspace. */
    JsonNode diff(ZipUpload zip, Map<String, String> params) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("withoutFiles", "true");
        return post("/api/v1/workspace/restore/diff", zip, all);
    }

    /** Applies the copy {@code zip} uploads (whole) if the workspace is still at change {@code seq}. */
    JsonNode apply(ZipUpload zip, Map<String, String> params, long seq) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("seq", Long.toString(seq));
        return post("/api/v1/workspace/restore", zip, all);
    }

    private JsonNode post(String path, ZipUpload zip, Map<String, String> params) throws IOException {
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path + (query.isEmpty() ? "" : "?" + query)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/zip")
                .header("Accept", "application/json").POST(zip.publisher()).build();
        HttpResponse<String> r;
        try {
            r = send(request);
        } catch (IOException e) {
            if (zip.failure() != null) {
                throw new ExportFailure(ExportFailure.Kind.DAMAGED, "cannot read the copy to upload it: "
                        + zip.failure().getMessage(), zip.failure());
            }
            throw e;
        }
        if (r.statusCode() != 200) {
            throw refused(r);
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (java.net.ConnectException e) {
            throw new ExportFailure(ExportFailure.Kind.SERVER, "cannot reach " + server + ": " + dev.cairn.client.NetworkErrors.describe(e, server.getRawAuthority()), e);
        }
    }

    private ExportFailure refused(HttpResponse<String> r) {
        String detail = r.body();
        String code = "";
        try {
            JsonNode problem = JSON.readTree(r.body());
            detail = problem.path("detail").asText(detail);
            code = problem.path("code").asText("");
        } catch (IOException notJson) {
            detail = detail.length() > 200 ? detail.substring(0, 200) : detail;
        }
        ExportFailure.Kind kind = r.statusCode() == 401 || r.statusCode() == 403 ? ExportFailure.Kind.USAGE
                : ExportFailure.Kind.SERVER;
        return new ExportFailure(kind, server + " answered " + r.statusCode() + (code.isEmpty() ? "" : " " + code)
                + ": " + detail);
    }
}
