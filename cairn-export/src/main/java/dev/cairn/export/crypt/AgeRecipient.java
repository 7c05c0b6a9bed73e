package dev.cairn.export.crypt;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;

/**
 * An age X25519 recipient ({@code age1…}, Bech32): the public key a bundle is encrypted to. Passphrase (scrypt)
 * recipients are not supported (ADR 27).
 */
public record AgeRecipient(String text) {
    /** The recipient {@code text} if it is a well-formed X25519 recipient, else why not. */
    public static Result parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.toLowerCase(Locale.ROOT).startsWith("age1")) {
            return new Result(Optional.empty(), "an age recipient starts with 'age1' (as age-keygen prints it); "
                    + "passphrase recipients are not supported");
        }
        try {
            X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(t);
            return new Result(Optional.of(new AgeRecipient(t)), null);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Result(Optional.empty(), "not a valid age X25519 recipient: the Bech32 text does not check out");
        }
    }

    /** The outcome of {@link #parse}: the recipient, or the problem. */
    public record Result(Optional<AgeRecipient> recipient, String problem) {
    }

    RecipientStanzaWriter writer() {
        try {
            return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a recipient that parsed no longer does: " + text, e);
        }
    }
}
