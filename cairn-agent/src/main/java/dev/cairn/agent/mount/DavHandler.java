package dev.cairn.agent.mount;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Answers WebDAV requests, read-only: OPTIONS, PROPFIND (depth 0 or 1; infinity is refused with 403 as RFC 4918 §9.1
 * allows), GET and HEAD (single byte ranges, conditional on ETag); the methods that would change something get 405 with
 * {@code Allow}, unknown methods 501. Failures of the repository are answered with 500 and reported to {@code problems}.
 */
final class DavHandler implements HttpHandler {
    static final String ALLOW = "OPTIONS, GET, HEAD, PROPFIND";
    private static final Set<String> WRITE_METHODS = Set.of("PUT", "DELETE", "MKCOL", "COPY", "MOVE", "PROPPATCH", "LOCK",
            "UNLOCK", "POST", "PATCH", "TRACE", "CONNECT", "ACL", "SEARCH", "REPORT", "MKCALENDAR", "BIND", "UNBIND", "REBIND");
    /** Largest PROPFIND body read (real ones are a few hundred bytes). */
    static final int MAX_BODY = 64 << 10;

    private final Namespace namespace;
    private final ContentReader content;
    private final Access access;
    private final Consumer<String> problems;
    private final java.util.concurrent.locks.Lock reading;

    /** @param reading held while a request reads the repository (a refresh of the index waits for it: {@link LiveCatalog}) */
    DavHandler(Namespace namespace, ContentReader content, Access access, Consumer<String> problems,
               java.util.concurrent.locks.Lock reading) {
        this.namespace = namespace;
        this.content = content;
        this.access = access;
        this.problems = problems;
        this.reading = reading;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            Integer refused = access.refusal(ex);
            if (refused != null) {
                if (refused == 401) {
                    ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"cairn\", charset=\"UTF-8\"");
                }
                text(ex, refused, refused == 401 ? "credentials required (user cairn, the password cairn mount printed)"
                        : "this server answers only requests for localhost, 127.0.0.1 or [::1]");
                return;
            }
            reading.lock();
            try {
                dispatch(ex);
            } finally {
                reading.unlock();
            }
        } catch (BadRequestException e) {
            text(ex, 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            boolean started = ex.getResponseCode() != -1;
            if (!started || fromRepository(e)) { // else the client went away mid-body: not a problem of the mount
                problems.accept(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + ": " + e.getMessage());
            }
            if (!started) {
                text(ex, 500, "cannot read this from the repository: " + e.getMessage());
            } // else the body is cut short and the client sees an error, never wrong data
        } finally {
            ex.close();
        }
    }

    private static boolean fromRepository(Exception e) {
        return e instanceof dev.cairn.engine.repo.RepositoryException || e instanceof dev.cairn.blob.BlobStoreException
                || e instanceof RuntimeException;
    }

    private void dispatch(HttpExchange ex) throws IOException, BadRequestException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        List<String> path = DavPaths.segments(ex.getRequestURI().getRawPath());
        switch (method) {
            case "OPTIONS" -> options(ex);
            case "PROPFIND" -> propfind(ex, path);
            case "GET", "HEAD" -> get(ex, path, method.equals("HEAD"));
            default -> {
                ex.getResponseHeaders().set("Allow", ALLOW);
                boolean known = WRITE_METHODS.contains(method);
                text(ex, known ? 405 : 501, known ? "this mount is read-only" : "method " + method + " is not supported");
            }
        }
    }

    private static void options(HttpExchange ex) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("DAV", "1");
        h.set("Allow", ALLOW);
        h.set("MS-Author-Via", "DAV");
        h.set("Accept-Ranges", "bytes");
        ex.sendResponseHeaders(200, -1);
    }

    private void propfind(HttpExchange ex, List<String> path) throws IOException, BadRequestException {
        String depth = ex.getRequestHeaders().getFirst("Depth");
        depth = depth == null ? "infinity" : depth.strip().toLowerCase(Locale.ROOT);
        if (depth.equals("infinity")) {
            xml(ex, 403, "<D:error xmlns:D=\"DAV:\"><D:propfind-finite-depth/></D:error>");
            return;
        }
        if (!depth.equals("0") && !depth.equals("1")) {
            throw new BadRequestException("Depth must be 0, 1 or infinity, not '" + depth + "'");
        }
        Propfind request = Propfind.parse(body(ex));
        Resource r = namespace.resolve(path);
        if (r == null) {
            text(ex, 404, "not found");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
        ex.sendResponseHeaders(207, 0);
        Writer out = new OutputStreamWriter(ex.getResponseBody(), StandardCharsets.UTF_8);
        Multistatus m = new Multistatus(out, request);
        m.response(DavPaths.href(path, r.collection()), r);
        if (depth.equals("1") && r.collection()) {
            List<String> child = new ArrayList<>(path);
            child.add("");
            namespace.children(path, r, c -> {
                child.set(child.size() - 1, c.name());
                m.response(DavPaths.href(child, c.collection()), c);
            });
        }
        m.finish();
    }

    private static byte[] body(HttpExchange ex) throws IOException, BadRequestException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY + 1);
            if (b.length > MAX_BODY) {
                throw new BadRequestException("the request body is larger than " + MAX_BODY + " bytes");
            }
            return b;
        }
    }

    private void get(HttpExchange ex, List<String> path, boolean head) throws IOException {
        Resource r = namespace.resolve(path);
        if (r == null) {
            text(ex, 404, "not found");
            return;
        }
        Headers h = ex.getResponseHeaders();
        h.set("ETag", r.etag());
        h.set("Last-Modified", HttpDates.imf(r.mtime()));
        if (matches(ex.getRequestHeaders().getFirst("If-None-Match"), r.etag())) {
            ex.sendResponseHeaders(304, -1);
            return;
        }
        if (r instanceof Resource.File file) {
            new FileResponse(ex, file, content).send(head);
        } else {
            DirectoryPage.send(ex, path, r, namespace, head);
        }
    }

    /** Whether an If-None-Match / If-Range list names {@code etag} (or is {@code *}). */
    static boolean matches(String header, String etag) {
        if (header == null) {
            return false;
        }
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    static void text(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", message + "\n");
    }

    private static void xml(HttpExchange ex, int status, String element) throws IOException {
        send(ex, status, "application/xml; charset=utf-8", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + element + "\n");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if (ex.getRequestMethod().equalsIgnoreCase("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(b.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }
}
