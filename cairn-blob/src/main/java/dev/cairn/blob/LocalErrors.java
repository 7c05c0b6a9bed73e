package dev.cairn.blob;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns raw file-system failures of {@link LocalBlobStore} into errors that say what happened and what to do. Only the
 * conditions an operator can fix are rewritten (permissions, disk full, read-only mount, missing root); anything else is
 * passed through unchanged. The OS reports these conditions only as text, so they are recognised by the standard
 * {@code strerror} wording that the JDK copies into the exception.
 */
final class LocalErrors {
    private LocalErrors() {
    }

    /** ENOSPC or EDQUOT: the device or the user's quota is full. */
    static boolean isDiskFull(IOException e) {
        return mentions(e, "no space left on device") || mentions(e, "disk quota exceeded");
    }

    /** EACCES or EPERM (EPERM also covers immutable files and, for links, file systems without hard links). */
    static boolean isPermissionDenied(IOException e) {
        return e instanceof AccessDeniedException || mentions(e, "permission denied")
                || mentions(e, "operation not permitted");
    }

    /** EROFS: the file system is mounted read-only. */
    static boolean isReadOnlyFileSystem(IOException e) {
        return mentions(e, "read-only file system");
    }

    /** The error for a failed step of a put; it always says that nothing was stored. */
    static IOException forWrite(Path root, BlobName name, Path path, IOException e) {
        return forPut(root, name.toString(), path, e, "");
    }

    /** As {@link #forWrite(Path, BlobName, Path, IOException)}, for a blob not named yet ({@code subject}: "a new pack"). */
    static IOException forWrite(Path root, String subject, Path path, IOException e) {
        return forPut(root, subject, path, e, "");
    }

    /** As {@link #forWrite}, for the hard link that publishes an object: EPERM may also mean "no hard links here". */
    static IOException forLink(Path root, BlobName name, Path path, IOException e) {
        return forPut(root, name.toString(), path, e, "; if it has, the file system may not support hard links, which the "
                + "local store needs");
    }

    private static IOException forPut(Path root, String subject, Path path, IOException e, String permissionHint) {
        String what = "storing " + subject + " failed, nothing was stored: ";
        if (isDiskFull(e)) {
            return new IOException(what + "the disk is full (no space left on the device or quota holding " + root
                    + "); free space there or move the store, then retry", e);
        }
        if (isReadOnlyFileSystem(e)) {
            return new IOException(what + "the file system holding " + root + " is mounted read-only; remount it "
                    + "read-write, or open the store read-only", e);
        }
        if (isPermissionDenied(e)) {
            return accessDenied(path, what + "permission denied; the user running cairn (" + user() + ") needs read "
                    + "and write access to " + root + " and everything below it (fix the owner or mode, e.g. chown -R)"
                    + permissionHint, e);
        }
        return e;
    }

    /** The error for a failed read, list or delete. */
    static IOException forAccess(Path root, Path path, String action, IOException e) {
        if (isPermissionDenied(e)) {
            return accessDenied(path, "cannot " + action + ": permission denied; the user running cairn (" + user()
                    + ") needs access to " + root + " and everything below it (fix the owner or mode, e.g. chown -R)", e);
        }
        if (isReadOnlyFileSystem(e)) {
            return new IOException("cannot " + action + ": the file system holding " + root + " is read-only", e);
        }
        return e;
    }

    /** The error for a store root that is not there. */
    static NoSuchFileException missingRoot(Path root) {
        return new NoSuchFileException(root.toString(), null, "no blob store here: the directory does not exist. "
                + "Check the path and that its volume is mounted, or create the store first (cairn init)");
    }

    /** The error for a directory that exists but was not made by {@link LocalBlobStore#create}. */
    static NoSuchFileException notAStore(Path root) {
        return new NoSuchFileException(root.toString(), null, "not a blob store: it has no '"
                + BlobKind.PACK.dirName() + "' directory. Check the path, or create the store first (cairn init)");
    }

    private static AccessDeniedException accessDenied(Path path, String reason, IOException cause) {
        AccessDeniedException e = new AccessDeniedException(path.toString(), null, reason);
        e.initCause(cause);
        return e;
    }

    private static boolean mentions(IOException e, String text) {
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        return reason != null && reason.toLowerCase(Locale.ROOT).contains(text);
    }

    private static String user() {
        return System.getProperty("user.name", "?");
    }
}
