package dev.cairn.export.format;

import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV (RFC 4180, UTF-8 without a byte order mark, CRLF line ends): {@code csv/<table>.csv}, a header of the field
 * names, then one line per record. Null is an empty unquoted field; the empty text is {@code ""}; a field is quoted
 * when it is empty text or holds a comma, quote, CR or LF. Values are never altered (no formula guard prefix).
 */
final class CsvFormat implements Format {
    @Override
    public String name() {
        return "csv";
    }

    @Override
    public void write(Snapshot snapshot, Entries out) throws Exception {
        for (TableDef table : snapshot.tables()) {
            String path = "csv/" + table.name() + ".csv";
            List<Field> fields = Fields.of(table);
            long rows;
            try (Writer w = new BufferedWriter(new OutputStreamWriter(out.open(path), StandardCharsets.UTF_8), 1 << 16)) {
                line(w, fields.stream().map(Field::name).toList());
                rows = snapshot.rows(table, AttachmentPaths.asPaths(table, row -> {
                    for (int i = 0; i < fields.size(); i++) {
                        if (i > 0) {
                            w.write(',');
                        }
                        field(w, Cells.text(fields.get(i), row));
                    }
                    w.write("\r\n");
                }));
            }
            out.rows(path, rows);
        }
    }

    private static void line(Writer w, List<String> values) throws java.io.IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            field(w, values.get(i));
        }
        w.write("\r\n");
    }

    /** Writes one field: nothing for null, quoted when needed. */
    static void field(Writer w, String value) throws java.io.IOException {
        if (value == null) {
            return;
        }
        if (!needsQuotes(value)) {
            w.write(value);
            return;
        }
        w.write('"');
        w.write(value.replace("\"", "\"\""));
        w.write('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
