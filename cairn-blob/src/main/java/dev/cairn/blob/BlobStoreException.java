package dev.cairn.blob;

import java.io.IOException;

/** Root of the store failures that carry the name of the object concerned. Permanent unless it is a {@link TransientBlobStoreException}. */
public class BlobStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public BlobStoreException(String message) {
        super(message);
    }

    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
