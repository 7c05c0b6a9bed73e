package dev.cairn.export.bundle;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key that signs manifests (RFC 8032, the JDK's provider). The public key is published as the base64 of
 * its 32 raw bytes; the private key is kept as PKCS#8 bytes. Thread-safe.
 */
public final class SigningKey {
    public static final String ALGORITHM = "Ed25519";
    /** The X.509 SubjectPublicKeyInfo prefix of an Ed25519 key; the 32 raw key bytes follow it. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final PrivateKey privateKey;
    private final String publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        byte[] spki = publicKey.getEncoded();
        this.publicKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length));
    }

    /** A new key from {@code random}. */
    public static SigningKey generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
            g.initialize(255, random);
            KeyPair pair = g.generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** The key kept as {@link #privateBytes()} and {@link #publicKey()}. */
    public static SigningKey of(byte[] pkcs8, String publicKey) {
        try {
            KeyFactory f = KeyFactory.getInstance(ALGORITHM);
            return new SigningKey(f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)), publicKeyOf(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored export signing key is damaged", e);
        }
    }

    /** The private key as PKCS#8 bytes (to keep it). */
    public byte[] privateBytes() {
        return privateKey.getEncoded();
    }

    /** The public key: base64 of its 32 raw bytes. */
    public String publicKey() {
        return publicKey;
    }

    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is {@code publicKey}'s (base64 of 32 raw bytes) over {@code message}. */
    public static boolean verify(String publicKey, byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(publicKeyOf(publicKey));
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static PublicKey publicKeyOf(String base64) throws GeneralSecurityException {
        byte[] raw = Base64.getDecoder().decode(base64);
        if (raw.length != 32) {
            throw new GeneralSecurityException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
    }
}
