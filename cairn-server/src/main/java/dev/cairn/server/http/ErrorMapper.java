package dev.cairn.server.http;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.TransientBlobStoreException;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.MediaTypes;
import dev.cairn.protocol.Problem;
import dev.cairn.server.db.DatabaseErrors;
import dev.cairn.server.error.ServiceException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP responses: a problem body ({@code application/problem+json}) with a stable
 * {@link ErrorCode}, or a small HTML page when a browser asks for a page. Unexpected failures are logged with their
 * stack trace and answered with a generic 500 that reveals nothing internal. Thread-safe.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private final MeterRegistry metrics;
    private final BiConsumer<Context, Problem> htmlPage;

    public ErrorMapper(MeterRegistry metrics) {
        this(metrics, (ctx, problem) -> ctx.contentType("text/html; charset=utf-8").result(HtmlPage.error(problem)));
    }

    /**
     * @param htmlPage writes the HTML page (body and page headers) for a problem, for browsers (the web UI's error
     *                 pages); the status is already set
     */
    public ErrorMapper(MeterRegistry metrics, BiConsumer<Context, Problem> htmlPage) {
        this.metrics = metrics;
        this.htmlPage = htmlPage;
    }

    /** Maps any exception a handler or the guard threw. */
    void handle(Exception e, Context ctx) {
        Problem problem = toProblem(e, ctx);
        boolean refusedForSize = problem.status() == 413 || problem.status() == 507;
        if (refusedForSize ? !UnreadBodies.discard(ctx) : malformedRequest(e) != null) {
            ctx.header("Connection", "close"); // the rest of the body cannot be read: say so, or a keep-alive client
        }                                      // would send its next request into a connection about to close
        metrics.counter("cairn.http.errors", "code", problem.code()).increment();
        if (problem.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        if (problem.status() == 401 && "true".equals(ctx.header("HX-Request"))) {
            ctx.header("HX-Redirect", "/login"); // an htmx fragment request of an expired session: go to the login page
        } else if (problem.status() == 401 && !ctx.path().startsWith("/api/") && !wantsHtml(ctx)) {
            ctx.header("WWW-Authenticate", "Basic realm=\"cairn\"");
        }
        write(ctx, problem);
    }

    /**
     * Maps the exceptions Javalin throws itself (a form body over its size limit, say), which it would otherwise answer
     * with its own plain page and without reading the rest of the body; a status below 400 (a redirect: cairn throws
     * none, {@code ctx.redirect} throws nothing) is kept as it is.
     */
    void handleJavalin(HttpResponseException e, Context ctx) {
        if (e.getStatus() < 400) {
            ctx.status(e.getStatus());
            return;
        }
        handle(e, ctx);
    }

    /** Writes a problem for a status Javalin produced itself (no route, wrong method). */
    void handleStatus(Context ctx, ErrorCode code, String detail) {
        metrics.counter("cairn.http.errors", "code", code.code()).increment();
        write(ctx, Problem.of(code, detail));
    }

    private Problem toProblem(Exception e, Context ctx) {
        Problem malformed = malformedRequest(e);
        if (malformed != null) {
            return malformed;
        }
        return switch (e) {
            case ServiceException s -> s.problem();
            case BlobNotFoundException n -> Problem.of(ErrorCode.NOT_FOUND, n.getMessage());
            case BlobAlreadyExistsException x -> Problem.of(ErrorCode.ALREADY_EXISTS, x.getMessage()
                    + "; objects cannot be overwritten (delete it first if your token may delete)");
            case TransientBlobStoreException t -> storeTrouble(t, ctx);
            case org.jdbi.v3.core.JdbiException j when DatabaseErrors.unreachable(j) -> databaseTrouble(j, ctx);
            case IOException io when DiskFull.is(io) -> storageFull(io, ctx);
            case IOException io -> internal(io, ctx, "storage failure");
            case HttpResponseException h -> fromJavalin(h);
            case IllegalArgumentException i when fromUrlDecoder(i) -> Problem.of(ErrorCode.BAD_REQUEST, "the request's "
                    + "path has a malformed percent-encoding (a '%' must be followed by two hex digits)");
            default -> internal(e, ctx, "unexpected failure");
        };
    }

    /**
     * Javalin's decoding of a path parameter that Jetty left undecoded (in a {@code ;} segment) and that holds a '%'
     * not followed by two hex digits: the client's fault, a 400 (the fuzzing suite found it as a 500).
     */
    private static boolean fromUrlDecoder(IllegalArgumentException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && "java.net.URLDecoder".equals(trace[0].getClassName());
    }

    /**
     * A request Jetty could not read (a broken multipart or form body, a connection that ended mid-body): the client's
     * fault, so a 4xx without a log line; null for anything else. Jetty reports these wrapped in servlet exceptions.
     */
    static Problem malformedRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return Problem.of(ErrorCode.INCOMPLETE_BODY, "the request body broke off; send it again");
            }
            if (t instanceof org.eclipse.jetty.http.HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return switch (h.getCode()) {
                    case 408 -> Problem.of(ErrorCode.BAD_REQUEST, "the request body arrived too slowly (under "
                            + HttpApi.MIN_BODY_BYTES_PER_SECOND + " bytes per second); send it again");
                    case 413 -> Problem.of(ErrorCode.TOO_LARGE, "the request body is too large");
                    case 415 -> Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body's media type is not supported");
                    default -> Problem.of(ErrorCode.BAD_REQUEST, "the request body is malformed ("
                            + (h.getReason() == null ? "unreadable" : h.getReason()) + "); send it again as a valid "
                            + "form, file or JSON document");
                };
            }
        }
        return null;
    }

    private static Problem storeTrouble(Exception e, Context ctx) {
        LOG.warn("transient storage failure on {} {}: {}", ctx.method(), Requests.loggablePath(ctx), e.toString());
        return Problem.of(ErrorCode.STORE_UNAVAILABLE, "the storage backend is temporarily unavailable; retry later");
    }

    private static Problem storageFull(Exception e, Context ctx) {
        LOG.error("server storage full on {} {}: {}", ctx.method(), Requests.loggablePath(ctx), e.toString());
        return Problem.of(ErrorCode.STORAGE_FULL, "the server's storage is full (not your quota): nothing of this request "
                + "was kept, and everything stored before is safe. Ask the server's administrator to free space, then "
                + "run the same command again");
    }

    private static Problem databaseTrouble(Exception e, Context ctx) {
        LOG.warn("metadata database unreachable on {} {}: {}", ctx.method(), Requests.loggablePath(ctx), e.toString());
        return Problem.of(ErrorCode.DATABASE_UNAVAILABLE, "the metadata database is temporarily unavailable; retry later "
                + "(stored objects are safe, and retrying an upload of the same object is fine)");
    }

    private static Problem internal(Exception e, Context ctx, String what) {
        LOG.error("{} on {} {}", what, ctx.method(), Requests.loggablePath(ctx), e);
        return Problem.of(ErrorCode.INTERNAL, "the server failed (" + what + "); the error was logged, retry later "
                + "or contact the administrator");
    }

    private static Problem fromJavalin(HttpResponseException h) {
        ErrorCode code = switch (h.getStatus()) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> h.getStatus() >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
        if (code == ErrorCode.TOO_LARGE) { // Javalin's own limit on forms and other bodies it reads whole
            return Problem.of(code, "the request body is too large: a form or other request read whole may have at "
                    + "most 1,000,000 bytes; send less (files go through the upload pages and the API)");
        }
        return Problem.of(code, h.getMessage());
    }

    private void write(Context ctx, Problem problem) {
        if (ctx.res().isCommitted()) {
            // an object's status line and part of its body are already on their way: words appended now would be
            // taken for its bytes; Jetty aborts a response shorter than its Content-Length, so the client sees a cut
            // body and retries
            LOG.warn("{} {} failed after its answer began ({}); the connection is cut", ctx.method(),
                    Requests.loggablePath(ctx), problem.code());
            return;
        }
        forgetTheObjectsHeaders(ctx, problem.status());
        ctx.status(problem.status());
        if (isStorageClient(ctx)) { // restic shows only the status line: put the problem's words there
            ctx.header(ReasonPhrases.HEADER, ReasonPhrases.sanitize(problem.code() + ": " + problem.detail()));
        }
        if (wantsHtml(ctx)) {
            ctx.header("Cache-Control", "no-store");
            htmlPage.accept(ctx, problem);
        } else {
            Json.write(ctx, problem.status(), MediaTypes.PROBLEM_JSON, problem);
        }
    }

    /**
     * Drops what a handler said about the object it was about to send (its length, range, dates) before the problem
     * replaces it: a problem body under the object's {@code Content-Length} was cut off or overran it ("too much
     * content written"), and the client read a broken answer. A 416 keeps its {@code Content-Range} ({@code bytes *}/size).
     */
    private static void forgetTheObjectsHeaders(Context ctx, int status) {
        ctx.res().setContentLengthLong(-1);
        for (String name : List.of("Content-Length", "Accept-Ranges", "Last-Modified", "ETag", "Content-Disposition")) {
            ctx.res().setHeader(name, null);
        }
        if (status != 416) {
            ctx.res().setHeader("Content-Range", null);
        }
    }

    /** A restic REST client: neither the native API nor a browser (section 8 of the HTTP spec). */
    static boolean isStorageClient(Context ctx) {
        return !ctx.path().startsWith("/api/") && !wantsHtml(ctx) && !"true".equals(ctx.header("HX-Request"));
    }

    /** Browsers navigating to a page (not API or storage clients) get HTML. */
    static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html") && !ctx.path().startsWith("/api/");
    }
}
