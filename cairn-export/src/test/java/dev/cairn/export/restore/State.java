package dev.cairn.export.restore;

import dev.cairn.export.ExportFixture;
import java.util.List;

/**
 * Everything a restore could change in a workspace, for "exactly as it was" comparisons: its change sequence, schema
 * version, table and column definitions, every row of every physical table, and its reports.
 */
record State(long seq, long schemaVersion, List<String> definitions, List<String> rows, List<String> reports) {
    static State of(ExportFixture f) {
        return f.db.reads().withHandle(h -> {
            long w = f.ann.workspaceId();
            long seq = h.createQuery("SELECT seq FROM workspaces WHERE id = :w").bind("w", w).mapTo(Long.class).one();
            long version = h.createQuery("SELECT schema_version FROM workspaces WHERE id = :w").bind("w", w)
                    .mapTo(Long.class).one();
            List<String> defs = h.createQuery("SELECT t.id || ' ' || t.name || ' ' || COALESCE(t.deleted_at, 0) || ' '"
                    + " || c.id || ' ' || c.name || ' ' || c.position || ' ' || COALESCE(c.removed_at, 0) || ' ' || "
                    + "c.options FROM ws_tables t JOIN ws_columns c ON c.table_id = t.id WHERE t.workspace_id = :w "
                    + "ORDER BY c.id").bind("w", w).mapTo(String.class).list();
            List<Long> tables = h.createQuery("SELECT id FROM ws_tables WHERE workspace_id = :w ORDER BY id")
                    .bind("w", w).mapTo(Long.class).list();
            List<String> rows = new java.util.ArrayList<>();
            for (long t : tables) {
                h.createQuery("SELECT * FROM r_" + t + " ORDER BY id").map((rs, ctx) -> {
                    StringBuilder b = new StringBuilder("r_" + t);
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        b.append('|').append(rs.getString(i));
                    }
                    return b.toString();
                }).forEach(rows::add);
            }
            List<String> reports = h.createQuery("SELECT id || ' ' || name || ' ' || definition FROM ws_reports WHERE "
                    + "workspace_id = :w ORDER BY id").bind("w", w).mapTo(String.class).list();
            return new State(seq, version, defs, rows, reports);
        });
    }
}
