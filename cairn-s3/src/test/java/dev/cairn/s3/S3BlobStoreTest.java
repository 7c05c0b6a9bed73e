package dev.cairn.s3;

import dev.cairn.blob.BlobStore;
import dev.cairn.testkit.BlobStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole {@link dev.cairn.blob.BlobStore} contract against S3Proxy; each test gets a fresh prefix in one bucket. */
class S3BlobStoreTest extends BlobStoreContract {
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3ProxyFixture s3;
    private static String bucket;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
        bucket = s3.newBucketName();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    protected BlobStore newStore() throws Exception {
        return TestS3.store(s3, bucket, "contract/test-" + PREFIXES.incrementAndGet());
    }
}
