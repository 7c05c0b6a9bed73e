package dev.cairn.workspace.restore;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * The rows of a workspace table as they are now, streamed in id order by one query, with their values in the order of
 * another definition's columns (a copy's): a column the table has with the same id and type gives its value, any
 * other is null. Only the columns wanted are selected and read by position. What a restore compares a copy's rows
 * with. Stateless.
 */
public final class LiveRows {
    private static final int FETCH = 1_000;

    private LiveRows() {
    }

    /**
     * The rows of {@code live} (the table as defined here) in id order, values by {@code columns} (matched by id and
     * type); empty when {@code live} is null (no such table here). The caller closes the stream.
     */
    public static Stream<SnapshotRow> open(Handle h, TableDef live, List<Column> columns) {
        if (live == null) {
            return Stream.empty();
        }
        Column[] read = new Column[columns.size()];
        int[] at = new int[read.length];
        int[] currencyAt = new int[read.length];
        StringBuilder sql = new StringBuilder("SELECT id, version");
        int next = 3;
        for (int i = 0; i < read.length; i++) {
            Column wanted = columns.get(i);
            // a computed column (ADR 42) is not stored: the restore compares and writes only the data columns
            read[i] = live.columnById(wanted.id()).filter(c -> c.type() == wanted.type() && !c.isComputed())
                    .orElse(null);
            if (read[i] != null) {
                sql.append(", ").append(read[i].sql());
                at[i] = next++;
                if (read[i].type() == ColumnType.MONEY) {
                    sql.append(", ").append(read[i].currencySql());
                    currencyAt[i] = next++;
                }
            }
        }
        sql.append(" FROM ").append(live.sql()).append(" ORDER BY id");
        return h.createQuery(sql.toString()).setFetchSize(FETCH)
                .map((rs, ctx) -> row(rs, read, at, currencyAt)).stream();
    }

    private static SnapshotRow row(ResultSet rs, Column[] read, int[] at, int[] currencyAt) throws SQLException {
        Value[] values = new Value[read.length];
        for (int i = 0; i < read.length; i++) {
            values[i] = read[i] == null ? null
                    : Value.of(read[i].type(), SqlValues.readAt(rs, read[i], at[i], currencyAt[i]));
        }
        return new SnapshotRow(rs.getLong(1), rs.getLong(2), null, null,
                Collections.unmodifiableList(Arrays.asList(values)));
    }
}
