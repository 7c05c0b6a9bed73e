package dev.cairn.workspace.records;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.query.Condition;
import dev.cairn.workspace.query.Conditions;
import java.util.ArrayList;
import java.util.List;

/**
 * A listing request: conditions (all must hold), sort keys (then by id), a quick search over the textual columns (null:
 * none) and the page ({@code limit} 1 to {@link #MAX_LIMIT} records from {@code offset}).
 */
public record RecordQuery(List<FilterInput> filters, List<Sort> sort, String search, int limit, int offset) {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 50;

    public RecordQuery {
        filters = List.copyOf(filters);
        sort = List.copyOf(sort);
    }

    /** The first {@code limit} records in id order. */
    public static RecordQuery first(int limit) {
        return new RecordQuery(List.of(), List.of(), null, limit, 0);
    }

    /** The resolved conditions; failures are collected under {@code filter[i]}. */
    List<Condition> conditions(TableDef table, List<FieldError> errors) {
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Condition c = resolve(table, filters.get(i), "filter[" + i + "]", errors);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static Condition resolve(TableDef table, FilterInput filter, String path, List<FieldError> errors) {
        String name = switch (filter) {
            case Filter f -> f.column();
            case FilterInput.Unreadable u -> u.column();
        };
        var column = name == null ? null : table.column(name).orElse(null);
        if (name != null && column == null) {
            errors.add(new FieldError(path, "no column '" + name + "'"));
            return null;
        }
        return switch (filter) {
            case Filter f -> Conditions.of(column, f.op(), f.values(), path, errors);
            case FilterInput.Unreadable u -> {
                errors.add(new FieldError(path, u.problem()));
                yield null;
            }
        };
    }

    /** Resolved sort keys (column null means the record id). */
    record SortKey(Column column, boolean descending) {
    }

    List<SortKey> sortKeys(TableDef table, List<FieldError> errors) {
        List<SortKey> keys = new ArrayList<>();
        for (Sort s : sort) {
            if (s.column().equals("id")) {
                keys.add(new SortKey(null, s.descending()));
                continue;
            }
            var column = table.column(s.column());
            if (column.isEmpty()) {
                errors.add(new FieldError("sort", "no column '" + s.column() + "'"));
            } else {
                keys.add(new SortKey(column.get(), s.descending()));
            }
        }
        return keys;
    }

    void checkPaging(List<FieldError> errors) {
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be 1 to " + MAX_LIMIT));
        }
        if (offset < 0) {
            errors.add(new FieldError("offset", "must be 0 or more"));
        }
    }
}
