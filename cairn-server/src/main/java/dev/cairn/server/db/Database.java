package dev.cairn.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * a lock upgrade). PostgreSQL goes through HikariCP. Thread-safe; {@link #close()} closes the pools.
 *
 * <p>On SQLite, {@link #jdbi()} runs every handle behind one process-wide lock ({@link SqliteSerializer}), and
 * {@link #reads()} is a second, small pool of {@code query_only} connections without that lock: in WAL mode a reader
 * reads its snapshot and never waits for the writer, so reads do not queue behind write commits (fsyncs). On
 * PostgreSQL both are the same.
 */
public final class Database implements AutoCloseable {
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    private static final int SQLITE_READERS = 4;

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final HikariDataSource readSource;
    private final Jdbi jdbi;
    private final Jdbi reads;

    private Database(Dialect dialect, HikariDataSource dataSource, HikariDataSource readSource) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.readSource = readSource;
        this.jdbi = Jdbi.create(new PatientPool(dataSource, PatientPool.BUSY_BUDGET_NANOS, System::nanoTime));
        if (dialect == Dialect.SQLITE) {
            jdbi.setHandleCallbackDecorator(new SqliteSerializer());
        }
        this.reads = readSource == null ? jdbi : Jdbi.create(readSource);
    }

    /** Opens and migrates the database with the platform's migrations only. */
    public static Database open(DbTarget target) {
        return open(target, List.of());
    }

    /**
     * Opens (creating a SQLite file if needed) and migrates the database: the platform's migrations and those at the
     * features' {@code locations}, in one history table.
     *
     * @throws IllegalStateException if it cannot be reached or migrated; the message names the target (never the password)
     */
    public static Database open(DbTarget target, List<String> featureLocations) {
        HikariDataSource pool = pool(target);
        try {
            migrate(pool, target.dialect(), featureLocations);
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot migrate the metadata database " + target + ": " + e.getMessage(), e);
        }
        try {
            return new Database(target.dialect(), pool, target.dialect() == Dialect.SQLITE ? readPool(target) : null);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Where the platform's own migrations are. */
    public static final String PLATFORM_MIGRATIONS = "classpath:db/migration";

    /** For everything, reads and writes. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * For read-only work (a write through it fails): on SQLite, connections that do not wait behind the writer. Reads
     * see every write committed before they start. Use {@link #jdbi()} where a read must be in a write's transaction.
     */
    public Jdbi reads() {
        return reads;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Whether a trivial query answers within a second; for readiness checks. On SQLite through a read connection: a
     * write connection may be queued for behind write commits under load, and readiness must not wait for those.
     */
    public boolean isReachable() {
        try (var connection = (readSource == null ? dataSource : readSource).getConnection()) {
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
        if (dialect == Dialect.SQLITE) {
            for (HikariDataSource source : new HikariDataSource[] {dataSource, readSource}) {
                if (source.getHikariPoolMXBean() != null) {
                    source.getHikariPoolMXBean().softEvictConnections();
                }
            }
        }
    }

    @Override
    public void close() {
        if (readSource != null) {
            readSource.close();
        }
        dataSource.close();
    }

    private static HikariDataSource readPool(DbTarget target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cairn-db-read");
        config.setDataSource(sqliteSource(target.jdbcUrl(), false));
        config.setConnectionInitSql("PRAGMA query_only = ON");
        config.setMaximumPoolSize(SQLITE_READERS);
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static HikariDataSource pool(DbTarget target) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("cairn-db");
        if (target.dialect() == Dialect.SQLITE) {
            config.setDataSource(sqliteSource(target.jdbcUrl(), true));
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

    /** A SQLite source; {@code writer}: IMMEDIATE transactions (readers keep DEFERRED ones, which never lock). */
    private static DataSource sqliteSource(String jdbcUrl, boolean writer) {
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
        if (writer) {
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(jdbcUrl);
        return source;
    }

    /**
     * Platform and feature migrations share one history table. Their versions interleave (a feature's V013 after the
     * platform's V100 was applied), so they are applied out of order; each stays immutable once applied (ADR 22). A
     * database that has a feature's migrations refuses to open without that feature.
     */
    private static void migrate(DataSource source, Dialect dialect, List<String> featureLocations) {
        List<String> locations = new java.util.ArrayList<>(List.of(PLATFORM_MIGRATIONS));
        locations.addAll(featureLocations);
        Flyway.configure()
                .dataSource(source)
                .locations(locations.toArray(String[]::new))
                .outOfOrder(true)
                // an applied migration this build does not have (a feature left out, or a newer cairn's migration)
                // stops the start instead of serving a database this code does not know
                .ignoreMigrationPatterns(new String[0])
                .placeholders(Map.of("pk", dialect.autoIncrementPrimaryKey()))
                .load()
                .migrate();
    }
}
