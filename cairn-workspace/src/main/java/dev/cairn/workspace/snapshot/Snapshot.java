package dev.cairn.workspace.snapshot;

import dev.cairn.server.db.Rows;
import dev.cairn.workspace.members.Member;
import dev.cairn.workspace.members.Workspaces;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * One workspace as of change sequence {@link #seq()}, open while its {@link WorkspaceSnapshots#read} runs. Rows and
 * the change log are streamed (a cursor on PostgreSQL), never held whole. Not thread-safe.
 */
public final class Snapshot {
    private static final int FETCH = 1_000;

    private final Handle h;
    private final Schema schema;
    private final long workspaceId;
    private final String name;
    private final long seq;
    private final Files files;
    private List<TableDef> tables;

    /** Opens the bytes of an upload of this workspace by id. */
    @FunctionalInterface
    interface Files {
        InputStream open(String id) throws IOException;
    }

    Snapshot(Handle h, Schema schema, long workspaceId, String name, long seq, Files files) {
        this.files = files;
        this.h = h;
        this.schema = schema;
        this.workspaceId = workspaceId;
        this.name = name;
        this.seq = seq;
    }

    /** Something that takes streamed items one by one. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T item) throws Exception;
    }

    public long workspaceId() {
        return workspaceId;
    }

    public String name() {
        return name;
    }

    /** The cut: the last change sequence included. */
    public long seq() {
        return seq;
    }

    /** The live tables by name, with all their columns (removed ones flagged). */
    public List<TableDef> tables() {
        if (tables == null) {
            tables = schema.tables(h, workspaceId);
        }
        return tables;
    }

    /**
     * The bytes of an attached file of this workspace (a value of its rows); the caller closes them. Uploads never
     * change, so these are the bytes as of the cut.
     *
     * @throws IOException if the attachment store cannot give them (then the copy is incomplete)
     */
    public InputStream attachment(Attachment file) throws IOException {
        return files.open(file.id());
    }

    /** The owner first, then the members by account name (no secrets). */
    public List<Member> members() {
        return Workspaces.members(h, workspaceId);
    }

    /**
     * Streams the rows of {@code table} in id order; returns how many. Computed columns (ADR 42) are empty: their
     * values follow from the rest (of this table and others), so a copy keeps their definitions only, and an
     * incremental copy of a table nothing changed in never holds a stale total.
     */
    public long rows(TableDef table, Sink<SnapshotRow> sink) throws Exception {
        List<Column> columns = table.columns();
        long[] count = {0};
        try (var rows = h.createQuery("SELECT * FROM " + table.sql() + " ORDER BY id").setFetchSize(FETCH)
                .map((rs, ctx) -> row(rs, columns)).stream()) {
            for (var it = rows.iterator(); it.hasNext(); count[0]++) {
                sink.accept(it.next());
            }
        }
        return count[0];
    }

    private static SnapshotRow row(ResultSet rs, List<Column> columns) throws SQLException {
        Value[] values = new Value[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            values[i] = c.isComputed() ? null : Value.of(c.type(), SqlValues.read(rs, c));
        }
        return new SnapshotRow(rs.getLong("id"), rs.getLong("version"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"), java.util.Collections.unmodifiableList(Arrays.asList(values)));
    }

    /** Saved report definitions (JSON text naming columns by id), by name. */
    public List<Definition> reports() {
        return h.createQuery("SELECT id, name, table_id, definition, created_at, updated_at FROM ws_reports "
                + "WHERE workspace_id = :w ORDER BY name").bind("w", workspaceId).map((rs, ctx) -> new Definition(
                rs.getLong("id"), rs.getString("name"), rs.getLong("table_id"), rs.getString("definition"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "updated_at"))).list();
    }

    /** A saved report's definition. */
    public record Definition(long id, String name, long tableId, String definitionJson, Instant createdAt,
            Instant updatedAt) {
    }

    /** Share links without their secrets (no token or passphrase hash; whether a passphrase is set). */
    public List<Share> shares() {
        return h.createQuery("SELECT id, report_id, report_name, passphrase_hash IS NOT NULL AS protected, "
                + "fixed_column_id, fixed_record_id, created_by, created_at, expires_at, revoked_at FROM ws_shares "
                + "WHERE workspace_id = :w ORDER BY id").bind("w", workspaceId).map((rs, ctx) -> new Share(
                rs.getLong("id"), nullableLong(rs, "report_id"), rs.getString("report_name"),
                rs.getBoolean("protected"), nullableLong(rs, "fixed_column_id"),
                nullableLong(rs, "fixed_record_id"), rs.getString("created_by"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "expires_at"), Rows.instant(rs, "revoked_at"))).list();
    }

    /** A share link's definition. */
    public record Share(long id, Long reportId, String reportName, boolean passphraseProtected, Long fixedColumnId,
            Long fixedRecordId, String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    /** Streams the change log up to the cut, in sequence order; returns how many entries. */
    public long changes(Sink<ChangeEntry> sink) throws Exception {
        return changesAfter(0, sink);
    }

    /**
     * Streams the changes after sequence {@code after} up to the cut, in sequence order (what an incremental export
     * carries); returns how many entries.
     */
    public long changesAfter(long after, Sink<ChangeEntry> sink) throws Exception {
        long count = 0;
        try (var rows = h.createQuery("SELECT * FROM ws_changes WHERE workspace_id = :w AND seq > :a AND seq <= :s "
                + "ORDER BY seq").bind("w", workspaceId).bind("a", after).bind("s", seq).setFetchSize(FETCH).map((rs, ctx) -> new ChangeEntry(
                        rs.getLong("seq"), rs.getLong("table_id"), nullableLong(rs, "record_id"), rs.getString("op"),
                        nullableLong(rs, "version"), rs.getString("actor"), Rows.instant(rs, "at"),
                        rs.getString("old_values"), rs.getString("new_values"))).stream()) {
            for (var it = rows.iterator(); it.hasNext(); count++) {
                sink.accept(it.next());
            }
        }
        return count;
    }

    /** One change-log entry; values are JSON text keyed by column id in the API's wire form. */
    public record ChangeEntry(long seq, long tableId, Long recordId, String op, Long version, String actor, Instant at,
            String oldValuesJson, String newValuesJson) {
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
