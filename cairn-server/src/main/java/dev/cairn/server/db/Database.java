package dev.cairn.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The metadata database: a pooled connection source, migrated on open, behind one {@link Jdbi}.
 *
 * <p>SQLite runs in WAL mode with foreign keys on, {@code synchronous=FULL} and IMMEDIATE transactions (writers take the
 * write lock when the transaction starts, so two writers wait for each other via the busy timeout instead of failing on
 * a lock upgrade). PostgreSQL goes through HikariCP. Thread-safe; {@link #close()} closes the pool.
 */
public final class Database implements AutoCloseable {
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(Dialect dialect, HikariDataSource dataSource) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        if (dialect == Dialect.SQLITE) {
            jdbi.setHandleCallbackDecorator(new SqliteSerializer());
        }
    }

    /**
     * Opens (creating a SQLite file if needed) and migrates the database.
     *
     * @throws IllegalStateException if it cannot be reached or migrated; the message names the target (never the password)
     */
    public static Database open(DbTarget target) {
        HikariDataSource pool = pool(target);
        try {
            migrate(pool, target.dialect());
            return new Database(target.dialect(), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate the metadata database " + target + ": " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether a trivial query answers within a second; for readiness checks. */
    public boolean isReachable() {
        try (var connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Makes every pooled connection pick up fresh planner statistics (after an ANALYZE). SQLite loads statistics once
     * per connection, so idle connections are replaced now and busy ones when they are returned; PostgreSQL needs
     * nothing.
     */
    public void refreshStatistics() {
        if (dialect == Dialect.SQLITE && dataSource.getHikariPoolMXBean() != null) {
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static HikariDataSource pool(DbTarget target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cairn-db");
        if (target.dialect() == Dialect.SQLITE) {
            config.setDataSource(sqliteSource(target.jdbcUrl()));
            config.setMaximumPoolSize(4);
        } else {
            config.setJdbcUrl(target.jdbcUrl());
            config.setUsername(target.user());
            config.setPassword(target.password());
            config.setMaximumPoolSize(16);
            config.setConnectionTimeout(5_000); // an unreachable database fails a request in 5 s (503), not 30
        }
        config.setInitializationFailTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the metadata database " + target + ": "
                    + e.getMessage() + "; check that it runs and the credentials are right", e);
        }
    }

    private static DataSource sqliteSource(String jdbcUrl) {
        Path file = Path.of(jdbcUrl.substring("jdbc:sqlite:".length()));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory of the database file " + file + ": " + e, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(jdbcUrl);
        return source;
    }

    private static void migrate(DataSource source, Dialect dialect) {
        Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration")
                .placeholders(Map.of("pk", dialect.autoIncrementPrimaryKey()))
                .load()
                .migrate();
    }
}
