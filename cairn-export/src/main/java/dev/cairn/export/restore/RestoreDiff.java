package dev.cairn.export.restore;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * What a restore would change (docs/spec/http-api.md §13, "Restore"): per table its rows added, changed (field by field,
 * for the first {@link TableDiff#SAMPLES} of each kind) and deleted, its columns added, changed or removed; reports and
 * share links. {@code seq} is the workspace's change sequence the diff was computed against: an apply names it and is
 * refused if the workspace moved on since. On the wire: schema {@code RestoreDiff} (and {@code RestoreApplied} for an
 * apply's answer) of the module's {@code META-INF/cairn/openapi.json}.
 */
public record RestoreDiff(long seq, String mode, String format, Copy copy, List<TableDiff> tables, Items reports,
        Items shares) {
    /** Where the copy comes from. */
    public record Copy(long workspaceId, String workspaceName, long cut, String exportedAt, String digest) {
    }

    /** One table's changes; {@code change} is {@code added}, {@code removed}, {@code changed} or {@code same}. */
    public record TableDiff(long id, String name, String change, List<ColumnChange> columns, long added, long changed,
            long deleted, long unchanged, List<RowChange> samples) {
        public static final int SAMPLES = 20;
    }

    /** A column added, removed or changed (then {@code what} names the attributes that differ). */
    public record ColumnChange(long id, String name, String change, List<String> what) {
    }

    /** One row's change: {@code added}, {@code changed} (with its fields, wire values) or {@code deleted}. */
    public record RowChange(long id, String change, Map<String, FieldChange> fields) {
    }

    /** A field's value here ({@code from}) and in the copy ({@code to}), in wire form. */
    public record FieldChange(Object from, Object to) {
    }

    /** Saved reports or share links by name: added, changed, removed, and a note on what a restore does with them. */
    public record Items(List<String> added, List<String> changed, List<String> removed, String note) {
    }

    /** Whether the copy equals the workspace (no row, column, table or report change). */
    @JsonIgnore
    public boolean isEmpty() {
        return tables.stream().allMatch(t -> t.change().equals("same") && t.added() == 0 && t.changed() == 0
                && t.deleted() == 0) && reports.added().isEmpty() && reports.changed().isEmpty()
                && reports.removed().isEmpty();
    }
}
