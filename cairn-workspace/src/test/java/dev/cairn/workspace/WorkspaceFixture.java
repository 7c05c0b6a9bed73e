package dev.cairn.workspace;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.server.db.Database;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.testkit.Directories;
import dev.cairn.testkit.MutableClock;
import dev.cairn.workspace.members.Caller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A migrated test database of one dialect with the workspace services, a mutable clock and account "ann". */
public final class WorkspaceFixture implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    public final Database db;
    public final MutableClock clock = MutableClock.create();
    public final RecordsServices ws;
    public final Caller ann;
    /** Import uploads of this fixture; deleted with it. */
    public final Path spool;

    public WorkspaceFixture(Dialect dialect) {
        this.db = TestDatabases.open(dialect, java.util.List.of(dev.cairn.workspace.WorkspaceFeature.MIGRATIONS));
        this.spool = newSpool();
        this.ws = RecordsServices.create(db, clock, new Random(7)::nextBytes, new SpoolDirectory(spool));
        this.ann = caller(account("ann"), "ann");
    }

    /** The record service as the JSON API calls it. */
    public JsonRecords records() {
        return new JsonRecords(ws.records());
    }

    public long account(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("INSERT INTO accounts (name, email, password_hash, status, plan, "
                + "created_at) VALUES (:n, :e, 'x', 'active', 'default', 0) RETURNING id").bind("n", name)
                .bind("e", name + "@example.com").mapTo(Long.class).one());
    }

    /**
     * The account's caller for its own workspace, kept across calls (as a service user outside an HTTP request): without
     * the schema version {@code resolve} read, which is valid for one request only, so every call reads the current one.
     */
    public Caller caller(long accountId, String name) {
        Caller c = ws.workspaces().resolve(accountId, name, null, false);
        return new Caller(c.workspaceId(), c.workspaceOwner(), c.accountId(), c.accountName(), c.role());
    }

    public static JsonNode json(String text) {
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
