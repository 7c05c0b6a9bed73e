package dev.cairn.workspace.query;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.FilterOp;
import java.util.List;

/**
 * One filter on a column: {@code values} are canonical values of the column's type (money: the amount). {@code alias}
 * is the SQL table alias the column belongs to (null: the statement's default).
 */
public record Condition(Column column, FilterOp op, List<Object> values, String alias) {
    public Condition(Column column, FilterOp op, List<Object> values) {
        this(column, op, values, null);
    }

    public Condition on(String tableAlias) {
        return new Condition(column, op, values, tableAlias);
    }
}
