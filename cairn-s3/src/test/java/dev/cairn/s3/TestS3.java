package dev.cairn.s3;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** Stores and raw clients on an {@link S3ProxyFixture}, with explicit credentials (no JVM-wide properties). */
final class TestS3 {
    private TestS3() {
    }

    static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }

    static S3Location location(String location) {
        return S3Location.parse(URI.create(location), Map.<String, String>of()::get);
    }

    /** A store on {@code bucket}/{@code prefix} (bucket created if missing), with the fixture's keys. */
    static S3BlobStore store(S3ProxyFixture s3, String bucket, String prefix) throws IOException {
        return store(s3, bucket, prefix, S3Uploader.DEFAULT_PART_SIZE);
    }

    static S3BlobStore store(S3ProxyFixture s3, String bucket, String prefix, long partSize) throws IOException {
        return S3Connector.connect(location(s3.location(bucket, prefix)),
                credentials(S3ProxyFixture.ACCESS_KEY, S3ProxyFixture.SECRET_KEY), true, partSize);
    }

    /** A store on {@code location} with the given keys, without checking the bucket (as if it vanished after opening). */
    static S3BlobStore unchecked(String location, String accessKey, String secretKey) {
        S3Location parsed = location(location);
        S3Client client = S3Connector.client(parsed, credentials(accessKey, secretKey));
        return new S3BlobStore(client, parsed, S3Uploader.DEFAULT_PART_SIZE, java.util.List.of(client));
    }

    /** A plain SDK client on the fixture, to look at keys behind the store's back. */
    static S3Client rawClient(S3ProxyFixture s3) {
        return S3Connector.client(location(s3.location("unused", "")),
                credentials(S3ProxyFixture.ACCESS_KEY, S3ProxyFixture.SECRET_KEY));
    }
}
