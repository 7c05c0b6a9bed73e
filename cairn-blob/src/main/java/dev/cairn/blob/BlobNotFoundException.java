package dev.cairn.blob;

/** The named object does not exist. Retrying does not help. */
public class BlobNotFoundException extends BlobStoreException {
    private static final long serialVersionUID = 1L;

    public BlobNotFoundException(BlobName name) {
        super(name + " does not exist");
    }
}
