package dev.cairn.agent.mount;

import dev.cairn.engine.snapshot.SnapshotRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snapshots as the mount names them, fixed when it is made. Each snapshot's directory is named by its time in UTC
 * ({@code 2026-12-06T15:04:05Z}, as restic's FUSE mount does); a second snapshot in the same second gets {@code -1},
 * {@code -2}… Its short id (8 digits) and full id resolve too, but are not listed (a listing would show every snapshot
 * twice, and a recursive copy would copy it twice).
 */
final class SnapshotCatalog {
    /** A snapshot and the name of its directory. */
    record Entry(String name, SnapshotRef ref) {
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byName = new HashMap<>();
    private final Map<String, List<Entry>> byHost = new TreeMap<>();
    private final String version;

    /** @param snapshots oldest first, as {@code Snapshots.list} returns them */
    SnapshotCatalog(List<SnapshotRef> snapshots) {
        Map<String, Entry> named = new LinkedHashMap<>();
        for (SnapshotRef ref : snapshots) {
            String base = HttpDates.name(ref.snapshot().time());
            String name = base;
            for (int n = 1; named.containsKey(name); n++) {
                name = base + "-" + n;
            }
            Entry e = new Entry(name, ref);
            named.put(name, e);
            byHost.computeIfAbsent(host(ref), h -> new ArrayList<>()).add(e);
        }
        entries = List.copyOf(named.values());
        byName.putAll(named);
        addAliases();
        version = digest(snapshots);
    }

    private void addAliases() {
        Map<String, Integer> shortCount = new HashMap<>();
        entries.forEach(e -> shortCount.merge(e.ref().shortId(), 1, Integer::sum));
        for (Entry e : entries) {
            byName.putIfAbsent(e.ref().id(), e);
            if (shortCount.get(e.ref().shortId()) == 1) {
                byName.putIfAbsent(e.ref().shortId(), e);
            }
        }
    }

    private static String host(SnapshotRef ref) {
        String h = ref.snapshot().hostname();
        return h == null || h.isBlank() ? "unknown" : h;
    }

    private static String digest(List<SnapshotRef> snapshots) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            snapshots.forEach(r -> sha.update(r.id().getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every snapshot, oldest first. */
    List<Entry> entries() {
        return entries;
    }

    /** The snapshot named {@code name} (its directory name, short id or full id), or null. */
    Entry find(String name) {
        return byName.get(name);
    }

    /** The newest snapshot, or null if there is none. */
    Entry latest() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    /** Host names in order. */
    List<String> hosts() {
        return List.copyOf(byHost.keySet());
    }

    /** The snapshots of {@code host}, oldest first; empty if there are none. */
    List<Entry> ofHost(String host) {
        return byHost.getOrDefault(host, Collections.emptyList());
    }

    /** Changes whenever the set of snapshots does (for the made-up directories' entity tags). */
    String version() {
        return version;
    }
}
