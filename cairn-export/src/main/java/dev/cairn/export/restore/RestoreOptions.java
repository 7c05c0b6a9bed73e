package dev.cairn.export.restore;

/**
 * How to restore: {@code format} to read (null: the preferred one present), {@code mode} {@code replace} (the workspace
 * becomes exactly the copy; the default) or {@code merge} (add and update by record id, delete nothing),
 * {@code signingKey} the key of the server that signed the copy when it is not this server (null: this server's), and
 * {@code otherWorkspace}: the copy may be of another workspace than the one restored into (ADR 31).
 */
public record RestoreOptions(String format, String mode, String signingKey, boolean otherWorkspace) {
    public RestoreOptions {
        mode = mode == null || mode.isBlank() ? "replace" : mode;
        if (!mode.equals("replace") && !mode.equals("merge")) {
            throw new CopyException("the mode is 'replace' or 'merge', not '" + mode + "'");
        }
    }

    /** Whether rows, columns and tables the copy does not have are deleted. */
    public boolean replace() {
        return mode.equals("replace");
    }
}
