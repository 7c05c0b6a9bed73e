package dev.cairn.agent.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A full disk on this machine, said plainly: checked before a download, and recognised when a write fails. */
final class DiskSpace {
    private DiskSpace() {
    }

    /** An action that writes files. */
    @FunctionalInterface
    interface Writing<T> {
        T run() throws IOException;
    }

    /** @throws ExportFailure {@code DISK_FULL} if {@code dir}'s disk has less than {@code bytes} free */
    static void require(Path dir, long bytes, String what) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < bytes) {
            throw full(dir, "to " + what + " needs " + bytes + " bytes but only " + free + " are free");
        }
    }

    /**
     * Runs {@code action}; a write that failed for lack of space (ENOSPC, EDQUOT, or EFBIG: a file-size limit such as
     * {@code ulimit -f}) becomes {@code DISK_FULL}.
     */
    static <T> T mapFull(Writing<T> action) throws IOException {
        try {
            return action.run();
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("No space left on device") || m.contains("Disk quota exceeded")
                    || m.contains("File too large")) {
                throw new ExportFailure(ExportFailure.Kind.DISK_FULL, "the disk is full (" + m + "); free some space "
                        + "and pull again: the download resumes where it stopped, nothing partial was kept", e);
            }
            throw e;
        }
    }

    private static ExportFailure full(Path dir, String detail) {
        return new ExportFailure(ExportFailure.Kind.DISK_FULL, "the disk of " + dir + " is full: " + detail
                + "; free some space and pull again");
    }
}
