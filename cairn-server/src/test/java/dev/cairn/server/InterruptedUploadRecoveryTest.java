package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.client.HttpBlobStore;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.server.quota.QuotaService;
import dev.cairn.server.quota.Usage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server process that dies between an upload's store write and its charge (ADR 58): the server restarted on the same
 * data directory and database makes usage equal the store's bytes by itself, no {@code usage reconcile} needed.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class InterruptedUploadRecoveryTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String REPO = "laptop";

    private final UnaryOperator<ServerConfig> storage;

    @TempDir
    Path dir;

    InterruptedUploadRecoveryTest(Dialect dialect) {
        String db = dialect == Dialect.SQLITE ? "" : TestDatabases.postgresUrl();
        this.storage = c -> c.withStorage(db, dir.resolve("store").toString());
    }

    @Test
    void aRestartChargesWhatAKilledUploadStoredAndTheRecordOfLiveUploadsHoldsTheRecountBack() throws Exception {
        long ann;
        try (TestServer first = TestServer.start(dir.resolve("data"), storage)) {
            ann = first.account("ann").id();
            BlobStore client = HttpBlobStore.open(CLIENT, first.uri("/"), REPO, first.token("ann", TokenScope.FULL));
            client.put(name(1), bytes(1, 150_000)); // an upload that finished: charged
            cutOffAfterTheStoreWrite(first.core().quota(), first.core().stores().store(ann, REPO), ann, name(2),
                    bytes(2, 90_000));
            assertThat(ledger(first.core().quota().usage(ann))).as("the killed upload is stored, not charged")
                    .containsExactly(150_000L, 90_000L);
        } // the process ends: its lock on the data directory is dropped, as when it is killed

        try (TestServer second = TestServer.start(dir.resolve("data"), storage)) {
            BlobStore store = second.core().stores().store(ann, REPO);
            assertThat(storeBytes(store)).isEqualTo(240_000);
            assertThat(ledger(second.core().quota().usage(ann))).as("charged at start, reservation given back")
                    .containsExactly(240_000L, 0L);
            assertThat(second.core().quota().interrupted()).isEmpty();

            // a process on the same database dies with an upload cut off while this one has one in flight in that
            // repository: the recount waits until the live upload is charged, then corrects
            QuotaService dead = new QuotaService(second.core().database().jdbi(), java.time.InstantSource.system(),
                    "killed-process");
            dead.heartbeat();
            cutOffAfterTheStoreWrite(dead, store, ann, name(3), bytes(3, 30_000));
            second.core().quota().reserveUpload(ann, REPO, 10_000, true);
            dead.forgetInstance("killed-process");
            assertThat(second.app().repairInterruptedUploads()).isEmpty();
            assertThat(second.core().quota().interrupted()).hasSize(1);
            store.put(name(4), bytes(4, 10_000));
            second.core().quota().commitUpload(ann, REPO, 10_000, 10_000);
            assertThat(second.app().repairInterruptedUploads()).singleElement()
                    .satisfies(d -> assertThat(d.driftBytes()).isEqualTo(30_000));
            assertThat(ledger(second.core().quota().usage(ann))).containsExactly(280_000L, 0L);
            assertThat(storeBytes(store)).isEqualTo(280_000);
            assertThat(second.core().quota().interrupted()).isEmpty();

            // the same with a delete between its store removal and its count (a restic lock deleted under load): the
            // recount waits for it, or it would leave the object out and then subtract it again
            dead.heartbeat();
            cutOffAfterTheStoreWrite(dead, store, ann, name(5), bytes(5, 20_000));
            dead.forgetInstance("killed-process");
            second.core().quota().beginRemoval(ann, REPO);
            store.delete(name(4));
            assertThat(second.app().repairInterruptedUploads()).as("held back by the delete in flight").isEmpty();
            second.core().quota().freedRemoval(ann, REPO, 10_000);
            assertThat(second.app().repairInterruptedUploads()).singleElement()
                    .satisfies(d -> assertThat(d.driftBytes()).isEqualTo(20_000));
            assertThat(ledger(second.core().quota().usage(ann))).containsExactly(290_000L, 0L);
            assertThat(storeBytes(store)).isEqualTo(290_000);
        }
    }

    /** What ObjectService does up to the store write, then nothing: the process died before the charge. */
    private static void cutOffAfterTheStoreWrite(QuotaService quota, BlobStore store, long account, BlobName name,
            byte[] content) throws IOException {
        quota.reserveUpload(account, REPO, content.length, true);
        store.put(name, content);
    }

    private static long[] ledger(Usage usage) {
        return new long[] {usage.storedBytes(), usage.reservedBytes()};
    }

    private static long storeBytes(BlobStore store) throws IOException {
        long sum = 0;
        for (BlobKind kind : BlobKind.values()) {
            for (BlobInfo info : store.list(kind)) {
                sum += info.size();
            }
        }
        return sum;
    }

    private static BlobName name(int n) {
        return BlobName.of(BlobKind.PACK, String.format("%032x", n));
    }

    private static byte[] bytes(int seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
