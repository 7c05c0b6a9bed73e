package dev.cairn.engine.id;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 32-byte identity of a blob (keyed HMAC-SHA-256 of its plaintext) or of a stored object (SHA-256 of its bytes).
 * Immutable; the array is copied in and never exposed.
 */
public final class BlobId implements Comparable<BlobId> {
    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] bytes;
    private final int hash;

    private BlobId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps a copy of exactly 32 bytes. */
    public static BlobId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a blob id has 32 bytes, got " + bytes.length);
        }
        return new BlobId(bytes.clone());
    }

    /** Reads 32 bytes at {@code offset}. */
    public static BlobId of(byte[] source, int offset) {
        return new BlobId(Arrays.copyOfRange(source, offset, offset + LENGTH));
    }

    /** Parses 64 lower- or upper-case hex digits. */
    public static BlobId parse(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a blob id is 64 hex digits, got '" + hex + "'");
        }
        return new BlobId(HEX.parseHex(hex));
    }

    /** The SHA-256 of {@code bytes}: the name of a stored pack, index, snapshot, lock or key object. */
    public static BlobId sha256(byte[] bytes) {
        try {
            return new BlobId(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Copies the id into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    /** Whether the 32 bytes of {@code array} from {@code offset} are this id. */
    public boolean matches(byte[] array, int offset) {
        return Arrays.equals(bytes, 0, LENGTH, array, offset, offset + LENGTH);
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** The first 8 hex digits, as shown to users. */
    public String shortHex() {
        return hex().substring(0, 8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(BlobId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
