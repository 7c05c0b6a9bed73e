package dev.cairn.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStoreException;
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
        assertThat(Problems.toException(403, null, NAME, "delete")).isExactlyInstanceOf(BlobStoreException.class);
    }

    @Test
    void theServersDetailIsKept() {
        byte[] body = "{\"code\":\"quota-exceeded\",\"detail\":\"storing 5 more bytes would exceed the quota\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Problems.toException(507, body, NAME, "put " + NAME))
                .isExactlyInstanceOf(BlobStoreException.class)
                .hasMessageContaining("HTTP 507").hasMessageContaining("would exceed the quota");
    }
}
