package dev.cairn.blob;

/**
 * A failure that has a reasonable chance of succeeding if the same operation is retried (timeouts, throttling, 5xx).
 * This type is the only signal {@code RetryingBlobStore} retries on; stores map their own errors onto it.
 */
public class TransientBlobStoreException extends BlobStoreException {
    private static final long serialVersionUID = 1L;
    private final transient java.time.Duration retryAfter;

    /** As {@link #TransientBlobStoreException(String)}, when the store said how long to wait (HTTP {@code Retry-After}). */
    public TransientBlobStoreException(String message, java.time.Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public TransientBlobStoreException(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    public TransientBlobStoreException(String message) {
        super(message);
        this.retryAfter = null;
    }

    /** How long the store asked to wait before a retry, or null if it did not say. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }
}
