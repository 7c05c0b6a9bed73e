package dev.cairn.engine.repo;

/** Root of the repository-level failures the user can act on; the message says what to do. */
public class RepositoryException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
