package dev.cairn.engine.repo;

/** Stored data failed authentication or does not follow the format: a damaged or altered object, named in the message. Never retried; {@code cairn check} lists what is affected. */
public class CorruptDataException extends RepositoryException {
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
