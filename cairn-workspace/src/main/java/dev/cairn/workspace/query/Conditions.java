package dev.cairn.workspace.query;

import dev.cairn.workspace.model.CellSyntax;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.FilterOp;
import java.util.ArrayList;
import java.util.List;

/** Filters of listings and reports resolved against a column: the operator checked, the values parsed. Stateless. */
public final class Conditions {
    private Conditions() {
    }

    /** A condition from text values (filters, report definitions); null with errors under {@code path} if invalid. */
    public static Condition of(Column column, FilterOp op, List<String> texts, String path, List<FieldError> errors) {
        if (!op.appliesTo(column.type())) {
            errors.add(new FieldError(path, "'" + op.wireName() + "' does not apply to " + column.type().wireName()
                    + " column '" + column.name() + "'"));
            return null;
        }
        if (op.arity() == 0 && !texts.isEmpty() || op.arity() == 1 && texts.size() != 1
                || op.arity() < 0 && texts.isEmpty()) {
            errors.add(new FieldError(path, "'" + op.wireName() + "' takes " + (op.arity() == 0 ? "no value"
                    : op.arity() == 1 ? "one value" : "one or more values")));
            return null;
        }
        int before = errors.size();
        List<Object> values = new ArrayList<>();
        for (String text : texts) {
            Column asValue = column.type() == ColumnType.MONEY ? amountOf(column) : column;
            Object v = op == FilterOp.CONTAINS || op == FilterOp.STARTS_WITH ? text
                    : CellSyntax.readInto(asValue, text, path, errors);
            if (v == null && errors.size() == before) {
                errors.add(new FieldError(path, "give a value, or use 'empty'"));
            }
            values.add(v);
        }
        return errors.size() > before ? null : new Condition(column, op, values);
    }

    /** Money filters compare the amount: a decimal view of the column. */
    private static Column amountOf(Column money) {
        return new Column(money.id(), money.name(), money.label(), ColumnType.DECIMAL, false, false, false, List.of(),
                money.scale(), null, null, null, 0, false);
    }
}
