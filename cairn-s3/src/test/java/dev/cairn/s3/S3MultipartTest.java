package dev.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobAlreadyExistsException;
import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.testkit.Concurrently;
import dev.cairn.testkit.DeterministicRandom;
import dev.cairn.testkit.Hashing;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@DisplayName("puts above the part size stream as multipart uploads")
class S3MultipartTest {
    private static final long MIB = 1 << 20;
    private static final long PART = 5 * MIB; // the S3 minimum, so several parts with little data
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3ProxyFixture s3;
    private static S3Client raw;
    private static String bucket;
    private String prefix;
    private S3BlobStore store;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
        raw = TestS3.rawClient(s3);
        bucket = s3.newBucketName();
    }

    @AfterAll
    static void stopS3() throws Exception {
        raw.close();
        s3.close();
    }

    @BeforeEach
    void openStore() throws IOException {
        prefix = "multipart-" + PREFIXES.incrementAndGet();
        store = TestS3.store(s3, bucket, prefix, PART);
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
    }

    private static BlobName pack(long seed) {
        return BlobName.of(BlobKind.PACK, HexFormat.of().formatHex(DeterministicRandom.bytes(seed, 32)));
    }

    @Test
    @DisplayName("40 MiB through the default 16 MiB parts round-trips, whole and ranged across a part boundary")
    void fortyMebibytesRoundTrip() throws Exception {
        long size = 40 * MIB;
        try (S3BlobStore defaults = TestS3.store(s3, bucket, prefix + "-defaults")) {
            defaults.put(pack(1), DeterministicRandom.stream(1, size), size);
            assertThat(defaults.stat(pack(1)).withoutStoredAt()).isEqualTo(new BlobInfo(pack(1), size));
            try (InputStream in = defaults.get(pack(1))) {
                assertThat(Hashing.sha256(in)).isEqualTo(Hashing.sha256(DeterministicRandom.stream(1, size)));
            }
            byte[] all = DeterministicRandom.stream(1, size).readAllBytes();
            int boundary = (int) S3Uploader.DEFAULT_PART_SIZE;
            assertThat(defaults.getRange(pack(1), boundary - 100, 200))
                    .isEqualTo(java.util.Arrays.copyOfRange(all, boundary - 100, boundary + 100));
        }
    }

    @Test
    @DisplayName("a stream failing in a later part: the caller's error, nothing visible, the upload aborted")
    void failingStreamAbortsTheUpload() throws Exception {
        IOException failure = new IOException("disk read error by test");
        InputStream content = failAfter(DeterministicRandom.stream(2, 12 * MIB), 7 * MIB, failure);
        assertThatThrownBy(() -> store.put(pack(2), content, 12 * MIB)).isSameAs(failure);
        assertNothingLeft(pack(2));
    }

    @Test
    @DisplayName("a stream ending early: EOFException, nothing visible, the upload aborted")
    void shortStreamAbortsTheUpload() throws Exception {
        assertThatThrownBy(() -> store.put(pack(3), DeterministicRandom.stream(3, 8 * MIB), 11 * MIB))
                .isInstanceOf(EOFException.class).hasMessageContaining("nothing was stored");
        assertNothingLeft(pack(3));
    }

    @Test
    void anExistingNameIsRefusedBeforeUploading() throws Exception {
        store.put(pack(4), new byte[] {4});
        CountingStream content = new CountingStream(DeterministicRandom.stream(4, 6 * MIB));
        assertThatThrownBy(() -> store.put(pack(4), content, 6 * MIB)).isInstanceOf(BlobAlreadyExistsException.class);
        assertThat(content.count).isZero();
        assertThat(store.getAll(pack(4))).containsExactly(4);
    }

    @Test
    @DisplayName("racing multipart puts of one name: exactly one wins (the completion is conditional)")
    void racingMultipartPutsHaveOneWinner() throws Exception {
        long size = 6 * MIB;
        List<Boolean> won = Concurrently.run(3, t -> {
            try {
                store.put(pack(5), DeterministicRandom.stream(100 + t, size), size);
                return true;
            } catch (BlobAlreadyExistsException e) {
                return false;
            }
        });
        assertThat(won).containsOnlyOnce(true);
        try (InputStream in = store.get(pack(5))) {
            assertThat(Hashing.sha256(in)).isEqualTo(Hashing.sha256(DeterministicRandom.stream(100 + won.indexOf(true), size)));
        }
        assertThat(raw.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix + "/")).uploads()).isEmpty();
    }

    private void assertNothingLeft(BlobName name) throws IOException {
        assertThatThrownBy(() -> store.stat(name)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.list(BlobKind.PACK)).isEmpty();
        // the listing below finds an upload left under the store's prefix: shown with one made here, then aborted
        String probe = raw.createMultipartUpload(b -> b.bucket(bucket).key(prefix + "/data/ab/probe")).uploadId();
        assertThat(raw.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix + "/")).uploads()).hasSize(1);
        raw.abortMultipartUpload(b -> b.bucket(bucket).key(prefix + "/data/ab/probe").uploadId(probe));
        assertThat(raw.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix + "/")).uploads()).isEmpty();
    }

    private static InputStream failAfter(InputStream in, long limit, IOException failure) {
        return new FilterInputStream(in) {
            private long left = limit;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    throw failure;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }
        };
    }

    /** Counts the bytes read from it. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
