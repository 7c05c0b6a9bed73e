package dev.cairn.engine.repo;

import dev.cairn.engine.crypto.KdfParams;
import java.time.Instant;

/**
 * A key file (spec §Keys), stored as plain JSON under {@code keys/<sha256>}: the master key sealed under a key-encryption
 * key derived from a passphrase with Argon2id. Several may coexist, one per passphrase.
 */
public record KeyFile(int version, Instant created, String hostname, String username, String kdf, KdfParams kdfParams,
        byte[] salt, String aead, byte[] data) {
    public static final int CURRENT_VERSION = 1;
}
