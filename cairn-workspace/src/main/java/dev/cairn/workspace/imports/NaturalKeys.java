package dev.cairn.workspace.imports;

import dev.cairn.workspace.model.CellSyntax;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Computed;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.InvalidValue;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Reference cells that name a record by a natural key instead of its id: an auto-number ({@code SO-1001}), a unique
 * column ({@code W-100}, an email) or the display column (a name), tried in that order unless the mapping names the
 * key ({@code map=Customer:customer.email}). A whole number or {@code #12} stays a record id. The key must name
 * exactly one stored record; records of the same import are not found by it. Each distinct key is looked up once
 * (bound parameters, columns by id). Not thread-safe; one per import.
 */
final class NaturalKeys {
    private static final Pattern ID = Pattern.compile("#?\\d{1,18}");
    private final Handle h;
    private final LongFunction<TableDef> tables;
    private final Map<Long, String> chosen;
    private final Map<String, Object> found = new HashMap<>();
    private final Map<Long, TableDef> targets = new HashMap<>();

    /** @param chosen reference column id → the key column of its table the mapping chose */
    NaturalKeys(Handle h, LongFunction<TableDef> tables, Map<Long, String> chosen) {
        this.h = h;
        this.tables = tables;
        this.chosen = chosen;
    }

    /** Whether a reference cell is a record id rather than a key. */
    static boolean isId(String text) {
        return ID.matcher(text.strip()).matches();
    }

    /** The id of the stored record {@code text} names through reference {@code ref}; null and an error if none. */
    Long resolve(Column ref, String text, String path, List<FieldError> errors) {
        String key = text.strip();
        Object hit = found.computeIfAbsent(ref.id() + "\u0000" + key, k -> lookup(ref, key));
        if (hit instanceof Long id) {
            return id;
        }
        errors.add(new FieldError(path, (String) hit));
        return null;
    }

    /** The id, or the problem as text. */
    private Object lookup(Column ref, String key) {
        TableDef target = targets.computeIfAbsent(ref.references(), tables::apply);
        List<Column> keys = keyColumns(target, chosen.get(ref.id()));
        for (Column k : keys) {
            List<Long> ids = match(target, k, key);
            if (ids.size() == 1) {
                return ids.getFirst();
            }
            if (ids.size() > 1) {
                return "'" + key + "' matches several records of '" + target.name() + "' by " + k.name() + "; use a "
                        + "unique column or the record's id";
            }
        }
        return "no record of '" + target.name() + "' has '" + key + "' as its "
                + String.join(" or ", keys.stream().map(Column::name).toList()) + " (nor is it a record id)";
    }

    /** The columns a key is looked up in, in order. */
    static List<Column> keyColumns(TableDef target, String chosenName) {
        if (chosenName != null) {
            return target.column(chosenName).map(List::of).orElse(List.of());
        }
        List<Column> out = new ArrayList<>();
        target.columns().stream().filter(c -> c.computed() instanceof Computed.AutoNumber).forEach(out::add);
        target.columns().stream().filter(c -> c.unique() && !c.isComputed()).forEach(out::add);
        display(target).filter(c -> !out.contains(c)).ifPresent(out::add);
        return out;
    }

    /** The column people know a record by: the one the pages name records by ({@link DisplayColumn}), if it is text. */
    static java.util.Optional<Column> display(TableDef t) {
        return dev.cairn.workspace.model.DisplayColumn.of(t).filter(c -> c.type() == ColumnType.TEXT);
    }

    private List<Long> match(TableDef target, Column k, String key) {
        if (k.computed() instanceof Computed.AutoNumber a) {
            String rest = key.regionMatches(true, 0, a.prefix(), 0, a.prefix().length())
                    ? key.substring(a.prefix().length()) : null;
            if (rest == null || !rest.matches("\\d{1,18}")) {
                return List.of();
            }
            long id = Long.parseLong(rest) - a.start() + 1;
            return id < 1 ? List.of() : h.createQuery("SELECT id FROM " + target.sql() + " WHERE id = :id")
                    .bind("id", id).mapTo(Long.class).list();
        }
        Value v;
        try {
            v = CellSyntax.read(k, key, k.name());
        } catch (InvalidValue e) {
            return List.of();
        }
        if (v == null) {
            return List.of();
        }
        String from = k.isComputed() ? target.readSql() : target.sql();
        Object bound = SqlValues.toSqlScalar(k, v.canonical());
        List<Long> exact = h.createQuery("SELECT id FROM " + from + " WHERE " + k.sql() + " = :v ORDER BY id LIMIT 2")
                .bind("v", bound).mapTo(Long.class).list();
        if (!exact.isEmpty() || !k.type().isTextual()) {
            return exact;
        }
        // then ignoring case ("acme trading" for "Acme Trading"), which reads the table without the index
        return h.createQuery("SELECT id FROM " + from + " WHERE LOWER(" + k.sql() + ") = :v ORDER BY id LIMIT 2")
                .bind("v", ((String) bound).toLowerCase(Locale.ROOT)).mapTo(Long.class).list();
    }
}
