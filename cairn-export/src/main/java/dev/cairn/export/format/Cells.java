package dev.cairn.export.format;

import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.SnapshotRow;

/**
 * The exact text of values, shared by every format (docs/spec/export-format.md, "Values"): integers and references in
 * decimal digits, decimals and money amounts as plain decimal text with the column's scale ({@code 12.50}, never
 * {@code 1.25E+1}), currencies as ISO 4217 codes, dates as ISO 8601 {@code yyyy-MM-dd}, instants as ISO 8601 UTC
 * ({@code 2026-01-02T03:04:05.120Z}), booleans as {@code true}/{@code false}, text as it is, an attached file as its
 * bundle path ({@link AttachmentPaths}). Null stays null: each
 * format says how it keeps null apart from the empty text.
 */
public final class Cells {
    private Cells() {
    }

    /** The text of {@code field} in {@code row}, or null. */
    public static String text(Field field, SnapshotRow row) {
        return switch (field.kind()) {
            case ID -> Long.toString(row.id());
            case VERSION -> Long.toString(row.version());
            case VALUE -> text(row.values().get(field.index()));
            case CURRENCY -> row.values().get(field.index()) instanceof Money m ? m.currency() : null;
        };
    }

    /** The text of a value (money: its amount), or null. */
    public static String text(Value value) {
        return switch (value) {
            case null -> null;
            case Value.Text t -> t.text();
            case Value.Whole w -> Long.toString(w.value());
            case Value.Decimal d -> d.value().toPlainString();
            case Money m -> m.amount().toPlainString();
            case Value.Date d -> d.date().toString();
            case Value.DateTime d -> d.instant().toString();
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Reference r -> Long.toString(r.id());
            // a file's cell is its bundle path, which the rows carry as text by then (AttachmentPaths.asPaths)
            case Attachment a -> throw new IllegalStateException("attachment " + a.id() + " reached a format as a "
                    + "file, not as its bundle path");
        };
    }
}
