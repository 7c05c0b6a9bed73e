package dev.cairn.engine.snapshot;

import dev.cairn.blob.BlobKind;
import dev.cairn.engine.format.FormatException;
import dev.cairn.engine.format.Json;
import dev.cairn.engine.id.BlobId;
import dev.cairn.engine.id.BlobType;
import dev.cairn.engine.repo.CorruptDataException;
import dev.cairn.engine.repo.Repository;
import dev.cairn.engine.repo.UnsupportedFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Reads snapshots and trees; resolves what users type ({@code latest}, an id, a unique id prefix). Stateless. */
public final class Snapshots {
    private Snapshots() {
    }

    /** Every readable snapshot, oldest first. Damaged ones are skipped here; {@code check} reports them. */
    public static List<SnapshotRef> list(Repository repo) throws IOException {
        return list(repo, repo.list(BlobKind.SNAPSHOT));
    }

    /**
     * As {@link #list(Repository)}, for the snapshot ids of a listing the caller already made (one round trip fewer for a
     * caller that needs the listing itself, such as {@code cairn snapshots} for the arrival times).
     */
    public static List<SnapshotRef> list(Repository repo, List<String> ids) throws IOException {
        List<SnapshotRef> out = new ArrayList<>();
        for (String id : ids) {
            try {
                out.add(new SnapshotRef(id, load(repo, id)));
            } catch (CorruptDataException e) {
                // listed as damaged by check
            }
        }
        out.sort(Comparator.comparing((SnapshotRef r) -> r.snapshot().time()).thenComparing(SnapshotRef::id));
        return out;
    }

    /**
     * Loads one snapshot by full id.
     *
     * @throws CorruptDataException if it is damaged
     */
    public static Snapshot load(Repository repo, String id) throws IOException {
        try {
            Snapshot s = Json.read(repo.loadUnpacked(BlobKind.SNAPSHOT, id), Snapshot.class, "snapshot " + id);
            if (s.version() != Snapshot.CURRENT_VERSION) {
                throw new UnsupportedFormatException("snapshot " + id + " has version " + s.version() + "; upgrade cairn");
            }
            if (s.tree() == null || s.time() == null) {
                throw new CorruptDataException("snapshot " + id + " has no tree or time");
            }
            return s;
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage(), e);
        }
    }

    /**
     * Resolves {@code latest}, a full id or a unique prefix, among snapshots accepted by {@code filter}.
     *
     * @throws SnapshotNotFoundException if nothing matches or a prefix is ambiguous
     */
    public static SnapshotRef resolve(Repository repo, String spec, Predicate<Snapshot> filter) throws IOException {
        List<SnapshotRef> all = list(repo).stream().filter(r -> filter.test(r.snapshot())).toList();
        if ("latest".equals(spec)) {
            if (all.isEmpty()) {
                throw new SnapshotNotFoundException("there are no snapshots" + (filter == ALL ? "" : " matching the filter") + " yet");
            }
            return all.get(all.size() - 1);
        }
        List<SnapshotRef> matches = all.stream().filter(r -> r.id().startsWith(spec.toLowerCase(java.util.Locale.ROOT))).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        throw new SnapshotNotFoundException(matches.isEmpty() ? "no snapshot matches '" + spec + "'; 'cairn snapshots' lists them"
                : "'" + spec + "' matches " + matches.size() + " snapshots; give more digits");
    }

    /** Accepts every snapshot. */
    public static final Predicate<Snapshot> ALL = s -> true;

    /**
     * Loads and decodes a tree blob.
     *
     * @throws CorruptDataException if it is damaged or not a tree
     */
    public static Tree loadTree(Repository repo, String id) throws IOException {
        byte[] json = repo.loadBlob(BlobType.TREE, BlobId.parse(id));
        try {
            return TreeDecoder.decode(json, "tree " + id);
        } catch (FormatException e) {
            throw new CorruptDataException(e.getMessage(), e);
        }
    }
}
