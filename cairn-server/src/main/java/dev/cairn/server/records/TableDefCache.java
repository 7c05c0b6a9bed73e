package dev.cairn.server.records;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Table definitions of recently used workspaces, each set valid for ONE schema version of its workspace
 * ({@code workspaces.schema_version}, ADR 15 decision 9). A lookup with any other version misses, and a put with a
 * newer version drops the older set, so a definition is never reused once the workspace's schema changed. Bounded:
 * at most {@link #MAX_WORKSPACES} workspaces (least recently used dropped first) and {@link #MAX_TABLES} tables per
 * workspace (further ones are not cached). Thread-safe.
 */
final class TableDefCache {
    static final int MAX_WORKSPACES = 1024;
    static final int MAX_TABLES = 256;

    private record Tables(long version, Map<String, TableDef> byName) {}

    private final Map<Long, Tables> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Tables> eldest) {
            return size() > MAX_WORKSPACES;
        }
    };

    /** The cached definition of table {@code name} at exactly {@code version}, or null. */
    synchronized TableDef get(long workspaceId, long version, String name) {
        Tables e = entries.get(workspaceId);
        return e == null || e.version != version ? null : e.byName.get(name);
    }

    /**
     * Caches {@code table} as the workspace's definition at {@code version}. The caller must have read
     * {@code version} (committed) BEFORE reading the definition, so the definition is never older than the version.
     */
    synchronized void put(long workspaceId, long version, TableDef table) {
        Tables e = entries.get(workspaceId);
        if (e == null || e.version < version) {
            e = new Tables(version, new HashMap<>());
            entries.put(workspaceId, e);
        }
        if (e.version == version && e.byName.size() < MAX_TABLES) {
            e.byName.put(table.name(), table);
        }
    }
}
