package dev.cairn.server.db;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection pool as JDBI sees it: a request that waited the pool's short timeout (5 s for PostgreSQL, so an
 * unreachable database is answered 503 quickly) waits again, up to {@code busyBudgetNanos} more, when every connection
 * of the pool is open and in use: the database answers, it is only busy. Under 64 clients on one process (the load
 * suite's scale-out set-up, issue 21) such requests were answered "database unavailable", which restic's {@code check}
 * does not retry. A pool that is not full (connections cannot be opened: the database is down) fails as before.
 * Thread-safe (the pool is); time is injected for the test.
 */
final class PatientPool implements DataSource {
    /** Waiting for a busy pool's connection up to this long in all (Hikari's own default timeout). */
    static final long BUSY_BUDGET_NANOS = 30_000_000_000L;

    private final HikariDataSource pool;
    private final long busyBudgetNanos;
    private final LongSupplier nanoClock;

    PatientPool(HikariDataSource pool, long busyBudgetNanos, LongSupplier nanoClock) {
        this.pool = pool;
        this.busyBudgetNanos = busyBudgetNanos;
        this.nanoClock = nanoClock;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = nanoClock.getAsLong();
        while (true) {
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (!busy() || nanoClock.getAsLong() - start >= busyBudgetNanos) {
                    throw e;
                }
            }
        }
    }

    /** Whether every connection the pool may hold is open and in use. */
    private boolean busy() {
        var state = pool.getHikariPoolMXBean();
        return state != null && state.getTotalConnections() >= pool.getMaximumPoolSize()
                && state.getIdleConnections() == 0;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
