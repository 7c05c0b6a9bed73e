package dev.cairn.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what a handler left of its request body, so that the client, which may still be sending, reads
 * the answer and its keep-alive connection stays usable; past a bound the answer says {@code Connection: close}
 * instead. Two cases:
 * <ul>
 * <li>{@link #discard}: a request refused before its body was read (too large, over quota). Without it the server
 *     closed a connection with unread bytes in it, the kernel answered the client's next bytes with a reset, and the
 *     client lost the answer (a browser showed "connection reset", restic no quota message).</li>
 * <li>{@link #drainOrClose}, after every handler: a body the handler never read (a web form sent JSON). Jetty drains
 *     one only if it has arrived when the response completes, and after a large (committed) answer it closed the
 *     connection unannounced: the client's next request there got no answer ("header parser received no bytes", 7 in
 *     10,000 JSON bodies sent to a web form; {@code UnreadBodyTest}).</li>
 * </ul>
 * A request without a body costs nothing; a body already read to its end, one read that returns at once. Reads stop
 * after {@link #LIMIT_NANOS} so a slow client cannot hold the request's thread. Stateless; called on the request's own
 * thread; never throws.
 */
final class UnreadBodies {
    /** A refused body: at most this many bytes are read and thrown away, more than a restic pack (16 MiB). */
    static final long REFUSED_LIMIT_BYTES = 32L << 20;
    /** A body no handler read: a form or a JSON document; larger ones end the connection. */
    static final long UNREAD_LIMIT_BYTES = 64 * 1024;
    /** And for at most this long. */
    static final long LIMIT_NANOS = 10_000_000_000L;

    private UnreadBodies() {
    }

    /** @return whether the whole body of a refused request was read, so the connection can stay open */
    static boolean discard(Context ctx) {
        return ctx.req().getContentLengthLong() <= REFUSED_LIMIT_BYTES && discard(ctx, REFUSED_LIMIT_BYTES);
    }

    /**
     * Reads a small rest of the body the handler left, or marks the response {@code Connection: close}. (The declared
     * length says nothing here: a handler that read its whole upload leaves nothing.)
     */
    static void drainOrClose(Context ctx) {
        if (!BodyRate.hasBody(ctx.req()) || "close".equalsIgnoreCase(ctx.res().getHeader("Connection"))) {
            return; // nothing was sent (most requests), or the error mapper already gave the rest up
        }
        if (!discard(ctx, UNREAD_LIMIT_BYTES) && !ctx.res().isCommitted()) {
            ctx.header("Connection", "close");
        }
    }

    private static boolean discard(Context ctx, long limitBytes) {
        try {
            return discard(ctx.req().getInputStream(), limitBytes, System.nanoTime() + LIMIT_NANOS);
        } catch (IOException | RuntimeException e) {
            return false; // unreadable already (broken off, too slow, read through a reader): the connection closes
        }
    }

    private static boolean discard(InputStream in, long limitBytes, long deadline) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > limitBytes || System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }
}
