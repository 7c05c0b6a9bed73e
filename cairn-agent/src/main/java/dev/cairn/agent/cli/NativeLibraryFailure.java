package dev.cairn.agent.cli;

import java.util.Locale;

/**
 * The message for a native library the JVM could not unpack into the temp directory at first use (zstd-jni copies its
 * ~1 MiB {@code .so} there): a full temp directory or a low file-size limit ({@code ulimit -f}) made every command fail
 * with "internal error ... Cannot unpack libzstd-jni ... please report it" (found by the reliability harness, issue 21).
 * Contract: {@link #describe} returns null unless {@code e}'s cause chain holds such a failure; its message names the
 * temp directory, says why it failed, and what to do.
 */
final class NativeLibraryFailure {
    private NativeLibraryFailure() {
    }

    /** The user's message for a native library that could not be unpacked or loaded, or null if {@code e} is not one. */
    static String describe(Throwable e, String tempDirectory) {
        String found = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof LinkageError && m != null && m.toLowerCase(Locale.ROOT).contains("zstd")) {
                found = m; // the innermost one says why (a later use's NoClassDefFoundError wraps the first failure)
            }
        }
        return found == null ? null : message(found, tempDirectory);
    }

    private static String message(String detail, String tempDirectory) {
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("cannot unpack") || lower.contains("file too large") || lower.contains("no space")) {
            String why = detail.contains(":") ? detail.substring(detail.lastIndexOf(':') + 1).strip() : detail;
            return "cannot unpack the compression library (zstd, about 1 MiB) into the temp directory " + tempDirectory
                    + " (" + why + "): the temp directory is full, or a file-size limit (ulimit -f) is too low. Free "
                    + "some space there, or set TMPDIR to a directory with room. Nothing committed is affected";
        }
        return "cannot load the compression library (zstd) from the temp directory " + tempDirectory + " (" + detail
                + "): if that directory is mounted noexec, set TMPDIR to one that allows executing libraries";
    }

    /** Where the library is unpacked: zstd-jni's {@code ZstdTempFolder} if set, else the JVM's temp directory. */
    static String tempDirectory() {
        return System.getProperty("ZstdTempFolder", System.getProperty("java.io.tmpdir"));
    }
}
