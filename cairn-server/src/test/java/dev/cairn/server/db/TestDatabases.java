package dev.cairn.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, migrated databases for DB suites: a SQLite file in a temp directory, or a new database in the one embedded
 * PostgreSQL (zonky, PG 18) this test JVM starts on first use and stops at exit.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** A new, empty database of {@code dialect}, migrated. */
    public static Database open(Dialect dialect) {
        return Database.open(target(dialect));
    }

    /** A new database of {@code dialect}, migrated with the platform's and the features' {@code locations}. */
    public static Database open(Dialect dialect, java.util.List<String> featureLocations) {
        return Database.open(target(dialect), featureLocations);
    }

    /** The location of a new, empty database of {@code dialect} (not yet migrated). */
    public static DbTarget target(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqlite() : postgres();
    }

    /** A {@code postgresql://} URL of a new database, as a user would pass it to {@code --db}. */
    public static String postgresUrl() {
        String name = newPostgresDatabase();
        return "postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/" + name;
    }

    private static DbTarget sqlite() {
        try {
            Path dir = Files.createTempDirectory("cairn-db-test");
            dev.cairn.testkit.Directories.deleteAtExit(dir);
            return DbTarget.parse("sqlite:" + dir.resolve("test.db"), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DbTarget postgres() {
        String name = newPostgresDatabase();
        return new DbTarget(Dialect.POSTGRES, "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name,
                "postgres", "postgres");
    }

    private static synchronized String newPostgresDatabase() {
        String name = "cairn_test_" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return name;
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // exiting anyway
                }
            }));
        }
        return postgres;
    }
}
