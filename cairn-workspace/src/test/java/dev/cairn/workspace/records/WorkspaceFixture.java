package dev.cairn.workspace.records;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.db.Database;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.testkit.Directories;
import dev.cairn.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A migrated test database of one dialect with the workspace services, a mutable clock and account "ann". */
final class WorkspaceFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    final Database db;
    final MutableClock clock = MutableClock.create();
    final RecordsServices ws;
    final Caller ann;
    /** Import uploads of this fixture; deleted with it. */
    final Path spool;

    WorkspaceFixture(Dialect dialect) {
        this.db = TestDatabases.open(dialect, java.util.List.of(dev.cairn.workspace.WorkspaceFeature.MIGRATIONS));
        this.spool = newSpool();
        this.ws = RecordsServices.create(db, clock, new Random(7)::nextBytes, new SpoolDirectory(spool));
        this.ann = caller(account("ann"), "ann");
    }

    long account(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("INSERT INTO accounts (name, email, password_hash, status, plan, "
                + "created_at) VALUES (:n, :e, 'x', 'active', 'default', 0) RETURNING id").bind("n", name)
                .bind("e", name + "@example.com").mapTo(Long.class).one());
    }

    /**
     * The account's caller for its own workspace, kept across calls (as a service user outside an HTTP request): without
     * the schema version {@code resolve} read, which is valid for one request only, so every call reads the current one.
     */
    Caller caller(long accountId, String name) {
        Caller c = ws.workspaces().resolve(accountId, name, null, false);
        return new Caller(c.workspaceId(), c.workspaceOwner(), c.accountId(), c.accountName(), c.role());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        db.close();
        Directories.deleteRecursively(spool);
    }

    private static Path newSpool() {
        try {
            return Files.createTempDirectory("cairn-test-spool");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
