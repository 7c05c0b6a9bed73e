package dev.cairn.engine.repo;

/** Another process holds a conflicting lock; wait for it, or remove stale locks with {@code cairn unlock}. */
public class RepositoryLockedException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public RepositoryLockedException(String message) {
        super(message);
    }

    public RepositoryLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
