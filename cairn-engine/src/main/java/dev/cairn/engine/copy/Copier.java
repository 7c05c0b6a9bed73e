package dev.cairn.engine.copy;

import dev.cairn.blob.BlobKind;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.LockWait;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.RepositoryLock;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies snapshots from {@code source} into {@code destination}, as {@code restic copy} does. Blob ids are keyed per
 * repository (HMAC with the repository's id key), so every blob of a copied snapshot is read from the source and its
 * destination id computed; only blobs the destination lacks are sealed with the destination's key and stored. Trees are
 * rewritten with the destination's ids. A snapshot already in the destination (same time, host, user, paths and tags: a
 * copy made earlier) is skipped, so running it again copies nothing. Takes a shared lock on the destination, as a backup.
 */
public final class Copier {
    private final Repository source;
    private final Repository destination;
    /** Source id → destination id of every blob handled in this run (each is read once). */
    private final Map<String, String> mapped = new HashMap<>();

    /** What happened to each snapshot: its source id and its id in the destination (null when skipped). */
    public record Copied(String sourceId, String destinationId, boolean skipped) {
    }

    /** The snapshots handled and what the destination gained. */
    public record Result(List<Copied> snapshots, long blobsAdded, long bytesAdded) {
    }

    public Copier(Repository source, Repository destination) {
        this.source = source;
        this.destination = destination;
    }

    /** Copies {@code snapshots} (of the source), oldest first. */
    public Result copy(List<SnapshotRef> snapshots, LockWait lockWait, LockWait.Waiting waiting) throws IOException {
        try (RepositoryLock lock = lockWait.acquire(destination, false, waiting);
                WriteSession session = destination.newWriteSession()) {
            destination.refreshIndex(false);
            List<Snapshot> existing = Snapshots.list(destination).stream().map(SnapshotRef::snapshot).toList();
            List<Copied> out = new ArrayList<>();
            List<Snapshot> pending = new ArrayList<>();
            List<String> pendingIds = new ArrayList<>();
            for (SnapshotRef ref : snapshots) {
                if (existing.stream().anyMatch(e -> same(e, ref.snapshot()))) {
                    out.add(new Copied(ref.id(), null, true));
                    continue;
                }
                Snapshot s = ref.snapshot();
                String tree = copyTree(s.tree(), session);
                pending.add(new Snapshot(s.version(), s.time(), tree, s.paths(), s.hostname(), s.username(), s.tags(), null,
                        s.programVersion(), s.partial(), s.summary()));
                pendingIds.add(ref.id());
            }
            session.flush(); // data and index first: a snapshot is stored only once everything it references is
            for (int i = 0; i < pending.size(); i++) {
                BlobId id = destination.saveUnpacked(BlobKind.SNAPSHOT, Json.write(pending.get(i)));
                out.add(new Copied(pendingIds.get(i), id.hex(), false));
            }
            return new Result(out, session.blobsAdded(), session.bytesAdded());
        }
    }

    /** Whether {@code a} is a copy of {@code b}: restic's test (time, host, user, paths, tags). */
    static boolean same(Snapshot a, Snapshot b) {
        return a.time().equals(b.time()) && Objects.equals(a.hostname(), b.hostname()) && Objects.equals(a.username(), b.username())
                && a.paths().equals(b.paths()) && a.tags().equals(b.tags());
    }

    private String copyTree(String id, WriteSession session) throws IOException {
        String done = mapped.get(id);
        if (done != null) {
            return done;
        }
        Tree tree = Snapshots.loadTree(source, id);
        Tree copy;
        if (tree.split()) {
            List<String> parts = new ArrayList<>();
            for (String part : tree.parts()) {
                parts.add(copyTree(part, session));
            }
            copy = new Tree(List.of(), parts);
        } else {
            List<Node> nodes = new ArrayList<>(tree.nodes().size());
            for (Node n : tree.nodes()) {
                nodes.add(copyNode(n, session));
            }
            copy = new Tree(nodes);
        }
        String target = session.saveBlob(BlobType.TREE, Json.write(copy)).id().hex();
        mapped.put(id, target);
        return target;
    }

    private Node copyNode(Node n, WriteSession session) throws IOException {
        List<String> content = n.content();
        if (content != null && !content.isEmpty()) {
            List<String> ids = new ArrayList<>(content.size());
            for (String blob : content) {
                ids.add(copyData(blob, session));
            }
            content = ids;
        }
        String subtree = n.subtree() == null ? null : copyTree(n.subtree(), session);
        return new Node(n.name(), n.type(), n.mode(), n.mtimeNs(), n.ctimeNs(), n.uid(), n.gid(), n.user(), n.group(), n.inode(),
                n.device(), n.links(), n.size(), content, subtree, n.linkTarget());
    }

    private String copyData(String id, WriteSession session) throws IOException {
        String done = mapped.get(id);
        if (done == null) {
            done = session.saveBlob(BlobType.DATA, source.loadBlob(BlobType.DATA, BlobId.parse(id))).id().hex();
            mapped.put(id, done);
        }
        return done;
    }
}
