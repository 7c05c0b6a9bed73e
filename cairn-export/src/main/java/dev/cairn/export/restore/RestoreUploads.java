package dev.cairn.export.restore;

import dev.cairn.export.bundle.BundleUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * Where an uploaded copy (a ZIP of the decrypted bundle) is unpacked while it is restored: a private directory (0700)
 * under the export's scratch root ({@code <spool>/export-scratch/restore-*}), which the export feature empties when
 * the server starts, so a copy a killed server was reading does not stay on disk. Deleted when the request ends.
 */
public final class RestoreUploads {
    private final Path root;

    public RestoreUploads(Path spool) {
        this.root = spool.resolve("export-scratch");
    }

    /** What is done with an unpacked copy. */
    @FunctionalInterface
    public interface Use<T> {
        T with(Path dir);
    }

    /** Unpacks {@code zip} into a new private directory, runs {@code use} on it, and deletes it, failure or not. */
    public <T> T unpacked(InputStream zip, Use<T> use) {
        Path dir = null;
        try {
            Files.createDirectories(root);
            try {
                dir = Files.createTempDirectory(root, "restore-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                dir = Files.createTempDirectory(root, "restore-");
            }
            int files;
            try {
                files = BundleUnpacker.unpack(zip, dir);
            } catch (ZipException e) {
                throw new CopyException("the upload is not a ZIP of a decrypted copy (" + e.getMessage() + ")");
            }
            if (files == 0) {
                throw new CopyException("the upload is not a ZIP of a decrypted copy: it holds no files. Decrypt "
                        + "the .age file first (cairn export restore does it for you)");
            }
            return use.with(dir);
        } catch (IOException e) {
            throw new CopyException("the upload cannot be unpacked: " + e.getMessage(), e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the restore directory " + dir, e);
        }
    }
}
