package dev.cairn.workspace.model;

import static dev.cairn.workspace.model.ColumnType.BOOLEAN;
import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.DECIMAL;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values per column type: their wire form, how typed values are checked, and the cell syntax. */
class ValueTest {
    private static Column column(ColumnType type) {
        return new Column(1, "c", null, type, false, false, true, List.of("open", "paid"), 2,
                type == MONEY ? "EUR" : null, null, null, 20, false);
    }

    @Test
    void valuesSerialiseAsTheirWireForm() throws Exception {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("text", new Value.Text("<b>"));
        values.put("whole", new Value.Whole(-3));
        values.put("decimal", new Value.Decimal(new BigDecimal("12.50")));
        values.put("money", new Money(new BigDecimal("1999.50"), "EUR"));
        values.put("date", new Value.Date(LocalDate.of(2026, 2, 28)));
        values.put("at", new Value.DateTime(Instant.parse("2026-11-23T09:00:00Z")));
        values.put("yes", new Value.Bool(true));
        values.put("ref", new Value.Reference(7));
        values.put("none", null);
        assertThat(new ObjectMapper().writeValueAsString(values)).isEqualTo("{\"text\":\"<b>\",\"whole\":-3,"
                + "\"decimal\":12.50,\"money\":{\"amount\":\"1999.50\",\"currency\":\"EUR\"},\"date\":\"2026-02-28\","
                + "\"at\":\"2026-11-23T09:00:00Z\",\"yes\":true,\"ref\":7,\"none\":null}");
    }

    @Test
    void typedValuesAreCheckedAgainstTheirColumn() {
        assertThat(new Value.Decimal(new BigDecimal("1.5")).read(column(DECIMAL), "x"))
                .isEqualTo(new Value.Decimal(new BigDecimal("1.50")));
        assertThat(new Money(new BigDecimal("2"), "eur").read(column(MONEY), "x"))
                .isEqualTo(new Money(new BigDecimal("2.00"), "EUR"));
        assertThatThrownBy(() -> new Value.Text("closed").read(column(CHOICE), "status"))
                .isInstanceOfSatisfying(InvalidValue.class, e -> assertThat(e.error())
                        .isEqualTo(new FieldError("status", "'closed' is not one of [open, paid]")));
        assertThatThrownBy(() -> new Value.Whole(5).read(column(TEXT), "name"))
                .isInstanceOfSatisfying(InvalidValue.class, e -> assertThat(e.path()).isEqualTo("name"));
        assertThatThrownBy(() -> new Money(new BigDecimal("1.234"), "EUR").read(column(MONEY), "total"))
                .isInstanceOfSatisfying(InvalidValue.class, e -> assertThat(e.path()).isEqualTo("total.amount"));
    }

    @Test
    void cellSyntaxReadsWhatPeopleType() {
        assertThat(CellSyntax.read(column(MONEY), " EUR 12.5 ", "m"))
                .isEqualTo(new Money(new BigDecimal("12.50"), "EUR"));
        assertThat(CellSyntax.read(column(MONEY), "3", "m")).isEqualTo(new Money(new BigDecimal("3.00"),
                "EUR"));
        assertThat(CellSyntax.read(column(BOOLEAN), "yes", "b")).isEqualTo(new Value.Bool(true));
        assertThat(CellSyntax.read(column(INTEGER), "  ", "i")).isNull();
        assertThatThrownBy(() -> CellSyntax.read(column(INTEGER), "1.5", "i"))
                .hasMessageContaining("got the string '1.5'");
        assertThatThrownBy(() -> CellSyntax.read(column(REFERENCE), "0", "r"))
                .hasMessage("expected the id of a record (a positive whole number), got the number 0");
    }
}
