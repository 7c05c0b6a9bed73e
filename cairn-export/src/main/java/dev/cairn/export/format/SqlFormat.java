package dev.cairn.export.format;

import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One SQL script, {@code sql/workspace.sql} (UTF-8): in one transaction, a {@code CREATE TABLE} per table
 * ({@link SqlTypes}, the portable flavour), then multi-row {@code INSERT}s. Loads unchanged with {@code sqlite3} and
 * {@code psql}. Literals: text in single quotes (quotes doubled, nothing else escaped; a CR before a LF ends one
 * literal and {@code ||} joins the next), numbers as exact decimal text,
 * dates and instants as ISO 8601 strings, {@code TRUE}/{@code FALSE}, {@code NULL}.
 */
final class SqlFormat implements Format {
    static final String PATH = "sql/workspace.sql";
    private static final int ROWS_PER_INSERT = 200;

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public void write(Snapshot snapshot, Entries out) throws Exception {
        List<TableDef> tables = snapshot.tables();
        Map<Long, String> names = SqlTypes.names(tables);
        long total = 0;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(out.open(PATH), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("-- cairn export of workspace '" + snapshot.name().replace("\n", " ") + "' as of change "
                    + snapshot.seq() + " (docs/spec/export-format.md)\nBEGIN;\n");
            for (TableDef table : tables) {
                w.write(SqlTypes.createTable(table, names, SqlTypes.Flavour.SCRIPT));
            }
            for (TableDef table : tables) {
                total += inserts(snapshot, table, w);
            }
            w.write("COMMIT;\n");
        }
        out.rows(PATH, total);
    }

    private static long inserts(Snapshot snapshot, TableDef table, Writer w) throws Exception {
        List<Field> fields = Fields.of(table);
        String head = "INSERT INTO " + SqlTypes.quote(table.name()) + " ("
                + fields.stream().map(f -> SqlTypes.quote(f.name())).collect(Collectors.joining(", ")) + ") VALUES\n";
        long[] inBatch = {0};
        long rows = snapshot.rows(table, AttachmentPaths.asPaths(table, row -> {
            w.write(inBatch[0] == 0 ? head : ",\n");
            tuple(w, fields, row);
            if (++inBatch[0] == ROWS_PER_INSERT) {
                w.write(";\n");
                inBatch[0] = 0;
            }
        }));
        if (inBatch[0] > 0) {
            w.write(";\n");
        }
        return rows;
    }

    private static void tuple(Writer w, List<Field> fields, SnapshotRow row) throws IOException {
        w.write('(');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(", ");
            }
            Field f = fields.get(i);
            w.write(literal(f.type(), Cells.text(f, row)));
        }
        w.write(')');
    }

    static String literal(ColumnType type, String text) {
        if (text == null) {
            return "NULL";
        }
        return switch (type) {
            case INTEGER, REFERENCE, DECIMAL, MONEY -> text;
            case BOOLEAN -> text.toUpperCase(java.util.Locale.ROOT);
            // a CR right before a line end is split off into its own literal: line-based tools (the sqlite3 shell)
            // drop a CR that ends a line
            default -> "'" + text.replace("'", "''").replace("\r\n", "\r' || '\n") + "'";
        };
    }
}
