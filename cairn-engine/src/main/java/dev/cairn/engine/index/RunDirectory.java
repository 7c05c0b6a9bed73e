package dev.cairn.engine.index;

import dev.cairn.engine.id.BlobId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link MasterIndex} keeps its run files: a repository's directory in the local cache (shared by every process
 * that uses the repository; runs are immutable and named by what they cover) or a private temporary directory of one
 * process, deleted when the index closes, or when the JVM exits with the index still open (Ctrl-C, an unclosed repository).
 * Thread-safe.
 */
final class RunDirectory {
    /** Temporary files older than this were left by a process that died; newer ones may belong to a live process. */
    private static final Duration ABANDONED = Duration.ofHours(1);
    /** Private directories not closed yet; the shutdown hook deletes what is left of them. */
    private static final Set<RunDirectory> OPEN = ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean HOOKED = new java.util.concurrent.atomic.AtomicBoolean();
    private final Path dir;
    private final boolean temporary;

    private RunDirectory(Path dir, boolean temporary) {
        this.dir = dir;
        this.temporary = temporary;
    }

    /** A fresh private directory under {@code java.io.tmpdir}, deleted by {@link #close()}. */
    static RunDirectory temporary() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(tmp);
        RunDirectory d = new RunDirectory(Files.createTempDirectory(tmp, "cairn-index-"), true);
        OPEN.add(d);
        deleteAtExit();
        return d;
    }

    /** Registers the hook that deletes the private directories left open when the JVM exits (once per JVM). */
    private static void deleteAtExit() {
        if (HOOKED.compareAndSet(false, true)) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(RunDirectory::close),
                        "cairn-index-cleanup"));
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the directory is left to the system's temporary-file cleaning
            }
        }
    }

    /**
     * The cache directory {@code dir}, created if needed; a private temporary directory instead if it cannot be created or
     * written (a read-only home, say): the cache is an optimisation, never a requirement.
     */
    static RunDirectory cache(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, RunFile.TEMP_PREFIX, ".probe"));
            RunDirectory d = new RunDirectory(dir, false);
            d.removeAbandoned();
            return d;
        } catch (IOException | SecurityException e) {
            return temporary();
        }
    }

    Path path() {
        return dir;
    }

    /** Whether runs here outlive the process (then only runs standing for index files may be written here). */
    boolean shared() {
        return !temporary;
    }

    /** Where a run standing for {@code covered} goes; a unique name for a run that stands for nothing (process-only). */
    Path target(List<BlobId> covered) {
        return dir.resolve(covered.isEmpty() ? "private-" + UUID.randomUUID() + RunFile.SUFFIX : RunFile.name(covered));
    }

    /** The run files present now. */
    List<Path> runs() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + RunFile.SUFFIX)) {
            List<Path> out = new java.util.ArrayList<>();
            for (Path p : ds) {
                if (!p.getFileName().toString().startsWith("private-")) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    /** Deletes temporary files that a process which died while writing left behind. */
    private void removeAbandoned() throws IOException {
        FileTime limit = FileTime.from(Instant.now().minus(ABANDONED));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                boolean scratch = name.startsWith(RunFile.TEMP_PREFIX) || name.startsWith("sort-") || name.startsWith("private-");
                if (scratch && Files.getLastModifiedTime(p).compareTo(limit) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Deletes a run file (best effort: readers that have it open keep reading it). */
    void delete(Path run) {
        try {
            Files.deleteIfExists(run);
        } catch (IOException e) {
            // the next open of the cache ignores or replaces it
        }
    }

    /** Deletes the directory if it is private. */
    void close() {
        if (!temporary) {
            return;
        }
        OPEN.remove(this);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temporary directory; the system cleans its temporary directory
        }
    }
}
