package dev.cairn.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobStore;
import dev.cairn.client.HttpBlobStore;
import dev.cairn.protocol.TokenScope;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native protocol's upload sent twice (the 64-client scale-out run, seed 2306: a backup failed with "data/865a…
 * already exists and objects are immutable" after the server that stored its pack was killed before answering and
 * the load balancer passed the upload to the other server). An object named by the SHA-256 of its bytes, sent again
 * with the same bytes, is already present: accepted, stored and charged once. Different bytes under an existing name,
 * or a stored object that does not hash to its name, stay a conflict (409).
 */
class ResentUploadTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String REPO = "laptop";

    @TempDir
    Path dir;

    @Test
    void theSameBytesSentAgainAreAcceptedOnceAndAnythingElseUnderTheNameIsAConflict() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            long ann = server.account("ann").id();
            BlobStore client = HttpBlobStore.open(CLIENT, server.uri("/"), REPO, server.token("ann", TokenScope.FULL));
            byte[] pack = bytes(1, 50_000);
            client.put(named(BlobKind.PACK, pack), pack);
            client.put(named(BlobKind.PACK, pack), pack); // the answer to the first was lost
            assertThat(server.core().quota().usage(ann).storedBytes()).as("charged once").isEqualTo(50_000);

            // stored by a server that died before it answered (and before it charged): the resend is accepted
            BlobStore store = server.core().stores().store(ann, REPO);
            byte[] index = bytes(2, 3286);
            store.put(named(BlobKind.INDEX, index), index);
            client.put(named(BlobKind.INDEX, index), index);
            assertThat(store.get(named(BlobKind.INDEX, index)).readAllBytes()).isEqualTo(index);

            byte[] other = bytes(3, 50_000);
            assertThatThrownBy(() -> client.put(named(BlobKind.PACK, pack), other)).as("other bytes under the name")
                    .isInstanceOf(BlobAlreadyExistsException.class);
            byte[] damaged = bytes(4, 3000);
            byte[] meant = bytes(5, 3000);
            store.put(named(BlobKind.SNAPSHOT, meant), damaged); // a stored object that does not hash to its name
            assertThatThrownBy(() -> client.put(named(BlobKind.SNAPSHOT, meant), meant))
                    .isInstanceOf(BlobAlreadyExistsException.class);
            assertThat(store.get(named(BlobKind.PACK, pack)).readAllBytes()).as("nothing overwritten").isEqualTo(pack);
        }
    }

    private static BlobName named(BlobKind kind, byte[] content) throws Exception {
        return BlobName.of(kind, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    private static byte[] bytes(int seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
