package dev.cairn.engine.compress;

/** Compressed bytes could not be decoded; the stored data is damaged. Retrying does not help. */
public class CompressionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
