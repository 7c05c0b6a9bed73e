package dev.cairn.blob;

/**
 * A put or delete was sent to a store opened read-only (see {@link ReadOnlyBlobStore}). Nothing changed. Retrying does not
 * help; open the store writable if the change is intended.
 */
public class ReadOnlyBlobStoreException extends BlobStoreException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyBlobStoreException(BlobOp op, BlobName name) {
        super("cannot " + op.name().toLowerCase(java.util.Locale.ROOT) + " " + name
                + ": the store is open read-only; open it writable to change it");
    }
}
