package dev.cairn.workspace.records;

import dev.cairn.workspace.model.FilterOp;
import java.util.ArrayList;
import java.util.List;

/**
 * One condition of a listing: column {@code column} compared by {@code op} with {@code values} written in the cell
 * syntax of the column's type (money filters compare the amount); {@code in} takes one or more values, {@code empty}
 * and {@code notempty} none.
 */
public record Filter(String column, FilterOp op, List<String> values) implements FilterInput {
    public Filter {
        values = List.copyOf(values);
    }

    public static Filter of(String column, FilterOp op, String... values) {
        return new Filter(column, op, List.of(values));
    }

    /**
     * A filter on {@code column} by {@code op} with its value as typed ({@code text}; null or absent for none): the
     * values of {@code in} are comma-separated, {@code \,} standing for a comma inside a value.
     */
    public static Filter typed(String column, FilterOp op, String text) {
        return new Filter(column, op, text == null ? List.of() : op == FilterOp.IN ? splitList(text) : List.of(text));
    }

    private static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else if (c == ',') {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
