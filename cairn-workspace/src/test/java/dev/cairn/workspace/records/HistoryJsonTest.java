package dev.cairn.workspace.records;

import static dev.cairn.workspace.model.ColumnType.BOOLEAN;
import static dev.cairn.workspace.model.ColumnType.DATE;
import static dev.cairn.workspace.model.ColumnType.DATETIME;
import static dev.cairn.workspace.model.ColumnType.DECIMAL;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.LONG_TEXT;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.WireValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The direct history writer prints what building a Jackson tree and printing it did, for every column type. */
class HistoryJsonTest {
    @Test
    void everyTypeIsWrittenAsTheTreeFormWas() {
        List<Column> columns = List.of(column(1, TEXT, 0), column(2, INTEGER, 0),
                column(3, DECIMAL, 2), column(4, MONEY, 2), column(5, DATE, 0),
                column(6, DATETIME, 0), column(7, BOOLEAN, 0), column(8, REFERENCE, 0),
                column(9, LONG_TEXT, 0));
        TableDef table = new TableDef(1, 1, "t", null, columns);
        Map<Long, Object> values = new LinkedHashMap<>();
        values.put(1L, "quote \" back\\slash tab\t nl\n ctl\u0001 ü €");
        values.put(2L, -42L);
        values.put(3L, new BigDecimal("100.00"));
        values.put(4L, new Money(new BigDecimal("1999.50"), "EUR"));
        values.put(5L, LocalDate.of(2026, 2, 28));
        values.put(6L, Instant.parse("2026-11-23T18:30:00.123Z"));
        values.put(7L, true);
        values.put(8L, null);
        values.put(9L, "<b>html</b>");
        assertThat(new HistoryJson(table).write(values)).isEqualTo(treeForm(table, values));
        assertThat(RowSql.fromHistory(table, new HistoryJson(table).write(values))).isEqualTo(values);
    }

    /** The former implementation, as the reference. */
    private static String treeForm(TableDef t, Map<Long, Object> values) {
        ObjectNode o = StoredJson.MAPPER.createObjectNode();
        for (var e : values.entrySet()) {
            Column c = t.columnById(e.getKey()).orElseThrow();
            o.set(Long.toString(c.id()), WireValues.toJsonNode(e.getValue()));
        }
        return o.toString();
    }

    private static Column column(long id, ColumnType type, int scale) {
        return new Column(id, "c" + id, null, type, false, false, false, List.of(), scale,
                type == MONEY ? "EUR" : null, type == REFERENCE ? 1L : null, null, 1000, false);
    }
}
