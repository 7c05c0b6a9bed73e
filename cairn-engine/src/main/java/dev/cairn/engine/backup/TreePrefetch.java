package dev.cairn.engine.backup;

import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads the parent snapshot's trees ahead of the walk: once a directory's parent listing is open, the trees of its
 * subdirectories are fetched on a few threads, those of one pack lying close together with one ranged read, and kept as
 * plaintext until their directory is reached. Against a server, where each read is a round trip, this turns one
 * sequential request per directory into a few concurrent ones per pack. At most {@link #CAPACITY} bytes are held; once
 * full, the oldest fetched trees are dropped (a directory that is no longer there is never taken), and a tree not held
 * is simply loaded when needed. A failed fetch is not reported here: the directory loads its tree itself and sees the
 * real error. Trees the repository's {@link dev.cairn.engine.repo.TreeCache} holds are not fetched; fetched ones are
 * added to it. Thread-safe.
 */
final class TreePrefetch implements AutoCloseable {
    static final long CAPACITY = 4L << 20;
    private static final int MAX_READ = 4 << 20;
    private static final int MAX_GAP = 256 << 10;
    private static final int THREADS = 4;
    private final Repository repo;
    private final ExecutorService pool;
    private final Map<String, Ahead> ahead = new LinkedHashMap<>();
    private long held;

    private record Ahead(String id, BlobLocation loc, CompletableFuture<byte[]> json) {
        long end() {
            return loc.offset() + loc.length();
        }
    }

    TreePrefetch(Repository repo) {
        this.repo = repo;
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "cairn-tree-prefetch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts fetching the trees {@code ids} that are not held yet, as far as the capacity allows. */
    void prefetch(List<String> ids) {
        List<Ahead> wanted = reserve(ids);
        wanted.sort(Comparator.comparing((Ahead a) -> a.loc().pack()).thenComparingLong(a -> a.loc().offset()));
        List<Ahead> range = new ArrayList<>();
        for (Ahead a : wanted) {
            if (!range.isEmpty() && !fits(range, a)) {
                submit(range);
                range = new ArrayList<>();
            }
            range.add(a);
        }
        if (!range.isEmpty()) {
            submit(range);
        }
    }

    /**
     * The tree {@code id} if it was fetched ahead (waiting for a fetch under way), else null.
     *
     * @throws CorruptDataException if the fetched tree does not decode
     */
    Tree take(String id) throws IOException {
        Ahead a;
        synchronized (this) {
            a = ahead.remove(id);
            if (a != null) {
                held -= a.loc().rawLength();
            }
        }
        byte[] json = a == null ? null : a.json().join();
        if (json == null) {
            return null;
        }
        try {
            return dev.cairn.engine.snapshot.TreeDecoder.decode(json, "tree " + id);
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage(), e);
        }
    }

    private synchronized List<Ahead> reserve(List<String> ids) {
        List<Ahead> out = new ArrayList<>();
        for (String id : ids) {
            BlobLocation loc = ahead.containsKey(id) ? null : location(id);
            if (loc == null) {
                continue;
            }
            if (!makeRoom(loc.rawLength())) {
                break;
            }
            Ahead a = new Ahead(id, loc, new CompletableFuture<>());
            ahead.put(id, a);
            held += loc.rawLength();
            out.add(a);
        }
        return out;
    }

    private BlobLocation location(String id) {
        try {
            BlobId blob = BlobId.parse(id);
            BlobLocation loc = repo.index().lookup(blob);
            // a tree in the local tree cache is read from disk when its directory is reached
            return loc != null && loc.type() == BlobType.TREE && !repo.treeCache().holds(blob) ? loc : null;
        } catch (IOException | RuntimeException e) {
            return null; // the directory reports a malformed id or an unreadable index when it loads the tree
        }
    }

    /** Drops the oldest fetched trees until {@code bytes} more fit; false if they cannot. */
    private boolean makeRoom(long bytes) {
        Iterator<Ahead> it = ahead.values().iterator();
        while (held + bytes > CAPACITY && it.hasNext()) {
            Ahead old = it.next();
            if (old.json().isDone()) {
                held -= old.loc().rawLength();
                it.remove();
            }
        }
        return held + bytes <= CAPACITY;
    }

    private static boolean fits(List<Ahead> range, Ahead next) {
        Ahead first = range.getFirst();
        return first.loc().pack().equals(next.loc().pack()) && next.loc().offset() - range.getLast().end() <= MAX_GAP
                && next.end() - first.loc().offset() <= MAX_READ;
    }

    private void submit(List<Ahead> range) {
        pool.execute(() -> fetch(range));
    }

    /** Reads a range and opens each tree in it; a tree that cannot be read or opened is completed with null. */
    private void fetch(List<Ahead> range) {
        long start = range.getFirst().loc().offset();
        byte[] sealed = new byte[(int) (range.getLast().end() - start)];
        try {
            repo.readPack(range.getFirst().loc().pack(), start, sealed, 0, sealed.length);
        } catch (IOException | RuntimeException e) {
            range.forEach(a -> a.json().complete(null));
            return;
        }
        for (Ahead a : range) {
            try {
                int at = (int) (a.loc().offset() - start);
                a.json().complete(repo.openBlob(a.loc(), BlobId.parse(a.id()), sealed, at));
                repo.treeCache().put(BlobId.parse(a.id()), sealed, at, a.loc().length());
            } catch (CorruptDataException | RuntimeException e) {
                a.json().complete(null);
            }
        }
    }

    /** Stops fetching; trees still held are dropped. */
    @Override
    public void close() {
        pool.shutdownNow();
        synchronized (this) {
            ahead.values().forEach(a -> a.json().complete(null));
            ahead.clear();
        }
    }
}
