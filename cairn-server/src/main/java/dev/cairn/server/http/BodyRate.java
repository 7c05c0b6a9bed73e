package dev.cairn.server.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Refuses a request body that arrives too slowly (a slowloris drip): once the handler has spent more than
 * {@link #GRACE_NANOS} in total <em>waiting inside reads</em>, the body must have brought {@code minBytesPerSecond}
 * for every second of waiting beyond that grace, or the read throws {@link BadMessageException} 408 (mapped to a 400
 * problem "arrived too slowly", connection closed).
 *
 * <p>Replaces Jetty's minimum request data rate, which counts from the first byte read to every later read, the
 * handler's own time included, with no grace (jetty#4641): a 1-byte body whose handler wrote that byte to S3 before
 * reading the end, or was paused by a garbage collection for 8 ms, was refused as "too slow"
 * ({@code ScaleOutServerTest} in CI). Here only the time the server waited for the client counts, like Kestrel's
 * minimum body data rate with its 5 s grace. A client that stops sending altogether is ended by the connection's idle
 * timeout (30 s). Forms and multipart bodies that Jetty parses itself are not wrapped (bounded by their size limits and
 * the idle timeout). Thread-safety: one stream per request, read by one thread at a time.
 */
final class BodyRate implements Filter {
    /** Waiting inside reads up to this long in total is never held against the client. */
    static final long GRACE_NANOS = 5_000_000_000L;

    private final long minBytesPerSecond;
    private final LongSupplier nanoClock;

    BodyRate(long minBytesPerSecond, LongSupplier nanoClock) {
        this.minBytesPerSecond = minBytesPerSecond;
        this.nanoClock = nanoClock;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && hasBody(http)) {
            request = new Wrapped(http, this);
        }
        chain.doFilter(request, response);
    }

    /** Whether {@code request} declares a body (a length above 0, or a transfer coding). */
    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The request as the handlers see it: its body through {@link Checked}. */
    private static final class Wrapped extends HttpServletRequestWrapper {
        private final BodyRate rate;
        private Checked body;

        Wrapped(HttpServletRequest request, BodyRate rate) {
            super(request);
            this.rate = rate;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new Checked(super.getInputStream(), rate.minBytesPerSecond, rate.nanoClock);
            }
            return body;
        }
    }

    /** A body whose reads are timed; package-private for its test. */
    static final class Checked extends ServletInputStream {
        private final ServletInputStream in;
        private final long minBytesPerSecond;
        private final LongSupplier nanoClock;
        private long waitedNanos;
        private long bytes;
        private boolean tooSlow;

        Checked(ServletInputStream in, long minBytesPerSecond, LongSupplier nanoClock) {
            this.in = in;
            this.minBytesPerSecond = minBytesPerSecond;
            this.nanoClock = nanoClock;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (tooSlow) {
                throw refusal();
            }
            long start = nanoClock.getAsLong();
            int n = in.read(b, off, len);
            waitedNanos += nanoClock.getAsLong() - start;
            if (n > 0) {
                bytes += n;
            }
            long owed = (waitedNanos - GRACE_NANOS) / 1_000_000 * minBytesPerSecond / 1000;
            if (n >= 0 && bytes < owed) {
                tooSlow = true;
                throw refusal();
            }
            return n;
        }

        private BadMessageException refusal() {
            return new BadMessageException(408, "request body arrived too slowly: " + bytes + " bytes in "
                    + waitedNanos / 1_000_000 + " ms of waiting");
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
