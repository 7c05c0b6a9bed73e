package dev.cairn.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.BadMessageException;
import org.junit.jupiter.api.Test;

/**
 * Only the time a read waits for the client counts against a body, beyond a 5 s grace (jetty#4641: Jetty's own rate
 * also counted the handler's time and refused a 1-byte body read around an 8 ms pause).
 */
class BodyRateTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong clock = new AtomicLong();

    /** A body that delivers the given pieces, each after the given wait (milliseconds); -1 ends it. */
    private ServletInputStream body(long[][] waitsAndSizes) {
        Deque<long[]> pieces = new ArrayDeque<>(java.util.List.of(waitsAndSizes));
        return new ServletInputStream() {
            @Override
            public int read(byte[] b, int off, int len) {
                long[] piece = pieces.poll();
                if (piece == null) {
                    return -1;
                }
                clock.addAndGet(piece[0] * MS);
                return (int) Math.min(len, piece[1]);
            }

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean isFinished() {
                return pieces.isEmpty();
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        };
    }

    private BodyRate.Checked checked(long[][] pieces) {
        return new BodyRate.Checked(body(pieces), 256, clock::get);
    }

    @Test
    void aDripOfTenBytesASecondIsRefusedSoonAfterTheGrace() throws Exception {
        long[][] drip = new long[60][];
        java.util.Arrays.fill(drip, new long[] {1000, 10});
        var in = checked(drip);
        byte[] buffer = new byte[100];
        int reads = 0;
        try {
            while (in.read(buffer, 0, buffer.length) >= 0) {
                reads++;
            }
            throw new AssertionError("a drip of 10 B/s was read to its end");
        } catch (BadMessageException e) {
            assertThat(e.getCode()).isEqualTo(408);
        }
        assertThat(reads).as("refused in the sixth second of waiting").isEqualTo(5);
        assertThatThrownBy(() -> in.read(buffer, 0, 1)).as("and on every later read").isInstanceOf(BadMessageException.class);
    }

    @Test
    void theHandlersOwnTimeBetweenReadsIsNotHeldAgainstTheClient() throws Exception {
        var in = checked(new long[][] {{0, 1}, {8, 0}});
        byte[] buffer = new byte[10];
        assertThat(in.read(buffer, 0, 10)).isEqualTo(1);
        clock.addAndGet(60_000 * MS); // the handler stores the byte in a slow store, or a long GC pause
        assertThat(in.read(buffer, 0, 10)).isEqualTo(0);
        assertThat(in.read(buffer, 0, 10)).isEqualTo(-1);
    }

    @Test
    void aRealClientsPauseAfterSomeKibibytesIsServed() throws Exception {
        var in = checked(new long[][] {{10, 4096}, {20_000, 4096}, {5, 65536}});
        byte[] buffer = new byte[65536];
        long total = 0;
        for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
            total += n;
        }
        assertThat(total).isEqualTo(4096 + 4096 + 65536);
    }
}
