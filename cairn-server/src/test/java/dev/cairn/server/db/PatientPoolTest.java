package dev.cairn.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request waits longer for a connection of a pool that is only busy (every connection open and in use), and fails
 * as quickly as before when the pool cannot open connections (the database is down). Real HikariCP pools: one
 * connection to a SQLite file, or none to a PostgreSQL port nobody listens on; 250 ms pool timeouts.
 */
class PatientPoolTest {
    @TempDir
    Path dir;

    private HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1); // start without a connection, as a server whose database is down
        return new HikariDataSource(config);
    }

    @Test
    void aBusyPoolsConnectionIsWaitedForBeyondThePoolsTimeout() throws Exception {
        try (HikariDataSource pool = pool("jdbc:sqlite:" + dir.resolve("busy.db"))) {
            CountDownLatch held = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().start(() -> {
                try (Connection c = pool.getConnection()) {
                    held.countDown();
                    Thread.sleep(1_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            held.await();
            assertThatThrownBy(pool::getConnection).as("the pool alone gives up after 250 ms")
                    .isInstanceOf(SQLTransientConnectionException.class);

            try (Connection c = new PatientPool(pool, 10_000_000_000L, System::nanoTime).getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            holder.join();
        }
    }

    @Test
    void aBusyPoolIsWaitedForOnlyUpToTheBudget() throws Exception {
        try (HikariDataSource pool = pool("jdbc:sqlite:" + dir.resolve("held.db"));
             Connection held = pool.getConnection()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new PatientPool(pool, 600_000_000L, System::nanoTime).getConnection())
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isBetween(600L, 5_000L);
            assertThat(held.isValid(1)).isTrue();
        }
    }

    @Test
    void aPoolThatCannotConnectFailsAtItsOwnTimeout() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/cairn")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new PatientPool(pool, 30_000_000_000L, System::nanoTime).getConnection())
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms, not the 30 s budget").isLessThan(5_000L);
        }
    }
}
