package dev.cairn.engine.crypto;

/** Ciphertext failed authentication: wrong key, or the bytes were altered or truncated. Retrying does not help. */
public class AuthenticationFailedException extends CryptoException {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
