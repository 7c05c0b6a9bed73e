package dev.cairn.s3;

import dev.cairn.blob.BlobStore;
import dev.cairn.blob.BlobStoreProvider;
import dev.cairn.blob.RetryPolicy;
import dev.cairn.blob.RetryingBlobStore;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code s3:} scheme: {@code s3://BUCKET[/PREFIX][?endpoint=URL&region=NAME&path-style=true|false]} opens an
 * {@link S3BlobStore} on that bucket and key prefix.
 * <ul>
 *   <li>{@code endpoint}: an S3-compatible service ({@code http(s)://host[:port]}); without it, AWS S3.</li>
 *   <li>{@code region}: the signing region; default {@code $AWS_REGION}, else {@code us-east-1}.</li>
 *   <li>{@code path-style}: address the bucket in the path; default true when an endpoint is given (what MinIO, Ceph
 *       and S3Proxy expect), false for AWS.</li>
 * </ul>
 * Credentials come from the AWS default chain: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (and
 * {@code AWS_SESSION_TOKEN}), the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties, a profile in
 * {@code ~/.aws/credentials} ({@code AWS_PROFILE}), or the instance or container role. They never appear in the location.
 *
 * <p>{@link #open} requires the bucket to exist ({@link java.nio.file.NoSuchFileException} otherwise); {@link #create}
 * creates it if missing. Either returns the store wrapped in a {@link RetryingBlobStore} with
 * {@link RetryPolicy#DEFAULT}, so network hiccups and throttling are ridden out. Public only for
 * {@link java.util.ServiceLoader}; thread-safe. Loading this class loads no AWS SDK class (the SDK is only touched once a
 * location is opened), so having the module on the class path costs other schemes nothing at start-up.
 */
public final class S3BlobStoreProvider implements BlobStoreProvider {
    static final String SCHEME = "s3";

    private final Function<String, String> env;

    /** For {@link java.util.ServiceLoader}: reads {@code AWS_REGION} from the process environment. */
    public S3BlobStoreProvider() {
        this(System::getenv);
    }

    S3BlobStoreProvider(Function<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    /** @throws IllegalArgumentException for a malformed location, naming the problem and the syntax */
    @Override
    public BlobStore open(URI location) throws IOException {
        return connect(location, false);
    }

    /** As {@link #open}, but creates the bucket first if it does not exist. */
    @Override
    public BlobStore create(URI location) throws IOException {
        return connect(location, true);
    }

    private BlobStore connect(URI uri, boolean create) throws IOException {
        S3Location location = S3Location.parse(uri, env);
        return RetryingBlobStore.wrap(S3Connector.connect(location, create), RetryPolicy.DEFAULT);
    }
}
