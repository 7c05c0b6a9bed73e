package dev.cairn.workspace.web;

import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.util.Set;

/** How the workspace pages name tables, columns and records, and show values. Stateless. */
final class Labels {
    private static final Set<String> LABEL_COLUMNS = Set.of("name", "title", "number", "sku", "full_name", "email");

    private Labels() {
    }

    static String of(TableSpec t) {
        return t.label() == null ? t.name() : t.label();
    }

    /** A column's label, else its name with spaces for underscores and a capital first letter. */
    static String of(ColumnSpec col) {
        if (col.label() != null) {
            return col.label();
        }
        String s = col.name().replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A short name for a record: its first naming column (name, number, ...) or first text column, then the id. */
    static String record(TableSpec t, Record r) {
        for (ColumnSpec col : t.columns()) {
            if (LABEL_COLUMNS.contains(col.name()) && r.value(col.name()) != null) {
                return r.value(col.name()).wire() + " (#" + r.id() + ")";
            }
        }
        for (ColumnSpec col : t.columns()) {
            if (col.type() == ColumnType.TEXT && r.value(col.name()) != null) {
                return r.value(col.name()).wire() + " (#" + r.id() + ")";
            }
        }
        return "#" + r.id();
    }

    /** A value as text: money as "12.50 EUR", booleans as Yes/No, decimals in plain notation, empty as "". */
    static String display(Value v) {
        return switch (v) {
            case null -> "";
            case Money m -> m.amount().toPlainString() + " " + m.currency();
            case Value.Bool b -> b.value() ? "Yes" : "No";
            case Value.Decimal d -> d.value().toPlainString();
            case Attachment a -> a.name() + " (" + size(a.bytes()) + ")";
            default -> String.valueOf(v.wire());
        };
    }

    /** A file size as people read it: bytes, KiB, MiB or GiB with one decimal. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        String n = String.format(java.util.Locale.ROOT, "%.1f", v);
        return (n.endsWith(".0") ? n.substring(0, n.length() - 2) : n) + " " + units[i];
    }
}
