package dev.cairn.engine.snapshot;

/** No snapshot matches the given id, prefix or {@code latest} (or a prefix is ambiguous); the message says which. */
public class SnapshotNotFoundException extends dev.cairn.engine.repo.RepositoryException {
    private static final long serialVersionUID = 1L;

    public SnapshotNotFoundException(String message) {
        super(message);
    }
}
