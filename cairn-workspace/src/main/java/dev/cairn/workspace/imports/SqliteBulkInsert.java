package dev.cairn.workspace.imports;

import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.write.WriteTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * SQLite bulk insert: multi-row {@code INSERT ... VALUES (...), (...)} statements prepared once and re-executed, bound
 * through plain JDBC (statement preparation and JDBI's per-argument binding were a large part of the old path's cost).
 * While it runs, the connection's page cache is raised to {@link #CACHE_KIB}: inserting into several indexes in key
 * order that is random for most of them touches pages all over each index, and with SQLite's default 2 MiB cache
 * every touch became a read from the OS.
 */
final class SqliteBulkInsert extends BulkInsert {
    private static final int ROWS_PER_STATEMENT = 100;
    private static final long CACHE_KIB = 256 * 1024;
    private final Batch rows;
    private final Batch changes;
    private final long cacheBefore;
    private final Connection connection;

    SqliteBulkInsert(WriteTx tx, TableDef table) throws SQLException {
        super(tx, table);
        Connection c = tx.handle().getConnection();
        this.connection = c;
        try (var s = c.createStatement(); var rs = s.executeQuery("PRAGMA cache_size")) {
            rs.next();
            this.cacheBefore = rs.getLong(1);
            s.execute("PRAGMA cache_size = -" + CACHE_KIB);
        }
        this.rows = new Batch(c, "INSERT INTO " + table.sql() + " (" + String.join(", ", columns) + ") VALUES ",
                columns.size());
        this.changes = new Batch(c, "INSERT INTO ws_changes (" + String.join(", ", CHANGE_COLUMNS) + ") VALUES ",
                CHANGE_COLUMNS.size());
    }

    @Override
    void add(long id, long seq, Map<Long, Object> values, String history) throws SQLException {
        rows.add(row(id, values));
        changes.add(change(id, seq, history));
    }

    @Override
    void finish() throws SQLException {
        rows.flush();
        changes.flush();
    }

    @Override
    void close() throws SQLException {
        try (var s = connection.createStatement()) {
            rows.close();
            changes.close();
            s.execute("PRAGMA cache_size = " + cacheBefore);
        }
    }

    /** Rows of one statement shape, written {@link #ROWS_PER_STATEMENT} at a time. */
    private static final class Batch {
        private final Connection connection;
        private final String prefix;
        private final int width;
        private final List<Object[]> pending = new ArrayList<>(ROWS_PER_STATEMENT);
        private PreparedStatement full;

        Batch(Connection connection, String prefix, int width) {
            this.connection = connection;
            this.prefix = prefix;
            this.width = width;
        }

        void add(Object[] row) throws SQLException {
            pending.add(row);
            if (pending.size() == ROWS_PER_STATEMENT) {
                if (full == null) {
                    full = connection.prepareStatement(sql(ROWS_PER_STATEMENT));
                }
                execute(full);
            }
        }

        void flush() throws SQLException {
            if (!pending.isEmpty()) {
                try (PreparedStatement rest = connection.prepareStatement(sql(pending.size()))) {
                    execute(rest);
                }
            }
        }

        private void execute(PreparedStatement statement) throws SQLException {
            int i = 1;
            for (Object[] row : pending) {
                for (Object v : row) {
                    statement.setObject(i++, v);
                }
            }
            statement.executeUpdate();
            pending.clear();
        }

        private String sql(int count) {
            String one = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
            return prefix + String.join(", ", Collections.nCopies(count, one));
        }

        void close() throws SQLException {
            if (full != null) {
                full.close();
            }
        }
    }
}
