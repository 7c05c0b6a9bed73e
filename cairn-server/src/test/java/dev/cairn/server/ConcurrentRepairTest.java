package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.server.quota.QuotaService;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL repair the same interrupted repository at once (ADR 58). Found by the
 * 64-client scale-out run (seed 2306): the restarted server and the surviving one both recounted a repository whose
 * upload the kill had cut off, both read the old counters, and both added the same +3,286 bytes to the account, which
 * then counted 3,286 bytes the store did not hold. A correction now updates the repository only if its counters are
 * still those it read: the second waits for the first's row lock, finds them changed and adds nothing.
 */
class ConcurrentRepairTest {
    private static final String REPO = "laptop";

    @TempDir
    Path dir;

    @Test
    void aRepairRacingAnotherAddsTheDriftToTheAccountOnce() throws Exception {
        String db = TestDatabases.postgresUrl();
        try (TestServer server = TestServer.start(dir.resolve("data"), c -> c.withStorage(db, dir.resolve("store")
                .toString()))) {
            long ann = server.account("ann").id();
            QuotaService live = server.core().quota();
            BlobStore store = server.core().stores().store(ann, REPO);
            server.core().repos().ensure(ann, REPO);
            live.reserveUpload(ann, REPO, 1000, true);
            store.put(name(1), new byte[1000]);
            live.commitUpload(ann, REPO, 1000, 1000);
            Jdbi jdbi = server.core().database().jdbi();
            QuotaService dead = new QuotaService(jdbi, InstantSource.system(), "killed-process");
            dead.heartbeat();
            dead.reserveUpload(ann, REPO, 3286, true); // stored, never charged: the process died
            store.put(name(2), new byte[3286]);
            dead.forgetInstance("killed-process");
            QuotaService.Interrupted where = live.interrupted().getFirst();
            QuotaService.Ledger before = live.ledger(ann, REPO);

            assertThat(before).isEqualTo(new QuotaService.Ledger(1000, 1));
            try (Handle other = jdbi.open()) { // the other process's correction, not committed yet
                other.begin();
                other.createUpdate("UPDATE repos SET stored_bytes = 4286, object_count = 2 WHERE account_id = :a "
                        + "AND name = :r").bind("a", ann).bind("r", REPO).execute();
                other.createUpdate("UPDATE accounts SET stored_bytes = stored_bytes + 3286 WHERE id = :a")
                        .bind("a", ann).execute();
                CompletableFuture<OptionalLong> racing = CompletableFuture.supplyAsync(
                        () -> live.correctInterrupted(where, before, 4286, 2));
                Thread.sleep(500); // it reads the old counters and waits for the row
                boolean waited = !racing.isDone();
                other.commit();
                assertThat(waited).as("the racing correction waited for the other's row lock").isTrue();
                assertThat(racing.get(30, TimeUnit.SECONDS)).as("the counters changed under it").isEmpty();
            }
            assertThat(live.usage(ann).storedBytes()).as("the store's bytes, counted once").isEqualTo(4286);
            assertThat(server.app().repairInterruptedUploads()).as("its recount finds nothing left").isEmpty();
            assertThat(live.usage(ann).storedBytes()).isEqualTo(4286);
            assertThat(live.interrupted()).isEmpty();
        }
    }

    private static BlobName name(int n) {
        return BlobName.of(BlobKind.PACK, String.format("%064x", n));
    }
}
