package dev.cairn.server;

import dev.cairn.blob.BlobStore;
import dev.cairn.client.HttpBlobStore;
import dev.cairn.protocol.TokenScope;
import dev.cairn.testkit.BlobStoreContract;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpBlobStore} against a real running server passes the same contract as the local store. */
class HttpBlobStoreContractTest extends BlobStoreContract {
    @TempDir
    static Path dir;
    static TestServer server;
    static String token;
    static final AtomicInteger REPOS = new AtomicInteger();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dir);
        server.account("carol");
        token = server.token("carol", TokenScope.FULL);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Override
    protected BlobStore newStore() throws Exception {
        return HttpBlobStore.open(CLIENT, server.uri("/"), "contract-" + REPOS.incrementAndGet(), token);
    }
}
