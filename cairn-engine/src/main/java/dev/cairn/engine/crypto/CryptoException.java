package dev.cairn.engine.crypto;

/** Root of the unchecked crypto failures; the repository layer translates them into checked, user-facing errors. */
public class CryptoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
