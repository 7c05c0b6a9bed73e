package dev.cairn.export.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * JSON Lines: {@code jsonl/<table>.jsonl}, one object per record and line ({@code \n}): {@code id}, {@code version},
 * then every live column by name, null included (the empty text is {@code ""}). Integers, references and booleans
 * are JSON numbers and booleans; decimals are strings of exact decimal text (a JSON number would lose digits in most
 * parsers); money is {@code {"amount": "12.50", "currency": "EUR"}}; dates and instants are ISO 8601 strings.
 */
final class JsonLinesFormat implements Format {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public void write(Snapshot snapshot, Entries out) throws Exception {
        for (TableDef table : snapshot.tables()) {
            String path = "jsonl/" + table.name() + ".jsonl";
            List<Column> columns = table.columns();
            long rows;
            try (OutputStream os = out.open(path);
                    JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
                g.setRootValueSeparator(null);
                rows = snapshot.rows(table, AttachmentPaths.asPaths(table, row -> {
                    record(g, columns, row);
                    g.writeRaw('\n');
                }));
            }
            out.rows(path, rows);
        }
    }

    private static void record(JsonGenerator g, List<Column> columns, SnapshotRow row) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", row.id());
        g.writeNumberField("version", row.version());
        for (int i = 0; i < columns.size(); i++) {
            g.writeFieldName(columns.get(i).name());
            value(g, row.values().get(i));
        }
        g.writeEndObject();
    }

    static void value(JsonGenerator g, Value value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case Value.Whole w -> g.writeNumber(w.value());
            case Value.Reference r -> g.writeNumber(r.id());
            case Value.Bool b -> g.writeBoolean(b.value());
            case Money m -> {
                g.writeStartObject();
                g.writeStringField("amount", m.amount().toPlainString());
                g.writeStringField("currency", m.currency());
                g.writeEndObject();
            }
            default -> g.writeString(Cells.text(value));
        }
    }
}
