package dev.cairn.workspace.imports;

import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.write.WriteTx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL bulk insert through {@code COPY ... FROM STDIN} (text format). One connection can run one COPY at a time,
 * so rows and change-log entries are encoded into two buffers and copied chunk by chunk, rows first.
 */
final class PostgresCopyInsert extends BulkInsert {
    private static final int CHUNK_BYTES = 4 << 20;
    private final CopyManager copy;
    private final String rowsSql;
    private final String changesSql;
    private final ByteArrayOutputStream rows = new ByteArrayOutputStream(CHUNK_BYTES + 64 * 1024);
    private final ByteArrayOutputStream changes = new ByteArrayOutputStream(CHUNK_BYTES + 64 * 1024);
    private final StringBuilder line = new StringBuilder(256);

    PostgresCopyInsert(WriteTx tx, TableDef table) throws SQLException {
        super(tx, table);
        this.copy = tx.handle().getConnection().unwrap(PGConnection.class).getCopyAPI();
        this.rowsSql = "COPY " + table.sql() + " (" + String.join(", ", columns) + ") FROM STDIN";
        this.changesSql = "COPY ws_changes (" + String.join(", ", CHANGE_COLUMNS) + ") FROM STDIN";
    }

    @Override
    void add(long id, long seq, Map<Long, Object> values, String history) throws SQLException {
        encode(row(id, values), rows);
        encode(change(id, seq, history), changes);
        if (rows.size() + changes.size() >= CHUNK_BYTES) {
            flush();
        }
    }

    @Override
    void finish() throws SQLException {
        flush();
    }

    private void flush() throws SQLException {
        send(rowsSql, rows);
        send(changesSql, changes);
    }

    private void send(String sql, ByteArrayOutputStream buffer) throws SQLException {
        if (buffer.size() == 0) {
            return;
        }
        var in = copy.copyIn(sql);
        try {
            in.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        buffer.reset();
    }

    /** One line of COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
    private void encode(Object[] values, ByteArrayOutputStream out) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                line.append("\\N");
            } else if (v instanceof String s) {
                escape(s, line);
            } else {
                line.append(v);
            }
        }
        line.append('\n');
        out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
