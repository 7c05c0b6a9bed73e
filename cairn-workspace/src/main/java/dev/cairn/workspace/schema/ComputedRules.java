package dev.cairn.workspace.schema;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.FieldError;
import java.util.List;

/**
 * The rules of computed column definitions (ADR 42): a formula or an auto-number, never both, and none of the
 * options of stored values (required, unique, default, choices, ...): the database computes the value. A formula is
 * only read here; {@link FormulaColumns} checks it against the tables once the batch's columns have ids. Stateless.
 */
final class ComputedRules {
    static final int MAX_PREFIX = 20;
    static final long MAX_START = 1_000_000_000_000L;
    static final int MAX_DIGITS = 12;

    private ComputedRules() {
    }

    /** The column (id 0, a formula still as typed, type text until checked), or null with errors under path. */
    static Column check(ColumnSpec spec, String path, List<FieldError> errors) {
        if (spec.formula() != null && spec.autoNumber() != null) {
            errors.add(new FieldError(path, "a column has a formula or an auto-number, not both"));
            return null;
        }
        String kind = spec.formula() != null ? "a formula column" : "an auto-number column";
        if (spec.type() != null && spec.formula() != null) {
            errors.add(new FieldError(path + ".type", kind + " gets its type from the formula; leave the type out"));
        }
        if (Boolean.TRUE.equals(spec.required()) || Boolean.TRUE.equals(spec.unique()) || spec.choices() != null
                || spec.scale() != null || spec.currency() != null || spec.references() != null
                || spec.defaultValue() != null || spec.maxLength() != null || Boolean.TRUE.equals(spec.indexed())) {
            errors.add(new FieldError(path, kind + " is computed: it has no required, unique, indexed, default, "
                    + "choices, scale, currency, references or maximum length"));
        }
        if (spec.formula() != null) {
            if (spec.formula().isBlank()) {
                errors.add(new FieldError(path + ".formula", "the formula is empty"));
            }
            return new Column(0, spec.name(), spec.label(), ColumnType.TEXT, false, false, false, List.of(), 0, null,
                    null, null, 0, false, new Computed.Formula(spec.formula()));
        }
        return autoNumber(spec, path, errors);
    }

    private static Column autoNumber(ColumnSpec spec, String path, List<FieldError> errors) {
        if (spec.type() != null && spec.type() != ColumnType.TEXT) {
            errors.add(new FieldError(path + ".type", "an auto-number is text such as SO-1001; leave the type out"));
        }
        var a = spec.autoNumber();
        String prefix = a.prefix() == null ? "" : a.prefix();
        long start = a.start() == null ? 1 : a.start();
        int digits = a.digits() == null ? 0 : a.digits();
        if (prefix.length() > MAX_PREFIX || prefix.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(path + ".autoNumber.prefix", "a prefix is at most " + MAX_PREFIX
                    + " characters, without line breaks"));
        }
        if (start < 0 || start > MAX_START) {
            errors.add(new FieldError(path + ".autoNumber.start", "must be 0 to " + MAX_START));
        }
        if (digits < 0 || digits > MAX_DIGITS) {
            errors.add(new FieldError(path + ".autoNumber.digits", "must be 0 to " + MAX_DIGITS));
        }
        return new Column(0, spec.name(), spec.label(), ColumnType.TEXT, false, false, false, List.of(), 0, null, null,
                null, ColumnRules.maxLength(ColumnType.TEXT), false, new Computed.AutoNumber(prefix, start, digits));
    }
}
