package dev.cairn.export.restore;

import dev.cairn.export.restore.RestoreDiff.ColumnChange;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The column changes between a table here and the same table (by id) in a copy. Stateless. */
final class SchemaDiff {
    private SchemaDiff() {
    }

    /** Columns added, removed (only with {@code removes}) or changed, by column id. */
    static List<ColumnChange> columns(TableDef live, TableDef copy, boolean removes) {
        List<ColumnChange> out = new ArrayList<>();
        for (Column c : copy.columns()) {
            Column here = live == null ? null : live.columns().stream().filter(x -> x.id() == c.id()).findFirst()
                    .orElse(null);
            if (here == null) {
                out.add(new ColumnChange(c.id(), c.name(), "added", List.of()));
            } else {
                List<String> what = changed(here, c);
                if (!what.isEmpty()) {
                    out.add(new ColumnChange(c.id(), c.name(), "changed", what));
                }
            }
        }
        if (live != null && removes) {
            for (Column c : live.columns()) {
                if (copy.columns().stream().noneMatch(x -> x.id() == c.id())) {
                    out.add(new ColumnChange(c.id(), c.name(), "removed", List.of()));
                }
            }
        }
        return out;
    }

    /** The attributes of a column that differ. */
    static List<String> changed(Column a, Column b) {
        List<String> out = new ArrayList<>();
        check(out, "name", a.name(), b.name());
        check(out, "label", a.label(), b.label());
        check(out, "type", a.type(), b.type());
        check(out, "required", a.required(), b.required());
        check(out, "unique", a.unique(), b.unique());
        check(out, "indexed", a.indexed(), b.indexed());
        check(out, "choices", a.choices(), b.choices());
        check(out, "scale", a.scale(), b.scale());
        check(out, "currency", a.currency(), b.currency());
        check(out, "references", a.references(), b.references());
        check(out, "default", a.defaultValue(), b.defaultValue());
        check(out, "maxLength", a.maxLength(), b.maxLength());
        check(out, a.computed() instanceof Computed.AutoNumber || b.computed() instanceof Computed.AutoNumber
                ? "autoNumber" : "formula", a.computed(), b.computed());
        return out;
    }

    private static void check(List<String> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(name);
        }
    }
}
