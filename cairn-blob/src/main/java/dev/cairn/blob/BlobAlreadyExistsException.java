package dev.cairn.blob;

/** A put named an object that already exists; objects are immutable, so the put was refused and nothing changed. */
public class BlobAlreadyExistsException extends BlobStoreException {
    private static final long serialVersionUID = 1L;

    public BlobAlreadyExistsException(BlobName name) {
        super(name + " already exists and objects are immutable");
    }

    /** As {@link #BlobAlreadyExistsException(BlobName)}, keeping the store's own failure as the cause. */
    public BlobAlreadyExistsException(BlobName name, Throwable cause) {
        super(name + " already exists and objects are immutable", cause);
    }
}
