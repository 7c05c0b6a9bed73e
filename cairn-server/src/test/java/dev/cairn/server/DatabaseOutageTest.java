package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.TransientBlobStoreException;
import dev.cairn.client.HttpBlobStore;
import dev.cairn.protocol.TokenScope;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server goes away while the service runs: requests get a precise 503 problem (not a hang, not a 500), and
 * once the database is back every object stored before is intact and uploads work again.
 */
class DatabaseOutageTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void anUnreachableDatabaseIsA503ProblemAndNothingStoredIsLost() throws Exception {
        int port = freePort();
        Path data = dir.resolve("pg");
        EmbeddedPostgres pg = start(data, port);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE outage");
        }
        String db = "postgresql://postgres:postgres@localhost:" + port + "/outage";
        try (TestServer server = TestServer.start(dir.resolve("server"), c -> c.withStorage(db, dir.resolve("store").toString()))) {
            server.account("olga");
            String token = server.token("olga", TokenScope.FULL);
            BlobStore store = HttpBlobStore.open(CLIENT, server.uri("/"), "laptop", token);
            byte[] before = bytes(1, 200_000);
            BlobName first = BlobName.of(BlobKind.PACK, "0123456789abcdef0123456789abcdef");
            store.put(first, before);

            pg.close();
            HttpResponse<String> refused = CLIENT.send(HttpRequest.newBuilder(server.uri(
                    "/api/v1/repos/laptop/objects/data/fedcba9876543210fedcba9876543210"))
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(2, 1000))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("database-unavailable").doesNotContain("Exception");
            assertThatThrownBy(() -> store.getAll(first)).isInstanceOf(TransientBlobStoreException.class);

            pg = start(data, port);
            // the pool's connections died with the old server: the first requests may still get the 503, as for any
            // client a retry after a moment succeeds
            assertThat(retryingTransient(() -> store.getAll(first))).isEqualTo(before);
            BlobName second = BlobName.of(BlobKind.PACK, "fedcba9876543210fedcba9876543210");
            store.put(second, bytes(3, 5000));
            assertThat(store.list(BlobKind.PACK)).hasSize(2);
            long account = server.core().accounts().require("olga").id();
            assertThat(server.core().quota().usage(account).storedBytes()).isEqualTo(200_000 + 5000);
        } finally {
            pg.close(); // after the server, which flushes its metering on close
        }
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T retryingTransient(Call<T> call) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (TransientBlobStoreException e) {
                if (attempt == 20) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "off").start();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] bytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
