package dev.cairn.export.crypt;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;

/**
 * The age file format (age-encryption.org/v1) with X25519 recipients, through jagged: streams that encrypt to one
 * or more recipients and decrypt with an identity ({@code AGE-SECRET-KEY-1…}), and new identities.
 */
public final class Age {
    private Age() {
    }

    /** A stream that encrypts what is written to it into {@code out}; closing it ends the age file and closes out. */
    public static OutputStream encrypt(OutputStream out, List<AgeRecipient> recipients) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipient: an export is only ever encrypted to a registered key");
        }
        List<RecipientStanzaWriter> writers = recipients.stream().map(AgeRecipient::writer).toList();
        try {
            return Channels.newOutputStream(new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(out), writers));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start age encryption: " + e.getMessage(), e);
        }
    }

    /**
     * A stream of the plaintext of the age file {@code in}, decrypted with {@code identity}. A wrong identity fails
     * here; a truncated or altered file fails while reading, never silently.
     */
    public static InputStream decrypt(InputStream in, String identity) throws IOException {
        try {
            RecipientStanzaReader reader = X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(identity.strip());
            return Channels.newInputStream(new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(Channels.newChannel(in), List.of(reader)));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot decrypt: the identity does not open this file (" + e.getMessage() + ")", e);
        }
    }

    /** A new identity: {@code [AGE-SECRET-KEY-1…, age1…]}. */
    public static String[] newIdentity() {
        try {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            return new String[] {pair.getPrivate().toString(), pair.getPublic().toString()};
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
