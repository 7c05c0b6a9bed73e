package dev.cairn.engine.crypto;

import java.security.GeneralSecurityException;
import java.util.random.RandomGenerator;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code AES256-GCM}: 32-byte key, random 96-bit nonce, 128-bit tag. The JDK cipher is fed in {@value #SLICE}-byte slices:
 * its AVX-512 intrinsic runs only once C2 has compiled the calling method, and until then the cipher runs ~150× slower
 * (java-stack.md, "GCM cold start"); C2 compiles after a number of calls, not of bytes, so small slices reach it after a
 * few MiB. Measured on JDK 25 (400 MiB in 1 MiB messages, CPU ms): 64 KiB slices 800, 4 KiB 330, 1 KiB 180 (ADR 59).
 * Thread-safe: one {@link Cipher} per thread.
 */
final class AesGcmAead implements Aead {
    static final String NAME = "AES256-GCM";
    private static final int NONCE = 12;
    private static final int TAG = 16;
    private static final int SLICE = 1024;
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcmAead::newCipher);
    private final RandomGenerator nonces;

    AesGcmAead(RandomGenerator nonces) {
        this.nonces = nonces;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int overhead() {
        return NONCE + TAG;
    }

    @Override
    public byte[] seal(byte[] key, byte[] plaintext, int off, int len, byte[] associatedData) {
        byte[] out = new byte[NONCE + len + TAG];
        sealTo(key, plaintext, off, len, associatedData, out, 0);
        return out;
    }

    @Override
    public int sealTo(byte[] key, byte[] plaintext, int off, int len, byte[] associatedData, byte[] out, int outOff) {
        byte[] nonce = new byte[NONCE];
        nonces.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, outOff, NONCE);
        try {
            Cipher c = init(Cipher.ENCRYPT_MODE, key, nonce, associatedData);
            int written = run(c, plaintext, off, len, out, outOff + NONCE);
            if (written != len + TAG) {
                throw new CryptoException("AES-GCM produced " + written + " bytes, expected " + (len + TAG));
            }
            return NONCE + written;
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM seal failed", e);
        }
    }

    @Override
    public int payloadOffset() {
        return NONCE;
    }

    /** The cipher encrypts in place when input and output start at the same offset (no copy; measured). */
    @Override
    public int sealInPlace(byte[] key, byte[] buf, int off, int len, byte[] associatedData) {
        return sealTo(key, buf, off + NONCE, len, associatedData, buf, off);
    }

    @Override
    public byte[] open(byte[] key, byte[] sealed, int off, int len, byte[] associatedData) {
        if (len < NONCE + TAG) {
            throw new AuthenticationFailedException("ciphertext of " + len + " bytes is shorter than nonce and tag");
        }
        byte[] out = new byte[len - NONCE - TAG];
        openTo(key, sealed, off, len, associatedData, out, 0);
        return out;
    }

    /** In place when input and output start at the same offset: the cipher then copies nothing (measured). */
    @Override
    public int openInPlace(byte[] key, byte[] buf, int off, int len, byte[] associatedData) {
        return decrypt(key, buf, off, len, associatedData, buf, off + NONCE);
    }

    @Override
    public int openTo(byte[] key, byte[] sealed, int off, int len, byte[] associatedData, byte[] out, int outOff) {
        return decrypt(key, sealed, off, len, associatedData, out, outOff);
    }

    private int decrypt(byte[] key, byte[] sealed, int off, int len, byte[] associatedData, byte[] out, int outOff) {
        if (len < NONCE + TAG) {
            throw new AuthenticationFailedException("ciphertext of " + len + " bytes is shorter than nonce and tag");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(sealed, off, off + NONCE);
        try {
            Cipher c = init(Cipher.DECRYPT_MODE, key, nonce, associatedData);
            // one doFinal: GCM decryption buffers every update() internally (copying and regrowing) until doFinal anyway
            return c.doFinal(sealed, off + NONCE, len - NONCE, out, outOff);
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailedException("ciphertext failed authentication (wrong key or altered data)");
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM open failed", e);
        }
    }

    private static Cipher init(int mode, byte[] key, byte[] nonce, byte[] ad) throws GeneralSecurityException {
        if (key.length != 32) {
            throw new CryptoException("AES256-GCM needs a 32-byte key, got " + key.length);
        }
        Cipher c = CIPHERS.get();
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
        if (ad != null && ad.length > 0) {
            c.updateAAD(ad);
        }
        return c;
    }

    private static int run(Cipher c, byte[] in, int off, int len, byte[] out, int outOff) throws GeneralSecurityException {
        int written = 0;
        int pos = off;
        int end = off + len;
        while (end - pos > SLICE) {
            written += c.update(in, pos, SLICE, out, outOff + written);
            pos += SLICE;
        }
        written += c.doFinal(in, pos, end - pos, out, outOff + written);
        return written;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new CryptoException("this JDK has no AES/GCM/NoPadding", e);
        }
    }
}
