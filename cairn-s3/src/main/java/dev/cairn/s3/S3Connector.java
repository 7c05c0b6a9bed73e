package dev.cairn.s3;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client for a location and checks (or creates) its bucket: the only place that touches the AWS SDK's
 * configuration, so that {@link S3BlobStoreProvider} itself loads no SDK class until an {@code s3:} location is opened.
 *
 * <p>The client uses the JDK's {@code HttpURLConnection} (connect timeout 10 s, read timeout 60 s), signs with the given
 * credentials for the location's region, addresses buckets path-style when the location says so, and never retries on
 * its own (see {@link S3BlobStore}). It adds request checksums only where S3 requires them: the SDK's default trailing
 * CRC32 (an {@code aws-chunked} body with a trailer) is not understood by every S3-compatible service, and integrity is
 * covered anyway by TLS or, over plain HTTP, by the signed payload chunks, and end to end by the repository's
 * authenticated encryption.
 *
 * <p>Over plain HTTP the SDK must sign a streamed body chunk by chunk ({@code aws-chunked}). S3Proxy 4.1 reads such a
 * body only up to its decoded length and answers before the final empty chunk arrives, so about one small upload in
 * thirty fails on the client with "Error writing request body to server" although the object was stored (a transient
 * error; {@code RetryingBlobStore} then finds the object and compares it). Over HTTPS bodies are sent unchunked and this
 * does not happen, which is why the test fixture serves HTTPS. Put S3Proxy behind TLS in production, too.
 * Thread-safe: every call builds its own client.
 */
final class S3Connector {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private S3Connector() {
    }

    /** As {@link #connect(S3Location, AwsCredentialsProvider, boolean, long)} with the AWS default credentials chain. */
    static BlobStore connect(S3Location location, boolean create) throws IOException {
        return connect(location, DefaultCredentialsProvider.builder().build(), create, S3Uploader.DEFAULT_PART_SIZE);
    }

    /**
     * Connects to {@code location}'s bucket, creating it first if {@code create} and it is missing. The store owns (and
     * its close closes) the client and, if closeable, {@code credentials}.
     *
     * @throws java.nio.file.NoSuchFileException if the bucket does not exist and {@code create} is false
     * @throws java.nio.file.AccessDeniedException if the credentials are refused
     * @throws IOException if no credentials are found, or the endpoint cannot be reached (then transient)
     */
    static S3BlobStore connect(S3Location location, AwsCredentialsProvider credentials, boolean create, long partSize)
            throws IOException {
        S3Errors errors = new S3Errors(location);
        checkCredentials(location, credentials);
        S3Client s3 = client(location, credentials);
        List<AutoCloseable> owned = new ArrayList<>(List.of(s3));
        if (credentials instanceof AutoCloseable closeable) {
            owned.add(closeable);
        }
        S3BlobStore store = new S3BlobStore(s3, location, partSize, owned);
        try {
            checkBucket(s3, location, errors, create);
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static S3Client client(S3Location location, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT))
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(location.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
        location.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static void checkCredentials(S3Location location, AwsCredentialsProvider credentials) throws IOException {
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new BlobStoreException("no S3 credentials found for " + location.display() + ": set AWS_ACCESS_KEY_ID "
                    + "and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE for a profile in ~/.aws/credentials)", e);
        }
    }

    private static void checkBucket(S3Client s3, S3Location location, S3Errors errors, boolean create) throws IOException {
        try {
            s3.headBucket(b -> b.bucket(location.bucket()));
        } catch (SdkException e) {
            if (!create || !S3Errors.hasStatus(e, 404)) {
                throw errors.map(e, "open the bucket", null);
            }
            createBucket(s3, location, errors);
        }
    }

    private static void createBucket(S3Client s3, S3Location location, S3Errors errors) throws IOException {
        try {
            s3.createBucket(b -> {
                b.bucket(location.bucket());
                if (!location.region().equals(S3Location.DEFAULT_REGION)) {
                    b.createBucketConfiguration(c -> c.locationConstraint(location.region()));
                }
            });
        } catch (SdkException e) {
            if (isCode(e, "BucketAlreadyOwnedByYou")) {
                return; // created meanwhile by another of our processes
            }
            if (isCode(e, "BucketAlreadyExists")) {
                throw new BlobStoreException("cannot create bucket '" + location.bucket() + "': the name is taken by another "
                        + "account (bucket names are global on AWS); choose another bucket name", e);
            }
            throw errors.map(e, "create the bucket", null);
        }
    }

    private static boolean isCode(SdkException e, String code) {
        return e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && code.equals(service.awsErrorDetails().errorCode());
    }
}
