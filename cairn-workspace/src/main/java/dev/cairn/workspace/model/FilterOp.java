package dev.cairn.workspace.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Filter operators of listings and reports, by wire name, with the words the pages offer them in. The lists say in
 * which order forms offer them: {@link #FORM_ORDER} for the report builder, {@link #QUICK} for a table view's one
 * filter.
 */
public enum FilterOp {
    EQ("eq", "equals", "is"), NE("ne", "is not"), LT("lt", "less than"), LTE("lte", "at most"),
    GT("gt", "greater than"), GTE("gte", "at least"), CONTAINS("contains", "contains"),
    STARTS_WITH("startswith", "starts with"), IN("in", "is one of (a, b, c)"), EMPTY("empty", "is empty"),
    NOT_EMPTY("notempty", "is not empty");

    /** Every operator, grouped as a form offers them: equality, text, ranges, lists, emptiness. */
    public static final List<FilterOp> FORM_ORDER = List.of(EQ, NE, CONTAINS, STARTS_WITH, LT, LTE, GT, GTE, IN, EMPTY,
            NOT_EMPTY);
    /** The operators of a table view's quick filter. */
    public static final List<FilterOp> QUICK = List.of(CONTAINS, EQ, NE, GT, LT, EMPTY, NOT_EMPTY);

    private final String wireName;
    private final String label;
    private final String quickLabel;

    FilterOp(String wireName, String label) {
        this(wireName, label, label);
    }

    FilterOp(String wireName, String label, String quickLabel) {
        this.wireName = wireName;
        this.label = label;
        this.quickLabel = quickLabel;
    }

    public String wireName() {
        return wireName;
    }

    /** How a form names the operator ("equals", "starts with"). */
    public String label() {
        return label;
    }

    /** How a table view's quick filter names it (shorter where it can be: "is"). */
    public String quickLabel() {
        return quickLabel;
    }

    /** The wire names, for messages: {@code eq ne lt ... notempty}. */
    public static String wireNames() {
        return String.join(" ", Arrays.stream(values()).map(FilterOp::wireName).toList());
    }

    public static Optional<FilterOp> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }

    /** How many values the operator takes: 0, 1, or -1 for one or more. */
    public int arity() {
        return switch (this) {
            case EMPTY, NOT_EMPTY -> 0;
            case IN -> -1;
            default -> 1;
        };
    }

    /** Whether the operator applies to columns of {@code type}. */
    public boolean appliesTo(ColumnType type) {
        if (type == ColumnType.ATTACHMENT) { // a file is there or not; its JSON text is no value to compare
            return this == EMPTY || this == NOT_EMPTY;
        }
        return switch (this) {
            case CONTAINS, STARTS_WITH -> type.isTextual();
            case LT, LTE, GT, GTE -> type != ColumnType.BOOLEAN && type != ColumnType.CHOICE;
            default -> true;
        };
    }
}
