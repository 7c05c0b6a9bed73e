package dev.cairn.export.format;

import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One SQLite database file, {@code sqlite/workspace.sqlite}: the tables of {@link SqlTypes} (SQLite flavour: exact
 * decimal, date and instant text, booleans 0/1). SQLite writes only to a file, so it is built in a private working
 * file under {@code scratch} and streamed into the bundle, then deleted, failure or not (ADR 27).
 */
final class SqliteFormat implements Format {
    static final String PATH = "sqlite/workspace.sqlite";
    private static final int BATCH = 1_000;
    private final Path scratch;

    SqliteFormat(Path scratch) {
        this.scratch = scratch;
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public void write(Snapshot snapshot, Entries out) throws Exception {
        Path dir = Files.createTempDirectory(scratch, "sqlite-");
        Path file = dir.resolve("workspace.sqlite");
        try {
            long rows = build(snapshot, file);
            try (OutputStream os = out.open(PATH)) {
                Files.copy(file, os);
            }
            out.rows(PATH, rows);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve("workspace.sqlite-journal"));
            Files.deleteIfExists(dir);
        }
    }

    private static long build(Snapshot snapshot, Path file) throws Exception {
        List<TableDef> tables = snapshot.tables();
        Map<Long, String> names = SqlTypes.names(tables);
        long total = 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (TableDef t : tables) {
                    s.execute(SqlTypes.createTable(t, names, SqlTypes.Flavour.SQLITE_FILE));
                }
            }
            for (TableDef t : tables) {
                total += insert(snapshot, t, c);
            }
            c.commit();
        }
        return total;
    }

    private static long insert(Snapshot snapshot, TableDef table, Connection c) throws Exception {
        List<Field> fields = Fields.of(table);
        String sql = "INSERT INTO " + SqlTypes.quote(table.name()) + " VALUES ("
                + String.join(", ", Collections.nCopies(fields.size(), "?")) + ")";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            long[] pending = {0};
            long rows = snapshot.rows(table, AttachmentPaths.asPaths(table, row -> {
                bind(insert, fields, row);
                insert.addBatch();
                if (++pending[0] % BATCH == 0) {
                    insert.executeBatch();
                }
            }));
            insert.executeBatch();
            return rows;
        }
    }

    private static void bind(PreparedStatement insert, List<Field> fields, SnapshotRow row) throws SQLException {
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            Object value = f.kind() == Field.Kind.VALUE ? row.values().get(f.index()) : null;
            switch (value) {
                case Value.Whole w -> insert.setLong(i + 1, w.value());
                case Value.Reference r -> insert.setLong(i + 1, r.id());
                case Value.Bool b -> insert.setInt(i + 1, b.value() ? 1 : 0);
                case null, default -> {
                    String text = Cells.text(f, row);
                    if (text == null) {
                        insert.setNull(i + 1, Types.NULL);
                    } else if (f.kind() == Field.Kind.ID || f.kind() == Field.Kind.VERSION) {
                        insert.setLong(i + 1, Long.parseLong(text));
                    } else {
                        insert.setString(i + 1, text);
                    }
                }
            }
        }
    }
}
