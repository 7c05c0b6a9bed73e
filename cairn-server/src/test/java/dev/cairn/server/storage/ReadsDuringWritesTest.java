package dev.cairn.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.server.db.Database;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every object download, listing and readiness check asks the SQLite database does not wait behind writes (issue
 * 21: under the load suite a new connection's {@code /readyz} took 10 to 15 s, and thread dumps showed downloads and
 * listings queued for one of the four write connections behind write commits). Here writers hold the write lock and
 * every write connection; the lookups must still answer at once.
 */
class ReadsDuringWritesTest {
    private static final BlobName PACK = BlobName.of(BlobKind.PACK, "ab".repeat(32));
    private static final int WRITE_CONNECTIONS = 4;
    private Database db;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> writers = new ArrayList<>();

    @BeforeEach
    void open() throws InterruptedException {
        db = TestDatabases.open(Dialect.SQLITE);
        db.jdbi().useHandle(h -> h.execute("INSERT INTO accounts (id, name, email, password_hash, status, plan, "
                + "created_at) VALUES (1, 'sam', 'sam@example.com', 'x', 'active', 'default', 0)"));
        new Tombstones(db.jdbi(), db.reads()).add(1, "repo", PACK, 10, Instant.EPOCH, Instant.EPOCH);
        CountDownLatch holding = new CountDownLatch(1);
        for (int i = 0; i < WRITE_CONNECTIONS; i++) { // one holds the lock; the others hold a connection, waiting for it
            writers.add(Thread.ofVirtual().start(() -> {
                try {
                    db.jdbi().useTransaction(h -> {
                        h.execute("UPDATE deleted_objects SET size = size + 1");
                        holding.countDown();
                        release.await();
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        assertThat(holding.await(10, TimeUnit.SECONDS)).as("a writer holds the lock").isTrue();
        Thread.sleep(200); // the other writers take the remaining connections
    }

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        for (Thread t : writers) {
            t.join();
        }
        db.close();
    }

    @Test
    void hiddenObjectLookupsDoNotWaitForTheWriter() {
        Tombstones tombstones = new Tombstones(db.jdbi(), db.reads());

        boolean hidden = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> tombstones.contains(1, "repo", PACK));
        var ids = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> tombstones.ids(1, "repo", BlobKind.PACK));

        assertThat(hidden).isTrue();
        assertThat(ids).containsExactly(PACK.id());
    }

    @Test
    void theReadinessCheckDoesNotWaitForAWriteConnection() {
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), db::isReachable)).isTrue();
    }
}
