package dev.cairn.server.db;

import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;

/**
 * Serialises every SQLite handle callback of this process behind one Java lock.
 *
 * <p>Why: SQLite allows one writer; a second one waits inside the native library (busy timeout). Requests run on
 * virtual threads, and a virtual thread blocked in native code pins its carrier thread. With few cores, the waiting
 * writers pinned every carrier, so the lock holder could not run to commit: requests hung until the busy timeout.
 * Waiting on a {@link ReentrantLock} parks the virtual thread instead and frees the carrier. SQLite statements take
 * microseconds, so serialising them costs little; PostgreSQL does not use this.
 */
final class SqliteSerializer implements HandleCallbackDecorator {
    private final ReentrantLock lock = new ReentrantLock(true);

    @Override
    public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
        return handle -> {
            lock.lock();
            try {
                return callback.withHandle(handle);
            } finally {
                lock.unlock();
            }
        };
    }
}
