package dev.cairn.engine.backup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The pre-scan that runs beside a backup (as restic's scanner does): walks the same paths with the same excludes, only
 * counting regular files and their sizes, so progress can show a percentage and an estimate of the time left. Reports
 * through {@link BackupListener#scanned} every {@link #REPORT_EVERY} files and once at the end with {@code done} true.
 * Unreadable items are skipped silently (the backup reports them). Never affects the backup: it stops when interrupted.
 */
final class Scanner implements Runnable {
    static final int REPORT_EVERY = 1_000;
    private final List<Path> sources;
    private final SourceFilter filter;
    private final BackupListener listener;
    private long files;
    private long bytes;

    Scanner(List<Path> sources, SourceFilter filter, BackupListener listener) {
        this.sources = sources;
        this.filter = filter;
        this.listener = listener;
    }

    /** Starts the scan on a daemon thread; interrupt it to stop. */
    static Thread start(List<Path> sources, SourceFilter filter, BackupListener listener) {
        Thread t = new Thread(new Scanner(sources, filter, listener), "cairn-scan");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            for (Path source : sources) {
                Files.walkFileTree(source, new Visitor());
            }
            listener.scanned(files, bytes, true);
        } catch (IOException | RuntimeException e) {
            // stopped or unreadable root: the total stays unknown, the backup is unaffected
        }
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (Thread.currentThread().isInterrupted()) {
                return FileVisitResult.TERMINATE;
            }
            boolean root = sources.contains(dir);
            return !root && (filter.excluded(dir) || filter.excludedDirectory(dir)) ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !filter.excluded(file)) {
                files++;
                bytes += attrs.size();
                if (files % REPORT_EVERY == 0) {
                    listener.scanned(files, bytes, false);
                }
            }
            return Thread.currentThread().isInterrupted() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
        }
    }
}
