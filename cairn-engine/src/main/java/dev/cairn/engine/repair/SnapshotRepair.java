package dev.cairn.engine.repair;

import dev.cairn.blob.BlobKind;
import dev.cairn.blob.BlobNotFoundException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.index.BlobLocation;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.WriteSession;
import dev.cairn.engine.snapshot.Node;
import dev.cairn.engine.snapshot.Snapshot;
import dev.cairn.engine.snapshot.SnapshotRef;
import dev.cairn.engine.snapshot.Snapshots;
import dev.cairn.engine.snapshot.Tree;
import dev.cairn.engine.snapshot.TreeBuilder;
import dev.cairn.engine.snapshot.TreeEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code repair snapshots} (restic's): rewrites each snapshot whose trees reference blobs the index does not list, or tree
 * blobs that cannot be read (spec §Snapshots, "Repaired snapshots"). A file keeps its readable blobs in order and its size
 * becomes theirs; an unreadable directory becomes empty; a lost part of a split listing loses its entries. A repaired
 * snapshot gets the tag {@code repaired} and {@code original}; an undamaged one is left alone. With {@code forget} the
 * originals of repaired snapshots (and snapshots whose root cannot be read) are deleted. Trees are shared between
 * snapshots, so each is looked at once per run. Run {@link dev.cairn.engine.repo.IndexRepair} first. Call holding a lock
 * (an exclusive one when forgetting). Not thread-safe; single use.
 */
public final class SnapshotRepair {
    public static final String TAG = "repaired";
    private final Repository repo;
    private final boolean dryRun;
    private final Map<String, String> trees = new HashMap<>();
    /** The damage found under each tree already walked, so a tree shared by several snapshots is reported for each. */
    private final Map<String, List<Damage>> treeDamage = new HashMap<>();
    private final Set<String> missingBlobs = new LinkedHashSet<>();
    private List<Damage> damage;
    private WriteSession session;
    private String emptyTree;

    /** What happened to one snapshot. {@code newId} is null when it was left alone or could not be rewritten. */
    public record Outcome(SnapshotRef snapshot, String newId, List<Damage> damage, boolean forgotten) {
        public boolean damaged() {
            return !damage.isEmpty();
        }
    }

    /** @param dryRun find and report the damage, store and delete nothing */
    public SnapshotRepair(Repository repo, boolean dryRun) {
        this.repo = repo;
        this.dryRun = dryRun;
    }

    /**
     * Repairs {@code snapshots}; new trees are stored (index flushed) before any new snapshot, and a snapshot is deleted only
     * after its replacement is stored.
     *
     * @throws IOException if the storage fails (damage is reported, not thrown)
     */
    public List<Outcome> repair(List<SnapshotRef> snapshots, boolean forget) throws IOException {
        List<Outcome> walked = new ArrayList<>();
        List<Snapshot> pending = new ArrayList<>();
        try (WriteSession s = repo.newWriteSession()) {
            session = dryRun ? s.dryRun() : s;
            for (SnapshotRef ref : snapshots) {
                damage = new ArrayList<>();
                String root = rewriteTree(ref.snapshot().tree(), "/");
                if (root == null) {
                    damage = List.of(new Damage(Damage.Kind.ROOT_UNREADABLE, "/", 0, 0));
                }
                walked.add(new Outcome(ref, null, List.copyOf(damage), false));
                boolean changed = root != null && !root.equals(ref.snapshot().tree());
                pending.add(changed ? ref.snapshot().rewritten(ref.id(), root, withTag(ref)) : null);
            }
            if (!dryRun) {
                session.flush(); // trees and index first: a snapshot is stored only once everything it references is
            }
        }
        return store(walked, pending, forget);
    }

    /** The data blobs the last {@link #repair} found missing (ids, in the order met). */
    public Set<String> missingBlobs() {
        return missingBlobs;
    }

    private List<Outcome> store(List<Outcome> walked, List<Snapshot> pending, boolean forget) throws IOException {
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < walked.size(); i++) {
            Outcome o = walked.get(i);
            String newId = null;
            if (pending.get(i) != null) {
                newId = dryRun ? "" : repo.saveUnpacked(BlobKind.SNAPSHOT, Json.write(pending.get(i))).hex();
            }
            boolean forgotten = forget && o.damaged();
            if (forgotten && !dryRun) {
                repo.deleteIfPresent(BlobKind.SNAPSHOT, o.snapshot().id()); // gone either way
            }
            out.add(new Outcome(o.snapshot(), newId, o.damage(), forgotten));
        }
        return out;
    }

    private static List<String> withTag(SnapshotRef ref) {
        LinkedHashSet<String> tags = new LinkedHashSet<>(ref.snapshot().tags());
        tags.add(TAG);
        return List.copyOf(tags);
    }

    /** The id of tree {@code id} with its damage removed (the same id when it has none), or null if it cannot be read. */
    private String rewriteTree(String id, String path) throws IOException {
        if (trees.containsKey(id)) {
            damage.addAll(treeDamage.get(id));
            return trees.get(id);
        }
        int before = damage.size();
        Tree top = load(id);
        String result = null;
        if (top != null) {
            boolean changed = false;
            List<Node> nodes = new ArrayList<>();
            for (Tree part : parts(top, path)) {
                changed |= part == null;
                if (part != null) {
                    for (Node n : part.nodes()) {
                        Node fixed = rewriteNode(n, child(path, n.name()));
                        changed |= fixed != n;
                        nodes.add(fixed);
                    }
                }
            }
            result = changed ? store(nodes) : id;
        }
        trees.put(id, result);
        treeDamage.put(id, List.copyOf(damage.subList(before, damage.size())));
        return result;
    }

    /** The blobs of a listing: the tree itself, or each of its parts (null for a part that cannot be read). */
    private List<Tree> parts(Tree top, String path) throws IOException {
        if (!top.split()) {
            return List.of(top);
        }
        List<Tree> parts = new ArrayList<>();
        for (String partId : top.parts()) {
            Tree part = load(partId);
            if (part == null || part.split()) {
                damage.add(new Damage(Damage.Kind.PART_DROPPED, path, 0, 0));
                parts.add(null);
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    private Node rewriteNode(Node n, String path) throws IOException {
        if (n.isDir() && n.subtree() != null) {
            String subtree = rewriteTree(n.subtree(), path);
            if (subtree == null) {
                damage.add(new Damage(Damage.Kind.DIR_EMPTIED, path, 0, 0));
                subtree = emptyTree();
            }
            return subtree.equals(n.subtree()) ? n : with(n, n.content(), n.size(), subtree);
        }
        if (!n.isFile()) {
            return n;
        }
        List<String> kept = new ArrayList<>(n.content().size());
        long bytes = 0;
        for (String blob : n.content()) {
            BlobLocation loc = blob == null ? null : locate(blob);
            if (loc == null) {
                missingBlobs.add(String.valueOf(blob));
            } else {
                kept.add(blob);
                bytes += loc.rawLength();
            }
        }
        if (kept.size() == n.content().size()) {
            return n;
        }
        damage.add(new Damage(Damage.Kind.FILE_SHORTENED, path, n.content().size() - kept.size(), bytes));
        return with(n, kept, bytes, n.subtree());
    }

    private BlobLocation locate(String blob) throws IOException {
        try {
            return repo.index().lookup(BlobId.parse(blob));
        } catch (IllegalArgumentException e) {
            return null; // not an id at all
        }
    }

    private static Node with(Node n, List<String> content, long size, String subtree) {
        return new Node(n.name(), n.type(), n.mode(), n.mtimeNs(), n.ctimeNs(), n.uid(), n.gid(), n.user(), n.group(), n.inode(),
                n.device(), n.links(), size, content, subtree, n.linkTarget());
    }

    /** Loads a tree blob; null when the index does not list it or it is damaged. Storage failures are thrown. */
    private Tree load(String id) throws IOException {
        try {
            BlobId blob = BlobId.parse(id);
            if (repo.index().lookup(blob) == null) {
                return null;
            }
            return Snapshots.loadTree(repo, id);
        } catch (IllegalArgumentException | CorruptDataException | BlobNotFoundException e) {
            return null;
        }
    }

    private String store(List<Node> nodes) throws IOException {
        TreeBuilder builder = new TreeBuilder(session, repo.config().splitTrees());
        for (Node n : nodes) {
            builder.add(n);
        }
        return builder.finish();
    }

    private String emptyTree() throws IOException {
        if (emptyTree == null) {
            emptyTree = session.saveBlob(BlobType.TREE, TreeEncoder.encode(new Tree(List.of()))).id().hex();
        }
        return emptyTree;
    }

    private static String child(String path, String name) {
        return path.endsWith("/") ? path + name : path + "/" + name;
    }
}
