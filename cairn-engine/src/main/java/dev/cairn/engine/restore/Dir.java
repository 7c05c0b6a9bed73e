package dev.cairn.engine.restore;

import dev.cairn.engine.snapshot.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A directory of the snapshot during a restore: its {@code /}-joined path from the snapshot root ("" for the root), its
 * target, and a count of what is still under way inside it (the walk itself, files being written, subdirectories not yet
 * finished). When the count reaches zero the directory is finished (its metadata applied, deepest first by construction)
 * and releases its parent. Only the walking thread creates directories; the count is thread-safe.
 */
final class Dir {
    private final String snapshotPath;
    private final Path path;
    private final Node node;
    private final Dir parent;
    private final Consumer<Dir> finisher;
    private final AtomicInteger outstanding = new AtomicInteger(1);
    private boolean created;
    private volatile boolean fresh;
    private boolean failed;

    private Dir(String snapshotPath, Path path, Node node, Dir parent, Consumer<Dir> finisher, boolean created) {
        this.snapshotPath = snapshotPath;
        this.path = path;
        this.node = node;
        this.parent = parent;
        this.finisher = finisher;
        this.created = created;
    }

    /** The target itself, which exists; {@code finisher} is called for every directory once everything in it is done. */
    static Dir root(Path target, Consumer<Dir> finisher) {
        return new Dir("", target, null, null, finisher, true);
    }

    /** A subdirectory, holding this directory until it is finished. */
    Dir child(Node node) {
        outstanding.incrementAndGet();
        return new Dir(snapshotPath + "/" + node.name(), path.resolve(node.name()), node, this, finisher, false);
    }

    String snapshotPath() {
        return snapshotPath;
    }

    Path path() {
        return path;
    }

    /** The snapshot's node of this directory (null for the root). */
    Node node() {
        return node;
    }

    /** Whether this directory was created (or is the root). */
    boolean created() {
        return created;
    }

    /**
     * Creates this directory and the ones above it that do not exist yet (walking thread only); false if that failed, which
     * was reported once.
     */
    boolean ensureCreated(Tally tally) {
        if (created || failed) {
            return created;
        }
        if (parent != null && !parent.ensureCreated(tally)) {
            failed = true;
            return false;
        }
        try {
            fresh = Entries.ensureDir(path);
            created = true;
        } catch (IOException e) {
            failed = true;
            tally.error(snapshotPath, e);
        }
        return created;
    }

    /**
     * Whether this restore created the directory, so that it held nothing before: its files need no check of what is in
     * their way (nothing else is protected against either: see the package documentation).
     */
    boolean fresh() {
        return fresh;
    }

    /** Counts one more thing under way inside (a file). */
    void hold() {
        outstanding.incrementAndGet();
    }

    /** One thing inside is done; the last one finishes the directory and then releases the parent. */
    void release() {
        if (outstanding.decrementAndGet() == 0) {
            finisher.accept(this);
            if (parent != null) {
                parent.release();
            }
        }
    }
}
