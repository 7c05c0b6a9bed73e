package dev.cairn.blob;

/** The named object does not exist. Retrying does not help. */
public class BlobNotFoundException extends BlobStoreException {
    private static final long serialVersionUID = 1L;

    public BlobNotFoundException(BlobName name) {
        super(name + " does not exist");
    }

    /** As {@link #BlobNotFoundException(BlobName)}, keeping the store's own failure as the cause. */
    public BlobNotFoundException(BlobName name, Throwable cause) {
        super(name + " does not exist", cause);
    }
}
