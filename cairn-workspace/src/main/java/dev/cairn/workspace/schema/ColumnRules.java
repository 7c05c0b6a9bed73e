package dev.cairn.workspace.schema;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.InvalidValue;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.ValueRules;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Validation of column definitions and their defaults per type. Stateless. */
final class ColumnRules {
    static final int MAX_SCALE = 6;

    private ColumnRules() {
    }

    /** The longest text a column of {@code type} accepts unless it says less. */
    static int maxLength(ColumnType type) {
        return switch (type) {
            case LONG_TEXT -> 60_000;
            case EMAIL -> 320;
            case PHONE -> 40;
            case CHOICE -> 200;
            default -> 1_000;
        };
    }

    /**
     * The column {@code spec} describes (with id 0), or null if it is invalid; failures go to {@code errors} under
     * {@code path}. {@code tables} resolves a referenced table name to its id (null if there is none); {@code rows} is
     * how many records the table has now (a new required column then needs a default for them).
     */
    static Column check(ColumnSpec spec, String path, List<FieldError> errors, Function<String, Long> tables,
            long rows) {
        int before = errors.size();
        if (spec == null) {
            errors.add(new FieldError(path, "is null; give {name, type, ...}"));
            return null;
        }
        Names.check(spec.name(), path + ".name", errors);
        if (spec.formula() != null || spec.autoNumber() != null) {
            Column c = ComputedRules.check(spec, path, errors);
            return errors.size() > before ? null : c;
        }
        ColumnType type = spec.type();
        if (type == null) {
            errors.add(new FieldError(path + ".type", (spec.unknownType() == null ? "is missing" : "'"
                    + spec.unknownType() + "' is not a column type") + "; use one of " + ColumnType.wireNames()));
            return null;
        }
        List<String> choices = choices(spec, type, path, errors);
        int scale = scale(spec, type, path, errors);
        String currency = currency(spec, type, path, errors);
        Long references = references(spec, type, path, errors, tables);
        boolean unique = Boolean.TRUE.equals(spec.unique());
        if (unique && (type == ColumnType.LONG_TEXT || type == ColumnType.BOOLEAN || type == ColumnType.MONEY
                || type == ColumnType.ATTACHMENT)) {
            errors.add(new FieldError(path + ".unique", type.wireName() + " columns cannot be unique"));
        }
        int maxLength = maxLength(spec, type, path, errors);
        boolean indexed = unique || type == ColumnType.REFERENCE || (spec.indexed() == null
                ? type != ColumnType.LONG_TEXT && type != ColumnType.BOOLEAN && type != ColumnType.ATTACHMENT
                : spec.indexed());
        boolean required = Boolean.TRUE.equals(spec.required());
        Column column = new Column(0, spec.name(), spec.label(), type, required, unique, indexed, choices, scale,
                currency, references, null, maxLength, false);
        Submitted given = spec.defaultValue() == Submitted.CLEAR ? null : spec.defaultValue();
        Value defaultValue = null;
        if (given != null) {
            defaultValue = checkDefault(column, given, path, errors);
        } else if (required && rows > 0) {
            errors.add(new FieldError(path + ".default", "the table has " + rows + " records; a new required column "
                    + "needs a default for them"));
        }
        if (errors.size() > before) {
            return null;
        }
        return column.withDefault(defaultValue);
    }

    /** The default {@code value} read for {@code column}, or null (none, or refused with errors). */
    static Value checkDefault(Column column, Submitted value, String path, List<FieldError> errors) {
        if (column.unique()) {
            errors.add(new FieldError(path + ".default", "a unique column cannot have a default (every record would "
                    + "get the same value)"));
        } else if (column.type() == ColumnType.REFERENCE || column.type() == ColumnType.ATTACHMENT) {
            errors.add(new FieldError(path + ".default", column.type().wireName() + " columns have no default"));
        } else {
            return InvalidValue.readInto(value, column, path + ".default", errors);
        }
        return null;
    }

    private static List<String> choices(ColumnSpec spec, ColumnType type, String path, List<FieldError> errors) {
        if (type != ColumnType.CHOICE) {
            if (spec.choices() != null) {
                errors.add(new FieldError(path + ".choices", "only choice columns have choices"));
            }
            return List.of();
        }
        return checkChoices(spec.choices(), path + ".choices", errors);
    }

    static List<String> checkChoices(List<String> choices, String path, List<FieldError> errors) {
        if (choices == null || choices.isEmpty()) {
            errors.add(new FieldError(path, "a choice column needs a non-empty list of choices"));
            return List.of();
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < choices.size(); i++) {
            String c = choices.get(i);
            if (c == null || c.isBlank() || c.length() > maxLength(ColumnType.CHOICE)) {
                errors.add(new FieldError(path + "[" + i + "]", "a choice is 1 to 200 characters"));
            } else if (!seen.add(c)) {
                errors.add(new FieldError(path + "[" + i + "]", "'" + c + "' is listed twice"));
            }
        }
        return choices.stream().filter(c -> c != null).toList();
    }

    private static int scale(ColumnSpec spec, ColumnType type, String path, List<FieldError> errors) {
        boolean scaled = type == ColumnType.DECIMAL || type == ColumnType.MONEY;
        if (spec.scale() == null) {
            return scaled ? 2 : 0;
        }
        if (!scaled) {
            errors.add(new FieldError(path + ".scale", "only decimal and money columns have a scale"));
        } else if (spec.scale() < 0 || spec.scale() > MAX_SCALE) {
            errors.add(new FieldError(path + ".scale", "must be 0 to " + MAX_SCALE));
        }
        return spec.scale();
    }

    private static String currency(ColumnSpec spec, ColumnType type, String path, List<FieldError> errors) {
        if (spec.currency() == null) {
            return null;
        }
        if (type != ColumnType.MONEY) {
            errors.add(new FieldError(path + ".currency", "only money columns have a currency"));
            return null;
        }
        String code = spec.currency().toUpperCase(Locale.ROOT);
        if (!ValueRules.isCurrency(code)) {
            errors.add(new FieldError(path + ".currency", "'" + spec.currency() + "' is not an ISO 4217 currency code"));
        }
        return code;
    }

    private static Long references(ColumnSpec spec, ColumnType type, String path, List<FieldError> errors,
            Function<String, Long> tables) {
        if (type != ColumnType.REFERENCE) {
            if (spec.references() != null) {
                errors.add(new FieldError(path + ".references", "only reference columns reference a table"));
            }
            return null;
        }
        if (spec.references() == null) {
            errors.add(new FieldError(path + ".references", "is missing; name the table this column points to"));
            return null;
        }
        Long id = tables.apply(spec.references());
        if (id == null) {
            errors.add(new FieldError(path + ".references", "no table '" + spec.references() + "' in this workspace"));
        }
        return id;
    }

    private static int maxLength(ColumnSpec spec, ColumnType type, String path, List<FieldError> errors) {
        int limit = maxLength(type);
        if (spec.maxLength() == null) {
            return limit;
        }
        if (!type.isTextual()) {
            errors.add(new FieldError(path + ".maxLength", "only text-like columns have a maximum length"));
        } else if (spec.maxLength() < 1 || spec.maxLength() > limit) {
            errors.add(new FieldError(path + ".maxLength", "must be 1 to " + limit + " for " + type.wireName()));
        }
        return spec.maxLength();
    }
}
