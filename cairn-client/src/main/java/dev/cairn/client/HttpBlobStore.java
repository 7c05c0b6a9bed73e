package dev.cairn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import dev.cairn.protocol.ApiPaths;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link BlobStore} over the server's native API: one repository of one account, authenticated with a Bearer API
 * token. Puts stream the content with its length, 256 KiB at a time ({@link LargeChunkBody}), never whole; gets stream
 * the response; ranged gets send one {@code Range} request. Failures: 404 is {@link dev.cairn.blob.BlobNotFoundException}, 409/412
 * {@link dev.cairn.blob.BlobAlreadyExistsException}, 416 or a short range {@link EOFException}, 5xx/429 and connection
 * failures {@link TransientBlobStoreException} (retry may help), anything else a permanent
 * {@link dev.cairn.blob.BlobStoreException} carrying the server's problem detail.
 *
 * <p>Ranged reads, the bulk of restores and checks, go over connections of their own ({@link DirectGets}).
 *
 * <p>Thread-safe (the JDK client is). {@link #close()} closes the ranged reads' idle connections; the
 * {@link HttpClient} belongs to the caller.
 */
public final class HttpBlobStore implements BlobStore {
    /** System property: {@code false} sends ranged reads through the JDK client too (to compare the two). */
    public static final String DIRECT_GETS = "cairn.http.directGets";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final URI server;
    private final String repo;
    private final String token;
    /** Ranged reads on connections of their own (ADR 67); null when turned off. */
    private final DirectGets direct;

    private HttpBlobStore(HttpClient client, URI server, String repo, String token) {
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
        this.repo = Objects.requireNonNull(repo, "repo");
        this.token = Objects.requireNonNull(token, "token");
        this.direct = Boolean.parseBoolean(System.getProperty(DIRECT_GETS, "true"))
                ? new DirectGets(server, client.sslContext()) : null;
    }


    /**
     * Opens repository {@code repo} on the server at {@code server} (e.g. {@code http://127.0.0.1:8080}), creating it if
     * it does not exist (which needs an {@code append} or {@code full} token).
     */
    public static HttpBlobStore open(HttpClient client, URI server, String repo, String token) throws IOException {
        HttpBlobStore store = new HttpBlobStore(client, server, repo, token);
        store.createRepo();
        return store;
    }

    /**
     * Connects to the existing (or not yet existing) repository at {@code location} without creating it, and checks
     * once that the server answers and takes the token: {@link ServerUnreachableException} naming host and port if it
     * cannot be reached, {@link SignedOutException} if the token is refused.
     */
    public static HttpBlobStore connect(HttpClient client, ServerLocation location, String token) throws IOException {
        HttpBlobStore store = new HttpBlobStore(client, location.server(), location.repo(), token);
        store.probe();
        return store;
    }

    /** Creates the repository on the server (idempotent); needs an {@code append} or {@code full} token. */
    public void createRepo() throws IOException {
        HttpResponse<byte[]> r = send(request(ApiPaths.REPOS + "/" + repo).PUT(HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofByteArray(), "create repository " + repo);
        check(r, null, "create repository " + repo);
    }

    private void probe() throws IOException {
        HttpRequest.Builder request = request(ApiPaths.object(repo, BlobKind.CONFIG.dirName(), "config"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> r;
        try {
            r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("connecting to " + server + " interrupted");
        } catch (IOException e) {
            throw new ServerUnreachableException(server.getRawAuthority(), e);
        }
        if (r.statusCode() >= 300 && r.statusCode() != 404) {
            check(r, null, "open repository " + repo);
        }
    }

    @Override
    public void put(BlobName name, InputStream content, long length) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (length < 0) {
            throw new IllegalArgumentException("length " + length + " must be >= 0");
        }
        HttpRequest.BodyPublisher body = length == 0 ? HttpRequest.BodyPublishers.noBody()
                : new LargeChunkBody(content, length);
        HttpRequest.Builder request = request(path(name)).header("Content-Type", "application/octet-stream").PUT(body);
        HttpResponse<byte[]> r = send(request, HttpResponse.BodyHandlers.ofByteArray(), "put " + name);
        check(r, name, "put " + name);
    }

    @Override
    public InputStream get(BlobName name) throws IOException {
        HttpResponse<InputStream> r = send(request(path(name)).GET(), STREAMED,
                "get " + name);
        return body(r, name, "get " + name);
    }

    @Override
    public InputStream get(BlobName name, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range offset " + offset + ", length " + length + " must be >= 0");
        }
        long last;
        try {
            last = Math.addExact(offset, length) - 1;
        } catch (ArithmeticException e) {
            throw new EOFException(name + ": range " + offset + "+" + length + " ends past any object");
        }
        if (length == 0) {
            if (offset > stat(name).size()) {
                throw new EOFException(name + ": offset " + offset + " is past the end");
            }
            return InputStream.nullInputStream();
        }
        InputStream fast = directGet(name, offset, length);
        if (fast != null) {
            return fast;
        }
        HttpResponse<InputStream> r = send(request(path(name)).header("Range", "bytes=" + offset + "-" + last).GET(),
                STREAMED, "get " + name);
        InputStream in = body(r, name, "get " + name);
        long got = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (r.statusCode() != 206 || got != length) {
            in.close();
            throw new EOFException(name + ": wanted " + length + " bytes at " + offset + ", the object is shorter");
        }
        return in;
    }

    /**
     * Reads the range straight into {@code dst} ({@link IntoArray}): the bulk path of restores and tree loads. A body cut
     * short is transient like a failed connection (a retry of the whole read only overwrites {@code dst} again).
     */
    @Override
    public void readRange(BlobName name, long offset, byte[] dst, int dstOffset, int length) throws IOException {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        if (length == 0 || offset < 0 || offset > Long.MAX_VALUE - length) {
            get(name, offset, length).close(); // an empty range, or the argument checks of get
            return;
        }
        String what = "get " + name;
        InputStream fast = directGet(name, offset, length);
        if (fast != null) {
            try (fast) {
                fast.readNBytes(dst, dstOffset, length); // exactly length bytes, or an EOFException
            } catch (IOException e) {
                throw new TransientBlobStoreException(NetworkErrors.failed(what, e, server.getRawAuthority()), e);
            }
            return;
        }
        HttpResponse<byte[]> r = send(request(path(name)).header("Range", "bytes=" + offset + "-" + (offset + length - 1))
                .GET(), info -> info.statusCode() >= 300 ? HttpResponse.BodySubscribers.ofByteArray()
                : info.statusCode() == 206 && info.headers().firstValueAsLong("Content-Length").orElse(-1) == length
                ? new IntoArray(dst, dstOffset, length) : HttpResponse.BodySubscribers.replacing(new byte[0]), what);
        check(r, name, what);
        if (r.body() != null) {
            throw new EOFException(name + ": wanted " + length + " bytes at " + offset + ", the object is shorter");
        }
    }

    @Override
    public BlobInfo stat(BlobName name) throws IOException {
        HttpResponse<byte[]> r = send(request(path(name)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.ofByteArray(), "stat " + name);
        check(r, name, "stat " + name);
        long size = r.headers().firstValueAsLong("Content-Length").orElseThrow(
                () -> new IOException("stat " + name + ": the server sent no Content-Length"));
        Instant storedAt = r.headers().firstValue("Last-Modified")
                .map(date -> ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).orElse(null);
        return new BlobInfo(name, size, storedAt);
    }

    @Override
    public List<BlobInfo> list(BlobKind kind) throws IOException {
        HttpResponse<byte[]> r = send(request(ApiPaths.objects(repo, kind.dirName())).GET(),
                HttpResponse.BodyHandlers.ofByteArray(), "list " + kind.dirName());
        if (r.statusCode() == 404) {
            return List.of(); // no repository yet: no objects
        }
        check(r, null, "list " + kind.dirName());
        List<BlobInfo> infos = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(r.body())) {
            String id = entry.path("name").asText();
            if (BlobName.isValidId(kind, id)) {
                JsonNode storedAt = entry.path("storedAt");
                infos.add(new BlobInfo(BlobName.of(kind, id), entry.path("size").asLong(),
                        storedAt.isTextual() ? Instant.parse(storedAt.asText()) : null));
            }
        }
        return infos;
    }

    @Override
    public void delete(BlobName name) throws IOException {
        HttpResponse<byte[]> r = send(request(path(name)).DELETE(), HttpResponse.BodyHandlers.ofByteArray(),
                "delete " + name);
        check(r, name, "delete " + name);
    }

    /** Closes the idle connections of the ranged reads; the {@link HttpClient} belongs to the caller. */
    @Override
    public void close() {
        if (direct != null) {
            direct.close();
        }
    }

    @Override
    public String toString() {
        return "HttpBlobStore(" + server + ", repo " + repo + ")";
    }

    private String path(BlobName name) {
        return ApiPaths.object(repo, name.kind().dirName(), name.id());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token);
    }

    /**
     * The range through {@link DirectGets}, or null if it is turned off or the server's answer was neither the range
     * nor a refusal of known length (then the caller asks through the JDK client). A refusal is thrown as
     * {@link #problem} maps it; an object shorter than the range is an {@link EOFException}.
     */
    private InputStream directGet(BlobName name, long offset, long length) throws IOException {
        if (direct == null) {
            return null;
        }
        String what = "get " + name;
        DirectGets.Answer answer;
        try {
            answer = direct.get(server.resolve(path(name)).getRawPath(), "Bearer " + token, offset, length);
        } catch (IOException e) {
            throw new TransientBlobStoreException(NetworkErrors.failed(what, e, server.getRawAuthority()), e);
        }
        if (answer == null || answer.body() != null) {
            return answer == null ? null : answer.body();
        }
        if (answer.status() < 300) {
            throw new EOFException(name + ": wanted " + length + " bytes at " + offset + ", the object is shorter");
        }
        throw Problems.toException(answer.status(), answer.problem(), answer.retryAfter(), name, what,
                server.getScheme() + "://" + server.getRawAuthority());
    }

    /** Bodies read as streams, with read-ahead (see {@link StreamedBody}). */
    private static final HttpResponse.BodyHandler<InputStream> STREAMED = info -> new StreamedBody();

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String what)
            throws IOException {
        try {
            return client.send(request.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(what + " interrupted");
        } catch (IOException e) {
            // refused, reset, timed out mid-run: a retry may well succeed
            throw new TransientBlobStoreException(NetworkErrors.failed(what, e, server.getRawAuthority()), e);
        }
    }

    private void check(HttpResponse<byte[]> r, BlobName name, String what) throws IOException {
        if (r.statusCode() >= 300) {
            throw problem(r, r.body(), name, what);
        }
    }

    private IOException problem(HttpResponse<?> r, byte[] body, BlobName name, String what) {
        String address = server.getScheme() + "://" + server.getRawAuthority();
        return Problems.toException(r.statusCode(), body, r.headers().firstValue("Retry-After").orElse(null), name, what,
                address);
    }

    private InputStream body(HttpResponse<InputStream> r, BlobName name, String what) throws IOException {
        if (r.statusCode() >= 300) {
            byte[] body;
            try (InputStream in = r.body()) {
                body = in.readNBytes(64 * 1024);
            }
            throw problem(r, body, name, what);
        }
        return r.body();
    }
}
