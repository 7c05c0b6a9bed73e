package dev.cairn.server.http;

import java.util.Locale;

/**
 * Whether an I/O failure is the server's disk being full: ENOSPC ("No space left on device"), EDQUOT ("Disk quota
 * exceeded") or EFBIG ("File too large", a file-size limit), as the JDK reports them in the message of an
 * {@link java.io.IOException} or {@link java.nio.file.FileSystemException} anywhere in the cause chain. Such a failure
 * is 507 {@code storage-full} (found by the reliability harness's server-disk-full fault, issue 21), not a 500.
 */
final class DiskFull {
    private DiskFull() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t instanceof java.nio.file.FileSystemException f ? f.getReason() : t.getMessage();
            if (m == null && t instanceof java.nio.file.FileSystemException) {
                m = t.getMessage();
            }
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                        || lower.contains("file too large")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
