package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import dev.cairn.client.HttpBlobStore;
import dev.cairn.protocol.TokenScope;
import dev.cairn.s3.S3ProxyFixture;
import dev.cairn.server.db.TestDatabases;
import java.net.http.HttpClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out stack of architecture §6: two server processes sharing one PostgreSQL database ({@code --db postgresql://…})
 * and one S3 bucket ({@code --store s3://…}, S3Proxy in-process) serve the same tenants consistently: objects, listings,
 * deletes and usage written through one are seen through the other, and tenants stay apart in the shared bucket.
 */
class ScaleOutServerTest {
    @TempDir
    static Path dir;
    static S3ProxyFixture s3;
    static AutoCloseable credentials;
    static TestServer first;
    static TestServer second;
    static String samToken;
    static String kimToken;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyFixture.start();
        credentials = S3ProxyFixture.useCredentials();
        String db = TestDatabases.postgresUrl();
        String store = s3.location(s3.newBucketName(), "cairn");
        first = TestServer.start(dir.resolve("one"), c -> c.withStorage(db, store));
        second = TestServer.start(dir.resolve("two"), c -> c.withStorage(db, store));
        first.account("sam");
        first.account("kim");
        samToken = first.token("sam", TokenScope.FULL);
        kimToken = second.token("kim", TokenScope.FULL);
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
        credentials.close();
        s3.close();
    }

    @Test
    void writesThroughOneServerAreReadListedAndDeletedThroughTheOther() throws Exception {
        BlobStore one = HttpBlobStore.open(CLIENT, first.uri("/"), "laptop", samToken);
        BlobStore two = HttpBlobStore.open(CLIENT, second.uri("/"), "laptop", samToken);
        BlobName pack = BlobName.of(BlobKind.PACK, "00112233445566778899aabbccddeeff");
        byte[] content = new byte[3 << 20];
        new java.util.Random(6).nextBytes(content);
        one.put(pack, content);
        assertThat(two.getAll(pack)).isEqualTo(content);
        assertThat(two.getRange(pack, 1 << 20, 10)).isEqualTo(java.util.Arrays.copyOfRange(content, 1 << 20, (1 << 20) + 10));
        assertThat(two.list(BlobKind.PACK)).extracting(i -> i.name()).containsExactly(pack);
        long account = first.core().accounts().require("sam").id();
        assertThat(second.core().quota().usage(account).storedBytes()).isEqualTo(content.length);
        two.delete(pack);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> one.getAll(pack)).isInstanceOf(BlobNotFoundException.class);
        assertThat(first.core().quota().usage(account).storedBytes()).isZero();
    }

    @Test
    void tenantsSharingTheBucketStayApart() throws Exception {
        BlobStore sams = HttpBlobStore.open(CLIENT, first.uri("/"), "shared-name", samToken);
        BlobStore kims = HttpBlobStore.open(CLIENT, second.uri("/"), "shared-name", kimToken);
        BlobName name = BlobName.of(BlobKind.SNAPSHOT, "aabbccddeeff00112233445566778899");
        sams.put(name, new byte[] {7});
        assertThat(sams.list(BlobKind.SNAPSHOT)).as("listed for its owner").hasSize(1);
        assertThat(kims.exists(name)).isFalse();
        assertThat(kims.list(BlobKind.SNAPSHOT)).isEmpty();
        kims.put(name, new byte[] {8, 8});
        assertThat(sams.getAll(name)).containsExactly(7);
        assertThat(kims.getAll(name)).containsExactly(8, 8);
    }
}
