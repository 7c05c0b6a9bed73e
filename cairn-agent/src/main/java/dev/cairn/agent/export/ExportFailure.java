package dev.cairn.agent.export;

import java.io.IOException;

/** Why a pull or a check stopped, in the user's words; {@link #kind()} picks the exit code. */
public final class ExportFailure extends IOException {
    /** What went wrong, broadly. */
    public enum Kind {
        /** Bad options or no credentials. */
        USAGE,
        /** The server refused or could not be reached. */
        SERVER,
        /** A signature, a checksum or the decryption did not check out: nothing was kept. */
        DAMAGED,
        /** This machine's disk is full. */
        DISK_FULL
    }

    private final Kind kind;

    public ExportFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ExportFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
