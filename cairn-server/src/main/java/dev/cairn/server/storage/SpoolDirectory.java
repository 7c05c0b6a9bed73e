package dev.cairn.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The server's spool directory ({@code <dataDir>/spool}): request bodies of unknown length and uploaded import files on
 * their way in. They hold customer data, so each is created readable by the server's user only
 * ({@link Files#createTempFile}) and deleted by its owner when done; files a killed process left behind are removed by
 * {@link #sweep}. Thread-safe (stateless).
 */
public record SpoolDirectory(Path dir) {

    /**
     * Creates a new empty file in the directory (creating the directory if needed); the caller deletes it.
     *
     * @throws IOException if the directory or the file cannot be created (full disk, permissions): retry does not help
     */
    public Path newFile(String prefix) throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /**
     * Deletes the regular files last modified before {@code cutoff}. Files still in use are written to or re-used well
     * within any sensible cutoff (hours), so only leftovers go. Safe to run beside other server processes.
     *
     * @return how many files were deleted
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be deleted
     */
    public int sweep(Instant cutoff) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (isOlderFile(file, cutoff) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep the spool directory " + dir, e);
        }
        return deleted;
    }

    private static boolean isOlderFile(Path file, Instant cutoff) throws IOException {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException gone) {
            return false; // its owner deleted it meanwhile
        }
    }
}
