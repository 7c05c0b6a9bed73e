package dev.cairn.server.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;

/**
 * A deadline for request headers, which Jetty lacks: its idle timeout restarts with every byte, so a client dripping
 * one header line every few seconds could hold a connection forever (slowloris). Every second, each open HTTP/1.1
 * connection whose current request has started but whose header is not complete after {@code headerDeadline} is
 * closed. Request bodies are bounded separately by {@link BodyRate}.
 *
 * <p>Reads Jetty's parser state from the sweeping thread without its lock, so one sweep may see a torn state: a
 * keep-alive connection's next request already in its header while the start time still reads as the reset value (0)
 * or as an earlier request's. Closing on one such sight cut healthy pooled connections (the client saw "no bytes").
 * So a connection is closed only when two consecutive sweeps see the same request (the same non-zero start time) still
 * in its header past the deadline; a real slow client is thus closed at most one sweep later. Thread-safe;
 * {@link #close} stops the sweeps.
 */
final class SlowClients implements Connection.Listener, AutoCloseable {
    private final long headerDeadlineNanos;
    /** Open connections, each with the start time of the request last seen overdue (0: none). */
    private final Map<HttpConnection, Long> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairn-slow-clients");
        t.setDaemon(true);
        return t;
    });

    SlowClients(Duration headerDeadline) {
        this.headerDeadlineNanos = headerDeadline.toNanos();
    }

    /** Watches the connections of {@code connectors} and starts sweeping. */
    void watch(Connector... connectors) {
        for (Connector connector : connectors) {
            connector.addEventListener(this);
        }
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, 0L);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    /** Closes the connections whose request header is overdue; returns how many. */
    int sweep() {
        int closed = 0;
        long now = NanoTime.now();
        for (Map.Entry<HttpConnection, Long> entry : open.entrySet()) {
            HttpParser parser = entry.getKey().getParser();
            boolean inHeader = !parser.isStart() && parser.inHeaderState();
            long begin = parser.getBeginNanoTime();
            long overdue = inHeader && begin != 0 && NanoTime.elapsed(begin, now) > headerDeadlineNanos ? begin : 0L;
            if (overdue != 0 && entry.getValue() == overdue) {
                entry.getKey().getEndPoint().close();
                closed++;
            } else {
                entry.setValue(overdue);
            }
        }
        return closed;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
