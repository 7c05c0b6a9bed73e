package dev.cairn.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger (and the loggers below it) writes while open, at {@code level} and above; closing restores
 * the logger's level and stops recording. The server logs on its own threads: {@link #awaitAtLeast} waits for lines
 * written just after a response (the access log). Thread-safe.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level before;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    private LogCapture(String loggerName, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.before = logger.getLevel();
        lines.start();
        logger.setLevel(level);
        logger.addAppender(lines);
    }

    /** Everything logged anywhere at {@code level} and above. */
    public static LogCapture root(Level level) {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, level);
    }

    /** The lines of one logger (e.g. {@code cairn.access}) at {@code level} and above. */
    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    /** The events so far, in order. */
    public List<ILoggingEvent> events() {
        synchronized (lines) {
            return List.copyOf(lines.list);
        }
    }

    /** The formatted messages so far, in order. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    public int size() {
        return events().size();
    }

    /** Waits up to 5 s until at least {@code count} events were recorded; returns whether they were. */
    public boolean awaitAtLeast(int count) throws InterruptedException {
        for (int i = 0; i < 100 && size() < count; i++) {
            Thread.sleep(50);
        }
        return size() >= count;
    }

    @Override
    public void close() {
        logger.detachAppender(lines);
        logger.setLevel(before);
        lines.stop();
    }
}
