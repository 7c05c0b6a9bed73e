package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.client.HttpBlobStore;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.db.TestDatabases;
import dev.cairn.testkit.BlobStoreContract;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on PostgreSQL ({@code --db postgresql://…}): the native API passes the blob store contract, and two server
 * processes sharing one database and one store serve the same tenant consistently.
 */
class PostgresServerTest extends BlobStoreContract {
    @TempDir
    static Path dir;
    static TestServer first;
    static TestServer second;
    static String token;
    static final AtomicInteger REPOS = new AtomicInteger();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        String db = TestDatabases.postgresUrl();
        String store = dir.resolve("shared-store").toString();
        first = TestServer.start(dir.resolve("one"), c -> c.withStorage(db, store));
        second = TestServer.start(dir.resolve("two"), c -> c.withStorage(db, store));
        first.account("pat");
        token = first.token("pat", TokenScope.FULL);
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
    }

    @Override
    protected BlobStore newStore() throws Exception {
        return HttpBlobStore.open(CLIENT, first.uri("/"), "pg-" + REPOS.incrementAndGet(), token);
    }

    @Test
    void writesThroughOneServerAreReadThroughTheOther() throws Exception {
        BlobStore one = HttpBlobStore.open(CLIENT, first.uri("/"), "shared", token);
        BlobStore two = HttpBlobStore.open(CLIENT, second.uri("/"), "shared", token);
        BlobName name = BlobName.of(BlobKind.PACK, "00112233445566778899aabbccddeeff");
        one.put(name, new byte[] {1, 2, 3});
        assertThat(two.getAll(name)).containsExactly(1, 2, 3);
        assertThat(two.list(BlobKind.PACK)).hasSize(1);
        two.delete(name);
        assertThat(one.exists(name)).isFalse();
        long account = first.core().accounts().require("pat").id();
        assertThat(second.core().quota().usage(account).storedBytes())
                .isEqualTo(first.core().quota().usage(account).storedBytes());
    }
}
