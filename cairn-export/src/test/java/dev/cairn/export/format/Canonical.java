package dev.cairn.export.format;

import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Text read back from a format, turned into the canonical values the record service returns. */
final class Canonical {
    private Canonical() {
    }

    /** The canonical value of {@code text} for a column of {@code type} (money: the amount; null stays null). */
    static Object of(ColumnType type, String text) {
        if (text == null) {
            return null;
        }
        return switch (type) {
            case TEXT, LONG_TEXT, CHOICE, EMAIL, PHONE -> text;
            case ATTACHMENT -> text; // the file's bundle path (ExportFixture.expected)
            case INTEGER, REFERENCE -> Long.parseLong(text);
            case DECIMAL, MONEY -> new BigDecimal(text);
            case DATE -> LocalDate.parse(text);
            case DATETIME -> Instant.parse(text);
            case BOOLEAN -> switch (text) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new AssertionError("not a boolean: " + text);
            };
        };
    }

    /** A flat row (id, version, then the fields; money: amount and currency) as [id, version, values...]. */
    static List<Object> flat(List<ColumnType> types, List<String> cells) {
        List<Object> out = new ArrayList<>(List.of(Long.parseLong(cells.get(0)), Long.parseLong(cells.get(1))));
        int i = 2;
        for (ColumnType type : types) {
            Object v = of(type, cells.get(i++));
            if (type == ColumnType.MONEY) {
                String currency = cells.get(i++);
                v = v == null ? null : new Money((BigDecimal) v, currency);
            }
            out.add(v);
        }
        return out;
    }
}
