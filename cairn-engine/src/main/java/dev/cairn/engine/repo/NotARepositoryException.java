package dev.cairn.engine.repo;

/** The location holds no cairn repository (missing, empty, or something else); run {@code cairn init} or fix the path. */
public class NotARepositoryException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public NotARepositoryException(String message) {
        super(message);
    }

    public NotARepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
