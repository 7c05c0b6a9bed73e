package dev.cairn.engine.repo;

/** No key file of the repository opens with the given passphrase. Nothing was written. Retry with the right passphrase. */
public class WrongPassphraseException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }

    public WrongPassphraseException(String message, Throwable cause) {
        super(message, cause);
    }
}
