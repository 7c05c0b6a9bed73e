package dev.cairn.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Clean-up of directories tests created outside JUnit's {@code @TempDir}. */
public final class Directories {
    private Directories() {
    }

    /**
     * Deletes {@code dir} and everything below it (symbolic links themselves, not their targets). Idempotent: a
     * missing directory is fine.
     *
     * @throws UncheckedIOException if something cannot be deleted
     */
    public static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(Directories::delete);
        } catch (NoSuchFileException e) {
            // already deleted
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes {@code dir} and everything below it when the JVM exits: for directories that live as long as the test JVM
     * (a fixture shared by a whole fork, a database of a static server). {@code File.deleteOnExit} deletes only empty
     * directories, so what they held used to stay in the temporary directory after every run. Best effort; one shutdown
     * hook for all of them (a fork makes hundreds of test databases). Thread-safe; returns {@code dir}.
     */
    public static Path deleteAtExit(Path dir) {
        AtExit.DIRECTORIES.add(dir);
        return dir;
    }

    /** The directories {@link #deleteAtExit} was given, and the hook that deletes them (registered on first use). */
    private static final class AtExit {
        static final java.util.Set<Path> DIRECTORIES = java.util.concurrent.ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> DIRECTORIES.forEach(AtExit::deleteQuietly),
                    "delete test directories"));
        }

        private static void deleteQuietly(Path dir) {
            try {
                deleteRecursively(dir);
            } catch (UncheckedIOException e) {
                // left to the system's temporary-file cleaning
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
