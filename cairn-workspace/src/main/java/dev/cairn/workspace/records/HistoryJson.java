package dev.cairn.workspace.records;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.WireValues;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the history form of values (see {@link RowSql#toHistory}) straight into a string: the same JSON as building a
 * Jackson tree and printing it, without the tree. Bulk imports write one per row, so this is on their hot path.
 * Values without a direct form here (decimals) go through the tree. Not thread-safe; one per table and thread.
 */
public final class HistoryJson {
    private final Map<Long, Column> columns = new HashMap<>();
    private final StringBuilder out = new StringBuilder(256);

    public HistoryJson(TableDef table) {
        for (Column c : table.allColumns()) {
            columns.put(c.id(), c);
        }
    }

    /** The history form of {@code values} (column id → canonical value). */
    public String write(Map<Long, Object> values) {
        out.setLength(0);
        out.append('{');
        for (var e : values.entrySet()) {
            Column c = columns.get(e.getKey());
            if (c == null) {
                throw new IllegalArgumentException("no column " + e.getKey());
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(c.id()).append("\":");
            value(c, e.getValue());
        }
        return out.append('}').toString();
    }

    private void value(Column c, Object v) {
        switch (v) {
            case null -> out.append("null");
            case String s -> string(s);
            case Long n -> out.append(n.longValue());
            case Integer n -> out.append(n.intValue());
            case Boolean b -> out.append(b.booleanValue());
            case LocalDate d -> string(d.toString());
            case Instant i -> string(i.toString());
            case Money m -> {
                out.append("{\"amount\":");
                string(m.amount().toPlainString());
                out.append(",\"currency\":");
                string(m.currency());
                out.append('}');
            }
            default -> out.append(WireValues.toJsonNode(v));
        }
    }

    private void string(String s) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, out);
        out.append('"');
    }
}
