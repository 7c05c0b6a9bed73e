package dev.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HTTP problems map onto the blob exceptions the engine understands. */
class ProblemsTest {
    private static final BlobName NAME = BlobName.of(BlobKind.PACK, "0011223344556677");

    @Test
    void statusesMapToBlobExceptions() {
        assertThat(Problems.toException(404, null, NAME, "get")).isInstanceOf(BlobNotFoundException.class);
        assertThat(Problems.toException(409, null, NAME, "put")).isInstanceOf(BlobAlreadyExistsException.class);
        assertThat(Problems.toException(412, null, NAME, "put")).isInstanceOf(BlobAlreadyExistsException.class);
        assertThat(Problems.toException(416, null, NAME, "get")).isInstanceOf(EOFException.class);
        for (int status : new int[] {429, 500, 502, 503, 504}) {
            assertThat(Problems.toException(status, null, NAME, "get")).isInstanceOf(TransientBlobStoreException.class);
        }
        assertThat(Problems.toException(403, null, NAME, "delete")).isExactlyInstanceOf(ServerProblemException.class);
        assertThat(Problems.toException(401, null, NAME, "get")).isInstanceOf(SignedOutException.class)
                .hasMessageContaining("cairn login");
    }

    @Test
    void retryAfterIsKeptForTheRetry() {
        byte[] body = "{\"code\":\"too-many-requests\",\"retryAfterSeconds\":7}".getBytes(StandardCharsets.UTF_8);
        TransientBlobStoreException e = (TransientBlobStoreException) Problems.toException(429, body, "3", NAME, "put",
                "http://h:1");
        assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(3));
        e = (TransientBlobStoreException) Problems.toException(503, body, null, NAME, "put", "http://h:1");
        assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(7));
    }

    @Test
    void appendOnlyNamesTheFullTokenWays() {
        byte[] body = "{\"code\":\"append-only\",\"detail\":\"forget and prune need a full token\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Problems.toException(403, body, null, NAME, "delete", "https://backup.example"))
                .hasMessageContaining("forget and prune need a full token")
                .hasMessageContaining("cairn login https://backup.example --account NAME --password-stdin --scope full");
    }

    @Test
    void theServersDetailIsKept() {
        byte[] body = "{\"code\":\"quota-exceeded\",\"detail\":\"storing 5 more bytes would exceed the quota\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Problems.toException(507, body, NAME, "put " + NAME))
                .isExactlyInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("would exceed the quota");
    }

    /** Issue 21: a full server disk is the server's problem, not the account's quota (exit 1 with its words, not 15). */
    @Test
    void aFullServerDiskIsNotAQuotaProblemAndIsNotRetried() {
        byte[] body = "{\"code\":\"storage-full\",\"detail\":\"the server's storage is full (not your quota)\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Problems.toException(507, body, NAME, "put " + NAME))
                .isExactlyInstanceOf(ServerProblemException.class)
                .isNotInstanceOf(dev.cairn.blob.TransientBlobStoreException.class)
                .hasMessage("the server's storage is full (not your quota)");
    }
}
