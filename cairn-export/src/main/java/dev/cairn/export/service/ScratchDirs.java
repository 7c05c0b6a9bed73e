package dev.cairn.export.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Private working directories of exports ({@code <spool>/export-scratch/export-*}, mode 0700): the SQLite and XLSX
 * formats build their files there before they stream into the encryptor. Each is deleted when its export ends;
 * {@link #sweep} removes those a stopped server left (at start: the data directory is this process's alone).
 */
final class ScratchDirs {
    private final Path root;

    ScratchDirs(Path spool) {
        this.root = spool.resolve("export-scratch");
    }

    Path create() throws IOException {
        Files.createDirectories(root);
        try {
            return Files.createTempDirectory(root, "export-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempDirectory(root, "export-");
        }
    }

    /** Deletes every scratch directory; returns how many there were. */
    int sweep() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            var all = dirs.toList();
            all.forEach(ScratchDirs::delete);
            return all.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep the export scratch directory " + root, e);
        }
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the export scratch directory " + dir, e);
        }
    }
}
