package dev.cairn.engine.format;

/**
 * Stored bytes decrypted (or needed no decryption) but do not follow the format: a truncated pack, a malformed header,
 * an invalid document. The data is damaged or was not written by cairn; retrying does not help.
 */
public class FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
