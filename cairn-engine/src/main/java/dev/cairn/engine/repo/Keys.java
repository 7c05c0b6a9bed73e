package dev.cairn.engine.repo;

import dev.cairn.blob.BlobInfo;
import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobName;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.blob.BlobStore;
import dev.cairn.engine.crypto.Aead;
import dev.cairn.engine.crypto.Aeads;
import dev.cairn.engine.crypto.Argon2idKdf;
import dev.cairn.engine.crypto.AuthenticationFailedException;
import dev.cairn.engine.crypto.KdfParams;
import dev.cairn.engine.crypto.MasterKey;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Creates, unlocks, lists and removes key files (spec §Keys). Stateless; thread-safe. */
public final class Keys {
    static final byte[] KEY_AD = "key".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT = 32;

    private Keys() {
    }

    /** A master key together with the id of the key file that unlocked it. */
    public record Unlocked(MasterKey masterKey, String keyId) {
    }

    /** Wraps {@code master} under {@code passphrase} and stores a new key file; returns its id. */
    public static String add(BlobStore store, MasterKey master, char[] passphrase, KdfParams params, Environment env)
            throws IOException {
        byte[] salt = new byte[SALT];
        env.random().nextBytes(salt);
        byte[] kek = Argon2idKdf.derive(passphrase, salt, params, 32);
        Aead aead = Aeads.create("AES256-GCM", env.random());
        byte[] data = aead.seal(kek, master.encode(), KEY_AD);
        java.util.Arrays.fill(kek, (byte) 0);
        KeyFile file = new KeyFile(KeyFile.CURRENT_VERSION, env.clock().instant(), env.hostname(), env.username(),
                Argon2idKdf.NAME, params, salt, aead.name(), data);
        byte[] json = Json.write(file);
        String id = BlobId.sha256(json).hex();
        store.put(BlobName.of(BlobKind.KEY, id), json);
        return id;
    }

    /**
     * Tries every key file with the passphrase.
     *
     * @throws NotARepositoryException if there are no key files
     * @throws WrongPassphraseException if none opens
     */
    public static Unlocked unlock(BlobStore store, char[] passphrase) throws IOException {
        List<BlobInfo> keys = store.list(BlobKind.KEY);
        if (keys.isEmpty()) {
            throw new NotARepositoryException("no cairn repository here: there are no key files; run 'cairn init' to create one");
        }
        List<RepositoryException> unreadable = new ArrayList<>();
        int tried = 0;
        for (BlobInfo info : keys) {
            KeyFile file;
            try {
                file = read(store, info.name().id());
            } catch (CorruptDataException | UnsupportedFormatException e) {
                unreadable.add(e); // another key file may still open; check reports this one
                continue;
            }
            tried++;
            try {
                byte[] kek = Argon2idKdf.derive(passphrase, file.salt(), file.kdfParams(), 32);
                byte[] master = Aeads.create(file.aead(), new java.util.Random(0)).open(kek, file.data(), KEY_AD);
                return new Unlocked(MasterKey.decode(master), info.name().id());
            } catch (AuthenticationFailedException e) {
                // not this key file
            }
        }
        if (tried == 0) {
            throw unreadable.get(0);
        }
        throw new WrongPassphraseException("wrong passphrase: it is not " + (tried == 1 ? "the repository's passphrase"
                : "any of the repository's " + tried + " passphrases") + "; nothing was changed"
                + (unreadable.isEmpty() ? "" : " (" + unreadable.size() + (unreadable.size() == 1 ? " key could" : " keys could")
                        + " not be read: " + unreadable.get(0).getMessage() + ")"));
    }

    /** Reads and validates one key file. */
    public static KeyFile read(BlobStore store, String id) throws IOException {
        byte[] json = store.getAll(BlobName.of(BlobKind.KEY, id));
        KeyFile file;
        try {
            file = Json.read(json, KeyFile.class, "key file " + id);
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage() + " (is this a cairn repository?)", e);
        }
        if (file.version() != KeyFile.CURRENT_VERSION) {
            throw new UnsupportedFormatException("key file " + id + " has version " + file.version()
                    + "; this cairn understands version " + KeyFile.CURRENT_VERSION + ". Upgrade cairn");
        }
        if (!Argon2idKdf.NAME.equals(file.kdf()) || file.salt() == null || file.data() == null || file.kdfParams() == null) {
            throw new CorruptDataException("key file " + id + " is incomplete or names an unknown KDF '" + file.kdf() + "'");
        }
        return file;
    }

    public static List<KeyInfo> list(BlobStore store, String currentId) throws IOException {
        List<KeyInfo> out = new ArrayList<>();
        for (BlobInfo info : store.list(BlobKind.KEY)) {
            KeyFile f = read(store, info.name().id());
            out.add(new KeyInfo(info.name().id(), f.created(), f.hostname(), f.username(), info.name().id().equals(currentId)));
        }
        out.sort(java.util.Comparator.comparing(KeyInfo::created));
        return out;
    }

    /**
     * Removes a key file by id or unique id prefix.
     *
     * @throws IllegalArgumentException if it is the key in use, or the prefix matches none or several
     */
    public static String remove(BlobStore store, String idOrPrefix, String currentId) throws IOException {
        List<String> matches = store.list(BlobKind.KEY).stream().map(i -> i.name().id()).filter(id -> id.startsWith(idOrPrefix)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty() ? "no key file matches '" + idOrPrefix + "'"
                    : "'" + idOrPrefix + "' matches " + matches.size() + " key files; give more digits");
        }
        String id = matches.get(0);
        if (id.equals(currentId)) {
            throw new IllegalArgumentException("key " + id.substring(0, 8) + " is the one in use; open the repository with another passphrase to remove it");
        }
        try {
            store.delete(BlobName.of(BlobKind.KEY, id));
        } catch (BlobNotFoundException e) {
            throw new IllegalArgumentException("key file " + id + " vanished concurrently", e);
        }
        return id;
    }
}
