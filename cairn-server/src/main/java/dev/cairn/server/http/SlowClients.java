package dev.cairn.server.http;

import java.time.Duration;
import java.util.Set;
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
 * closed. Request bodies are bounded separately by Jetty's minimum request data rate ({@link HttpApi}). Reads
 * Jetty's parser state from the sweeping thread without its lock: a sweep may miss a change that is under way, which
 * only delays a close by one sweep. Thread-safe; {@link #close} stops the sweeps.
 */
final class SlowClients implements Connection.Listener, AutoCloseable {
    private final long headerDeadlineNanos;
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
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
            open.add(http);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    /** Closes the connections whose request header is overdue; returns how many. */
    int sweep() {
        int closed = 0;
        for (HttpConnection connection : open) {
            HttpParser parser = connection.getParser();
            if (!parser.isStart() && parser.inHeaderState()
                    && NanoTime.since(parser.getBeginNanoTime()) > headerDeadlineNanos) {
                connection.getEndPoint().close();
                closed++;
            }
        }
        return closed;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
