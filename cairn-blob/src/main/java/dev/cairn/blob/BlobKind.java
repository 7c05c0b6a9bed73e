package dev.cairn.blob;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of stored objects. Each kind has a stable directory name that is part of the storage layout
 * (and equals the restic REST type name, so the server can map that protocol onto a store one to one).
 * Never persist {@link #name()}; persist {@link #dirName()}.
 */
public enum BlobKind {
    /** The single repository configuration object, named {@code config}. */
    CONFIG("config"),
    /** Passphrase-wrapped key files. */
    KEY("keys"),
    /** Packs of sealed data and tree blobs. */
    PACK("data"),
    /** Index files mapping blob ids to pack locations. */
    INDEX("index"),
    /** Snapshot documents. */
    SNAPSHOT("snapshots"),
    /** Lock files; the only kind that is routinely deleted by writers. */
    LOCK("locks");

    private final String dirName;

    BlobKind(String dirName) {
        this.dirName = dirName;
    }

    /** The stable directory/type name used in storage paths and protocols. */
    public String dirName() {
        return dirName;
    }

    /** Looks a kind up by its stable directory name. */
    public static Optional<BlobKind> fromDirName(String dirName) {
        return Arrays.stream(values()).filter(k -> k.dirName.equals(dirName)).findFirst();
    }
}
