package dev.cairn.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what is left of the body of a request refused before its body was read (too large, over quota),
 * so the client, which is still sending, then reads the answer. Without this the server closes a connection with
 * unread bytes in it, the kernel answers the client's next bytes with a reset, and the client loses the response it
 * was never given a chance to read ("header parser received no bytes"; a browser shows "connection reset" instead of
 * the page; restic shows no quota message). Bounded by {@link #LIMIT_BYTES} and {@link #LIMIT_NANOS}: beyond either
 * the connection is closed as before. Stateless; called on the request's own thread.
 */
final class RefusedBodies {
    /** At most this many bytes are read and thrown away: more than a restic pack (16 MiB by default). */
    static final long LIMIT_BYTES = 32L << 20;
    /** And for at most this long, so a slow client cannot hold the request's thread. */
    static final long LIMIT_NANOS = 10_000_000_000L;

    private RefusedBodies() {
    }

    /** @return whether the whole body was read, so the connection can stay open; never throws */
    static boolean discard(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > LIMIT_BYTES) {
            return false;
        }
        try {
            return discard(ctx.req().getInputStream(), System.nanoTime() + LIMIT_NANOS);
        } catch (IOException | RuntimeException e) {
            return false; // the body is unreadable already (broken off, a parse failure): the connection closes
        }
    }

    private static boolean discard(InputStream in, long deadline) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > LIMIT_BYTES || System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }
}
