package dev.cairn.s3;

import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStoreException;
import dev.cairn.blob.TransientBlobStoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS SDK failures into the {@link dev.cairn.blob.BlobStore} contract's exceptions. Messages say what failed, where,
 * and what to check; they carry the S3 error code and status but never credentials (the SDK exception is kept as the
 * cause, and its messages hold no secrets either).
 *
 * <ul>
 *   <li>404 on an object: {@link BlobNotFoundException}; {@code NoSuchBucket}: {@link NoSuchFileException} naming the
 *       bucket.</li>
 *   <li>403 (and 401): {@link AccessDeniedException} naming the environment variables to check. Not retryable.</li>
 *   <li>5xx, 429, throttling and timeout codes, 409 (a conflicting concurrent request), and failures to reach the
 *       endpoint (refused, reset, timed out): {@link TransientBlobStoreException}.</li>
 *   <li>anything else: a permanent {@link BlobStoreException}.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class S3Errors {
    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "OperationAborted",
            "ConditionalRequestConflict");
    static final String CREDENTIALS_HINT = "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), the "
            + "region (region= in the location, or AWS_REGION), and that this key may read, write, list and delete "
            + "objects in the bucket";

    private final S3Location location;

    S3Errors(S3Location location) {
        this.location = location;
    }

    /**
     * The exception for {@code e}, thrown while doing {@code operation} (a verb phrase such as "read") on {@code name}
     * ({@code null} for bucket-level operations).
     */
    IOException map(SdkException e, String operation, BlobName name) {
        String what = operation + (name == null ? " in " + location.display() : " " + location.display() + "/" + name);
        return switch (e) {
            case AwsServiceException service -> service(service, operation, what, name);
            case SdkClientException client when rootCause(client) instanceof IOException -> unreachable(client, what);
            case SdkClientException client -> new BlobStoreException("cannot " + what + ": " + client.getMessage()
                    + "; " + CREDENTIALS_HINT, client);
            default -> new BlobStoreException("cannot " + what + ": " + e.getClass().getSimpleName(), e);
        };
    }

    /** Whether {@code e} is a service answer with HTTP status {@code status}. */
    static boolean hasStatus(SdkException e, int status) {
        return e instanceof AwsServiceException service && service.statusCode() == status;
    }

    private IOException service(AwsServiceException e, String operation, String what, BlobName name) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String reply = " (S3 answered " + status + (code == null ? "" : " " + code) + " from " + location.displayEndpoint() + ")";
        if ("NoSuchBucket".equals(code) || (status == 404 && name == null)) {
            return noSuchBucket(e);
        }
        if (status == 404) {
            return new BlobNotFoundException(name, e);
        }
        if (status == 401 || status == 403) {
            return accessDenied(e, operation + (name == null ? "" : " " + name), reply);
        }
        if (status >= 500 || status == 429 || status == 409 || TRANSIENT_CODES.contains(code)) {
            return new TransientBlobStoreException("cannot " + what + reply + "; retrying may help", e);
        }
        return new BlobStoreException("cannot " + what + reply, e);
    }

    private IOException noSuchBucket(Exception cause) {
        NoSuchFileException e = new NoSuchFileException(location.display(), null, "bucket '" + location.bucket()
                + "' does not exist at " + location.displayEndpoint() + "; check the location, or create it with 'cairn init'");
        e.initCause(cause);
        return e;
    }

    private IOException accessDenied(Exception cause, String what, String reply) {
        AccessDeniedException e = new AccessDeniedException(location.display(), null,
                "S3 refused to " + what + reply + ": the credentials are wrong or lack "
                        + "permission; " + CREDENTIALS_HINT);
        e.initCause(cause);
        return e;
    }

    private TransientBlobStoreException unreachable(SdkClientException e, String what) {
        Throwable root = rootCause(e);
        String why = root == e ? "" : ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : " " + root.getMessage());
        return new TransientBlobStoreException("cannot " + what + ": no answer from " + location.displayEndpoint() + why
                + "; check the endpoint and the network (retrying may help)", e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
