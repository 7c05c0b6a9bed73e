package dev.cairn.export.restore;

import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * {@code sqlite/workspace.sqlite}, opened read-only: a table per table, the flat layout, decimals, dates and instants as
 * exact text, booleans 0/1, integers and references as integers. Read in id order.
 */
final class SqliteRows implements CopyRows {
    static final String PATH = "sqlite/workspace.sqlite";
    private final Connection c;

    SqliteRows(Path dir) throws SQLException {
        Path file = dir.resolve(PATH);
        if (!Files.isRegularFile(file)) {
            throw new CopyException("the copy has no " + PATH);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        this.c = config.createConnection("jdbc:sqlite:" + file);
    }

    @Override
    public String format() {
        return "sqlite";
    }

    @Override
    public long rows(TableDef table, Snapshot.Sink<SnapshotRow> sink) throws Exception {
        FlatRows flat = new FlatRows(table);
        List<String> names = flat.names();
        String select = "SELECT " + String.join(", ", names.stream().map(SqliteRows::quote).toList()) + " FROM "
                + quote(table.name()) + " ORDER BY \"id\"";
        List<Boolean> booleans = new ArrayList<>(List.of(false, false));
        table.columns().forEach(col -> {
            booleans.add(col.type() == ColumnType.BOOLEAN);
            if (col.type() == ColumnType.MONEY) {
                booleans.add(false);
            }
        });
        long n = 0;
        try (PreparedStatement s = prepare(select, table); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                n++;
                List<String> cells = new ArrayList<>(names.size());
                for (int i = 0; i < names.size(); i++) {
                    String text = rs.getString(i + 1);
                    cells.add(booleans.get(i) && text != null ? Boolean.toString(!"0".equals(text)) : text);
                }
                sink.accept(flat.row(cells, PATH + ", table " + table.name() + " row " + n));
            }
        }
        return n;
    }

    private PreparedStatement prepare(String select, TableDef table) {
        try {
            PreparedStatement s = c.prepareStatement(select);
            s.setFetchSize(1_000);
            return s;
        } catch (SQLException e) {
            throw new CopyException(PATH + ": table " + table.name() + " is not as the manifest defines it ("
                    + e.getMessage() + ")");
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
