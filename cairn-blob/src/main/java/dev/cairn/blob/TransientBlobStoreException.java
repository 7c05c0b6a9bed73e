package dev.cairn.blob;

/**
 * A failure that has a reasonable chance of succeeding if the same operation is retried (timeouts, throttling, 5xx).
 * This type is the only signal {@code RetryingBlobStore} retries on; stores map their own errors onto it.
 */
public class TransientBlobStoreException extends BlobStoreException {
    private static final long serialVersionUID = 1L;

    public TransientBlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientBlobStoreException(String message) {
        super(message);
    }
}
