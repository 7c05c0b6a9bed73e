package dev.cairn.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreException;
import dev.cairn.blob.BlobStores;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

@DisplayName("S3 failures become the store contract's exceptions, with messages that say what to check")
class S3ErrorsTest {
    private static final BlobName NAME = BlobName.of(BlobKind.PACK, "0123456789abcdef");
    private static final String WRONG_SECRET = "wrong-secret-do-not-print";
    private static S3ProxyFixture s3;
    private static String bucket;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
        bucket = s3.newBucketName();
        TestS3.store(s3, bucket, "").close();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static S3BlobStore storeWithWrongSecret() {
        return TestS3.unchecked(s3.location(bucket, "p"), S3ProxyFixture.ACCESS_KEY, WRONG_SECRET);
    }

    @Test
    @DisplayName("wrong credentials: AccessDeniedException naming the variables to check, never the secret")
    void wrongCredentialsAreAccessDenied() throws Exception {
        try (S3BlobStore store = storeWithWrongSecret()) {
            assertThatThrownBy(() -> store.put(NAME, new byte[10])).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("s3://" + bucket + "/p").hasMessageContaining("403")
                    .hasMessageContaining("AWS_ACCESS_KEY_ID").hasMessageContaining("AWS_SECRET_ACCESS_KEY")
                    .hasMessageNotContaining(WRONG_SECRET);
            assertThatThrownBy(() -> store.list(BlobKind.PACK)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> store.getAll(NAME)).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    @DisplayName("wrong credentials through a location: refused when opening")
    void wrongCredentialsThroughTheProvider() throws Exception {
        try (AutoCloseable wrong = S3ProxyFixture.useCredentials(S3ProxyFixture.ACCESS_KEY, WRONG_SECRET)) {
            assertThatThrownBy(() -> BlobStores.open(s3.location(bucket, "p"))).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("AWS_SECRET_ACCESS_KEY").hasMessageNotContaining(WRONG_SECRET);
        }
    }

    @Test
    @DisplayName("no credentials at all: a message naming the variables to set")
    void missingCredentials() {
        S3Location location = TestS3.location(s3.location(bucket, "p"));
        assertThatThrownBy(() -> S3Connector.connect(location, () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        }, false, S3Uploader.DEFAULT_PART_SIZE)).isInstanceOf(BlobStoreException.class)
                .isNotInstanceOf(TransientBlobStoreException.class)
                .hasMessageContaining("no S3 credentials found").hasMessageContaining("AWS_ACCESS_KEY_ID");
    }

    @Test
    @DisplayName("S3 not running: transient (a retry may help), naming the endpoint")
    void stoppedServerIsTransient() throws Exception {
        S3ProxyFixture doomed = S3ProxyFixture.start();
        String doomedBucket = doomed.newBucketName();
        try (S3BlobStore store = TestS3.store(doomed, doomedBucket, "p")) {
            store.put(NAME, new byte[] {1});
            doomed.close();
            assertThatThrownBy(() -> store.getAll(NAME)).isInstanceOf(TransientBlobStoreException.class)
                    .hasMessageContaining(doomed.endpoint().toString()).hasMessageContaining("retrying may help");
            assertThatThrownBy(() -> store.put(BlobName.of(BlobKind.PACK, "0123456789abcdee"), new byte[100]))
                    .isInstanceOf(TransientBlobStoreException.class);
            assertThatThrownBy(() -> store.list(BlobKind.PACK)).isInstanceOf(TransientBlobStoreException.class);
        }
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "500, InternalError, dev.cairn.blob.TransientBlobStoreException",
            "503, SlowDown, dev.cairn.blob.TransientBlobStoreException",
            "429, TooManyRequests, dev.cairn.blob.TransientBlobStoreException",
            "400, RequestTimeout, dev.cairn.blob.TransientBlobStoreException",
            "409, ConditionalRequestConflict, dev.cairn.blob.TransientBlobStoreException",
            "404, NoSuchKey, dev.cairn.blob.BlobNotFoundException",
            "404, NoSuchBucket, java.nio.file.NoSuchFileException",
            "403, AccessDenied, java.nio.file.AccessDeniedException",
            "400, InvalidArgument, dev.cairn.blob.BlobStoreException"})
    void statusAndCodeDecideTheType(int status, String code, Class<? extends IOException> expected) {
        S3Exception e = (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
        IOException mapped = new S3Errors(TestS3.location("s3://bk1/p")).map(e, "read", NAME);
        assertThat(mapped).isExactlyInstanceOf(expected).hasCause(e);
        assertThat(mapped).hasMessageContaining(status == 404 && code.equals("NoSuchKey") ? "does not exist" : "s3://bk1/p");
    }

    @Test
    void missingObjectVersusMissingBucket() throws Exception {
        try (BlobStore store = TestS3.store(s3, bucket, "p")) {
            assertThatThrownBy(() -> store.stat(NAME)).isInstanceOf(BlobNotFoundException.class);
        }
        String gone = s3.newBucketName();
        try (BlobStore orphan = TestS3.unchecked(s3.location(gone, "p"), S3ProxyFixture.ACCESS_KEY, S3ProxyFixture.SECRET_KEY)) {
            assertThatThrownBy(() -> orphan.list(BlobKind.PACK)).isInstanceOf(NoSuchFileException.class)
                    .hasMessageContaining("bucket '" + gone + "' does not exist");
        }
    }
}
