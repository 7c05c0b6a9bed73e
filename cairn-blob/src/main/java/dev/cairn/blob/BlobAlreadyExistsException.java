package dev.cairn.blob;

/** A put named an object that already exists; objects are immutable, so the put was refused and nothing changed. */
public class BlobAlreadyExistsException extends BlobStoreException {
    private static final long serialVersionUID = 1L;

    public BlobAlreadyExistsException(BlobName name) {
        super(name + " already exists and objects are immutable");
    }
}
