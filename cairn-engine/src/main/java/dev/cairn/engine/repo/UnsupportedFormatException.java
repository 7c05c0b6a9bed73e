package dev.cairn.engine.repo;

/** The repository (or one of its objects) uses a format version this cairn does not know; upgrade cairn. */
public class UnsupportedFormatException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFormatException(String message) {
        super(message);
    }

    public UnsupportedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
