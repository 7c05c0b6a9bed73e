package dev.cairn.export.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import java.io.OutputStream;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * One table's {@code jsonl/<table>.jsonl} in the JSON Lines format's row form ({@link JsonLinesFormat}), of the rows
 * {@code keep} takes: every row for the format, the rows added or changed for an incremental export. Stateless.
 */
public final class JsonLinesRows {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonLinesRows() {
    }

    /** The path of {@code table}'s file. */
    public static String path(TableDef table) {
        return "jsonl/" + table.name() + ".jsonl";
    }

    /** Writes the rows of {@code table} whose id {@code keep} takes (asked once per row, in id order); returns how many. */
    public static long write(Snapshot snapshot, TableDef table, Entries out, LongPredicate keep) throws Exception {
        String path = path(table);
        List<Column> columns = table.columns();
        long[] rows = {0};
        try (OutputStream os = out.open(path);
                JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            snapshot.rows(table, AttachmentPaths.asPaths(table, row -> {
                if (keep.test(row.id())) {
                    JsonLinesFormat.record(g, columns, row);
                    g.writeRaw('\n');
                    rows[0]++;
                }
            }));
        }
        out.rows(path, rows[0]);
        return rows[0];
    }
}
