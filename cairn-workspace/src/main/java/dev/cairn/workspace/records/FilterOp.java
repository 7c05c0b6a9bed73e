package dev.cairn.workspace.records;

import java.util.Arrays;
import java.util.Optional;

/** Filter operators of listings and reports, by wire name. */
public enum FilterOp {
    EQ("eq"), NE("ne"), LT("lt"), LTE("lte"), GT("gt"), GTE("gte"), CONTAINS("contains"), STARTS_WITH("startswith"),
    IN("in"), EMPTY("empty"), NOT_EMPTY("notempty");

    private final String wireName;

    FilterOp(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FilterOp> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }

    /** How many values the operator takes: 0, 1, or -1 for one or more. */
    int arity() {
        return switch (this) {
            case EMPTY, NOT_EMPTY -> 0;
            case IN -> -1;
            default -> 1;
        };
    }

    /** Whether the operator applies to columns of {@code type}. */
    public boolean appliesTo(ColumnType type) {
        return switch (this) {
            case CONTAINS, STARTS_WITH -> type.isTextual();
            case LT, LTE, GT, GTE -> type != ColumnType.BOOLEAN && type != ColumnType.CHOICE;
            default -> true;
        };
    }
}
