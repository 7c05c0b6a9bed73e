package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.server.storage.Tenant;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deleted account's data and rows are purged once its grace period ends; other tenants are untouched. */
class AccountPurgeTest {
    @TempDir
    Path dir;

    @Test
    void purgeDeletesTheTenantsObjectsAndTheAccountOnly() throws Exception {
        try (TestServer server = TestServer.start(dir, c -> c.withAccountDeletionGrace(Duration.ZERO))) {
            Tenant gone = new Tenant(server.account("vic").id(), "vic");
            Tenant kept = new Tenant(server.account("wes").id(), "wes");
            for (Tenant t : new Tenant[] {gone, kept}) {
                for (String repo : new String[] {"a", "b"}) {
                    server.core().objects().put(t, repo, BlobName.of(BlobKind.PACK, "12345678"),
                            new ByteArrayInputStream(new byte[100]), 100, false);
                }
            }
            Path goneFiles = dir.resolve("store/tenants/" + gone.accountId());
            assertThat(regularFiles(goneFiles)).as("the objects to purge are there").isEqualTo(2);
            assertThat(server.core().repos().list(gone.accountId())).hasSize(2);
            server.core().accounts().requestDeletion(gone.accountId());
            server.app().purgeAccounts();

            assertThat(server.core().accounts().find("vic")).isEmpty();
            assertThat(server.core().repos().list(gone.accountId())).isEmpty();
            assertThat(regularFiles(goneFiles)).as("objects left in the tenant's folder").isZero();
            assertThat(server.core().objects().list(kept, "a", BlobKind.PACK)).hasSize(1);
            assertThat(server.core().quota().usage(kept.accountId()).storedBytes()).isEqualTo(200);
        }
    }

    /** Files under {@code root}; 0 if the folder itself is gone (the test first shows it held the objects). */
    private static long regularFiles(Path root) throws Exception {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
