package dev.cairn.workspace.schema;

import dev.cairn.workspace.model.TableDef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Table definitions of recently used workspaces, each set valid for ONE schema version of its workspace
 * ({@code workspaces.schema_version}, ADR 15 decision 9): single tables by name, and the list of all live tables (for
 * the reference checks of deletes). A lookup with any other version misses, and a put with a newer version drops the
 * older set, so a definition is never reused once the workspace's schema changed. Bounded: at most
 * {@link #MAX_WORKSPACES} workspaces (least recently used dropped first) and {@link #MAX_TABLES} tables per workspace
 * (further ones are not cached, nor is a longer list). Thread-safe.
 */
final class TableDefCache {
    static final int MAX_WORKSPACES = 1024;
    static final int MAX_TABLES = 256;

    private static final class Tables {
        final long version;
        final Map<String, TableDef> byName = new HashMap<>();
        List<TableDef> all;

        Tables(long version) {
            this.version = version;
        }
    }

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

    /** The cached live tables of the workspace at exactly {@code version}, or null. */
    synchronized List<TableDef> all(long workspaceId, long version) {
        Tables e = entries.get(workspaceId);
        return e == null || e.version != version ? null : e.all;
    }

    /**
     * Caches {@code table} as the workspace's definition at {@code version}. The caller must have read
     * {@code version} (committed) BEFORE reading the definition, so the definition is never older than the version.
     */
    synchronized void put(long workspaceId, long version, TableDef table) {
        Tables e = at(workspaceId, version);
        if (e != null && e.byName.size() < MAX_TABLES) {
            e.byName.put(table.name(), table);
        }
    }

    /** Caches the workspace's live tables at {@code version}; the same contract as {@link #put}. */
    synchronized void putAll(long workspaceId, long version, List<TableDef> tables) {
        Tables e = at(workspaceId, version);
        if (e != null && tables.size() <= MAX_TABLES) {
            e.all = List.copyOf(tables);
        }
    }

    /** The entry for exactly {@code version} (replacing an older one), or null if a newer version is cached. */
    private Tables at(long workspaceId, long version) {
        Tables e = entries.get(workspaceId);
        if (e == null || e.version < version) {
            e = new Tables(version);
            entries.put(workspaceId, e);
        }
        return e.version == version ? e : null;
    }
}
