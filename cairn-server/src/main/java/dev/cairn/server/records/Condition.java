package dev.cairn.server.records;

import java.util.List;

/** One filter on a column: {@code values} are canonical values of the column's type (money: the amount). */
record Condition(Column column, FilterOp op, List<Object> values) {
}
