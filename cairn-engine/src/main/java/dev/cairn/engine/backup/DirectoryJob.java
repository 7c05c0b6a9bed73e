package dev.cairn.engine.backup;

import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Tree;
import dev.cairn.engine.snapshot.TreeBuilder;
import dev.cairn.engine.snapshot.TreeCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * One directory of a backup, walked without blocking a thread on its entries: {@link #pump()} (on the directory pool) lists
 * the next entries in name order, matches each with the parent snapshot's node of that name, and starts it, until
 * {@value #WINDOW} entries are under way; as the oldest entries complete, {@link #drain()} (on whichever thread completed
 * one) adds their nodes to the directory's tree in order and, once the window has room, schedules the next pump. When the
 * listing is exhausted and every entry added, the tree is finished: reusing the parent's tree id if the directory is
 * unchanged node for node (so an unchanged directory is neither encoded nor hashed), saving it otherwise.
 *
 * <p>Thread-safety: all state is guarded by {@code this}; entries are started outside the lock (starting a file may wait for
 * the reader queue), and tree parts are saved under it (saving never waits for another directory).
 */
final class DirectoryJob {
    /** Entries of one directory under way at once (started and not yet added to its tree). */
    static final int WINDOW = 256;
    private final TreeWalker walker;
    private final Path dir;
    private final String name;
    private final Metadata.Stat stat;
    private final String previousTree;
    private final CompletableFuture<Node> done = new CompletableFuture<>();
    private final ArrayDeque<Slot> window = new ArrayDeque<>();
    private SortedListing listing;
    private TreeCursor previous;
    private TreeBuilder tree;
    private boolean listed;
    private boolean pumping;
    private boolean finished;
    /** Whether every node so far equals the parent's node at the same position (and the parent's tree is one blob). */
    private boolean unchanged;
    /** Of a split parent tree: the part the tree builder's current part may reuse, and whether it still may. */
    private String partSource;
    private boolean partSame;
    private boolean partEndsWithSource;
    /** Set by {@link #previousNode}: the matched node's place in the parent's tree, and whether parent nodes were skipped. */
    private TreeCursor.Place matchedPlace;
    private boolean skippedBefore;

    /**
     * An entry under way, the parent snapshot's node of the same name (or null), its place in the parent's tree, and
     * whether parent nodes before it have no entry now.
     */
    private record Slot(CompletableFuture<Node> node, Node previous, TreeCursor.Place place, boolean gap) {
    }

    /** @param stat null for the file system root, which becomes the snapshot's root tree rather than a node */
    DirectoryJob(TreeWalker walker, Path dir, String name, Metadata.Stat stat, String previousTree) {
        this.walker = walker;
        this.dir = dir;
        this.name = name;
        this.stat = stat;
        this.previousTree = previousTree;
    }

    /** Starts the walk; the result is the directory's node, or null if it cannot be listed (reported as an error). */
    CompletableFuture<Node> start() {
        synchronized (this) {
            pumping = true;
        }
        walker.directories().execute(this::pump);
        return done;
    }

    private void pump() {
        try {
            if (!open()) {
                return;
            }
            while (true) {
                Path next;
                String entryName;
                Node before;
                TreeCursor.Place place;
                boolean gap;
                synchronized (this) {
                    if (finished || window.size() >= WINDOW || listed) {
                        pumping = false;
                        break;
                    }
                    next = listing.next();
                    if (next == null) {
                        listed = true;
                        pumping = false;
                        closeListing();
                        break;
                    }
                    if (walker.filter().excluded(next)) {
                        continue;
                    }
                    entryName = next.getFileName().toString();
                    before = previousNode(entryName);
                    place = matchedPlace;
                    gap = skippedBefore;
                }
                Slot slot = new Slot(walker.entry(next, entryName, before), before, place, gap);
                synchronized (this) {
                    window.add(slot);
                }
                slot.node().whenComplete((n, e) -> drain());
            }
            drain();
        } catch (IOException e) {
            fail(new FileSaver.RepositoryWriteFailure(e));
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** Lists the directory and opens the parent's listing on the first pump; false if the directory is left out. */
    private boolean open() throws IOException {
        synchronized (this) {
            if (listing != null || finished) {
                return !finished;
            }
        }
        SortedListing entries;
        try {
            entries = walker.filter().excludedDirectory(dir) ? null : SortedListing.of(dir, walker.scratch());
        } catch (IOException | UncheckedIOException e) {
            walker.error(dir, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
            synchronized (this) {
                finished = true;
            }
            done.complete(null);
            return false;
        }
        TreeCursor before = previousListing();
        synchronized (this) {
            listing = entries;
            listed = entries == null;
            previous = before == null ? TreeCursor.empty() : before;
            unchanged = previousTree != null && before != null && before.parts() == 0;
            tree = walker.treeBuilder().reusingParts(this::reusablePart);
        }
        return true;
    }

    /**
     * The parent snapshot's listing of this directory: empty if there is none, null if it cannot be read (then every file
     * is read again).
     */
    private TreeCursor previousListing() {
        if (previousTree == null) {
            return TreeCursor.empty();
        }
        try {
            Tree fetched = walker.prefetch().take(previousTree);
            TreeCursor c = fetched != null ? TreeCursor.of(walker.repo(), previousTree, fetched)
                    : TreeCursor.open(walker.repo(), previousTree);
            if (c.parts() == 0) {
                walker.prefetch().prefetch(subtrees(c.single()));
            }
            return c;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static java.util.List<String> subtrees(java.util.List<Node> nodes) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (Node n : nodes) {
            if (n.isDir() && n.subtree() != null) {
                ids.add(n.subtree());
            }
        }
        return ids;
    }

    /** Advances the parent's listing to {@code entryName}: its node of that name, or null. Call under the lock. */
    private Node previousNode(String entryName) {
        matchedPlace = null;
        skippedBefore = false;
        try {
            for (Node p = previous.peek(); p != null; p = previous.peek()) {
                int c = p.name().compareTo(entryName);
                if (c > 0) {
                    break;
                }
                previous.next();
                if (c == 0) {
                    matchedPlace = previous.lastPlace();
                    return p;
                }
                unchanged = false; // the parent had an entry this directory no longer has
                skippedBefore = true;
            }
        } catch (IOException | RuntimeException e) {
            previous = TreeCursor.empty(); // an unreadable part of the parent: the rest is read again
        }
        unchanged = false;
        return null;
    }

    /** Adds completed entries to the tree in order; schedules the next pump or finishes the tree. */
    private void drain() {
        boolean pumpAgain = false;
        Node result = null;
        boolean complete = false;
        try {
            synchronized (this) {
                if (finished) {
                    return;
                }
                while (!window.isEmpty() && window.peek().node().isDone()) {
                    add(window.poll());
                }
                if (!listed && !pumping && window.size() <= WINDOW / 2) {
                    pumping = pumpAgain = true;
                } else if (listed && window.isEmpty()) {
                    finished = complete = true;
                    result = finish();
                }
            }
        } catch (IOException e) {
            fail(new FileSaver.RepositoryWriteFailure(e));
            return;
        } catch (RuntimeException | Error e) {
            fail(e);
            return;
        }
        if (pumpAgain) {
            walker.directories().execute(this::pump);
        } else if (complete) {
            walker.dirDone(dir);
            done.complete(result);
        }
    }

    private void add(Slot slot) throws IOException {
        Node node = TreeWalker.join(slot.node());
        if (node == null) {
            unchanged &= slot.previous() == null;
            partSame &= slot.previous() == null;
            return;
        }
        boolean same = node.equals(slot.previous());
        unchanged &= same;
        TreeCursor.Place place = slot.place();
        if (tree.atPartStart()) {
            partSource = place != null && place.part() != null && place.first() ? place.part() : null;
            partSame = partSource != null && same;
        } else {
            partSame &= same && !slot.gap() && place != null && place.part() != null && place.part().equals(partSource);
        }
        partEndsWithSource = place != null && place.last();
        tree.add(node);
    }

    /**
     * The parent's part to list for the tree builder's part just completed: when its nodes are, one for one and with none
     * missing, those of one part of the parent's split tree from its first node to its last (so the part would be saved
     * byte for byte again); else null. Called by the builder under this job's lock.
     */
    private String reusablePart() {
        return partSame && partEndsWithSource ? partSource : null;
    }

    /**
     * The directory's node (for the file system root: a node that only carries the tree id). An unchanged directory keeps
     * the parent's tree id without asking the index again: {@code unchanged} implies the parent's tree was just loaded,
     * and every way of loading it (prefetch, cursor, tree cache) first found it in this repository's index.
     */
    private Node finish() throws IOException {
        unchanged &= tree.singlePart() && parentExhausted();
        String subtree = unchanged ? previousTree : tree.finish();
        if (stat == null) {
            return new Node(name, Node.DIR, 0, 0, 0, 0, 0, null, null, 0, 0, 0, 0, null, subtree, null);
        }
        return walker.metadata().node(dir, name, stat, null, subtree, null);
    }

    /** Whether the parent's listing has no nodes left (false if it cannot be read). */
    private boolean parentExhausted() {
        try {
            return previous.peek() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void fail(Throwable e) {
        synchronized (this) {
            finished = true;
            closeListing();
        }
        done.completeExceptionally(e);
    }

    private void closeListing() {
        try {
            if (listing != null) {
                listing.close();
            }
        } catch (IOException e) {
            // the temporary file is unlinked already
        }
    }
}
