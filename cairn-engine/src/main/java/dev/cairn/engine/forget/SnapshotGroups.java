package dev.cairn.engine.forget;

import dev.cairn.engine.snapshot.SnapshotRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups snapshots for {@code forget} like restic's {@code --group-by}: by any of host, paths and tags (default host and
 * paths); each group's policy is applied on its own. Paths and tags are compared as sorted sets. Stateless.
 */
public final class SnapshotGroups {
    /** What to group by. */
    public enum By { HOST, PATHS, TAGS }

    /** The default of restic and cairn: host and paths. */
    public static final Set<By> DEFAULT = Set.of(By.HOST, By.PATHS);

    /** A group's key: the fields grouped by (the others null). */
    public record Key(String host, List<String> paths, List<String> tags) {
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            if (host != null) {
                parts.add("host [" + host + "]");
            }
            if (paths != null) {
                parts.add("paths [" + String.join(", ", paths) + "]");
            }
            if (tags != null) {
                parts.add("tags [" + String.join(", ", tags) + "]");
            }
            return parts.isEmpty() ? "all snapshots" : String.join(", ", parts);
        }
    }

    private SnapshotGroups() {
    }

    /** Parses {@code host,paths,tags} (any subset; empty: one group of everything). */
    public static Set<By> parse(String spec) {
        Set<By> out = java.util.EnumSet.noneOf(By.class);
        for (String part : spec.split(",")) {
            String p = part.strip().toLowerCase(java.util.Locale.ROOT);
            switch (p) {
                case "" -> { }
                case "host" -> out.add(By.HOST);
                case "paths", "path" -> out.add(By.PATHS);
                case "tags", "tag" -> out.add(By.TAGS);
                default -> throw new IllegalArgumentException("--group-by takes host, paths and tags (comma separated), not '"
                        + part.strip() + "'");
            }
        }
        return out;
    }

    /** The groups in the order their first snapshot appears in {@code refs}. */
    public static Map<Key, List<SnapshotRef>> group(List<SnapshotRef> refs, Set<By> by) {
        Map<Key, List<SnapshotRef>> out = new LinkedHashMap<>();
        for (SnapshotRef r : refs) {
            Key key = new Key(by.contains(By.HOST) ? r.snapshot().hostname() : null,
                    by.contains(By.PATHS) ? r.snapshot().paths().stream().sorted().toList() : null,
                    by.contains(By.TAGS) ? r.snapshot().tags().stream().sorted().toList() : null);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return out;
    }
}
