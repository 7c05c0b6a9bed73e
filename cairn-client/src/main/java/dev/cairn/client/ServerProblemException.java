package dev.cairn.client;

import dev.cairn.blob.BlobStoreException;

/**
 * The server refused a request with a problem (docs/spec/http-api.md §10) that retrying does not fix: {@link #code()}
 * is the problem's stable code (e.g. {@code append-only}, {@code retention-locked}), the message its {@code detail}.
 */
public class ServerProblemException extends BlobStoreException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public ServerProblemException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code == null ? "" : code;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The problem code, empty if the server sent none. */
    public String code() {
        return code;
    }
}
