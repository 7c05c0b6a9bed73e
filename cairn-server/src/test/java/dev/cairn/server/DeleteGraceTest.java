package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.server.storage.Tenant;
import dev.cairn.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deletes with a grace period hide objects at once, keep counting their bytes, and free them when purged (ADR 9). */
class DeleteGraceTest {
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.create();
    TestServer server;
    Tenant tenant;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, c -> c.withDeleteGrace(Duration.ofHours(1)), clock);
        tenant = new Tenant(server.account("lou").id(), "lou");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void put(BlobName name, int size) throws Exception {
        server.core().objects().put(tenant, "r", name, new ByteArrayInputStream(new byte[size]), size, false);
    }

    private long stored() {
        return server.core().quota().usage(tenant.accountId()).storedBytes();
    }

    @Test
    void deletedObjectIsHiddenButCountedUntilPurged() throws Exception {
        BlobName pack = BlobName.of(BlobKind.PACK, "aa".repeat(32));
        put(pack, 1000);
        var objects = server.core().objects();
        assertThat(objects.list(tenant, "r", BlobKind.PACK)).hasSize(1);
        objects.delete(tenant, "r", pack);
        assertThatThrownBy(() -> objects.stat(tenant, "r", pack)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> objects.delete(tenant, "r", pack)).isInstanceOf(BlobNotFoundException.class);
        assertThat(objects.list(tenant, "r", BlobKind.PACK)).isEmpty();
        assertThat(stored()).isEqualTo(1000);
        clock.advance(Duration.ofMinutes(59));
        assertThat(objects.purgeDeleted(100)).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(objects.purgeDeleted(100)).isEqualTo(1);
        assertThat(stored()).isZero();
        assertThat(server.app().reconcile()).isEmpty();
    }

    @Test
    void locksAreDeletedAtOnce() throws Exception {
        BlobName lock = BlobName.of(BlobKind.LOCK, "bb".repeat(32));
        put(lock, 100);
        assertThat(stored()).isEqualTo(100);
        server.core().objects().delete(tenant, "r", lock);
        assertThat(stored()).isZero();
    }

    @Test
    void reUploadOfAHiddenNamePurgesTheOldObjectFirst() throws Exception {
        BlobName pack = BlobName.of(BlobKind.PACK, "cc".repeat(32));
        put(pack, 500);
        server.core().objects().delete(tenant, "r", pack);
        put(pack, 700);
        assertThat(server.core().objects().stat(tenant, "r", pack).size()).isEqualTo(700);
        assertThat(stored()).isEqualTo(700);
    }
}
