package dev.cairn.workspace.records;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.DisplayColumn;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.ValueText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Records by their display value ({@link DisplayColumn}) and back: the names of given record ids, read in batches of
 * {@link #BATCH}, and the ids of the records a name (as people type it) names. Stateless.
 */
public final class RecordNames {
    /** Ids per statement (well below every dialect's limit on parameters). */
    static final int BATCH = 500;

    private RecordNames() {
    }

    /**
     * The display value of each record of {@code ids} in {@code t} that exists; an empty display value reads
     * {@code #id}. Missing records are left out.
     */
    public static Map<Long, String> of(Handle h, TableDef t, Collection<Long> ids) {
        Optional<Column> shown = DisplayColumn.of(t);
        List<Long> all = ids.stream().distinct().toList();
        Map<Long, String> out = new HashMap<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Long> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            String select = shown.map(c -> "id, " + c.sql() + (c.type() == dev.cairn.workspace.model.ColumnType.MONEY
                    ? ", " + c.currencySql() : "")).orElse("id");
            h.createQuery("SELECT " + select + " FROM " + t.readSql() + " WHERE id IN (<ids>)").bindList("ids", batch)
                    .map((rs, ctx) -> {
                        long id = rs.getLong("id");
                        String name = shown.isEmpty() ? "" : ValueText.display(Value.of(shown.get().type(),
                                SqlValues.read(rs, shown.get())));
                        return Map.entry(id, name.isBlank() ? DisplayColumn.byId(id) : name);
                    }).forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * The ids of the records of {@code t} that {@code text} names: those whose display value equals it (ignoring case
     * and surrounding spaces), or the record {@code #12} / {@code 12} names when no display value matches. At most
     * {@code max}, by id.
     */
    public static List<Long> find(Handle h, TableDef t, String text, int max) {
        String wanted = text.strip();
        List<Long> out = new ArrayList<>();
        Optional<Column> shown = DisplayColumn.of(t);
        if (shown.isPresent() && shown.get().type().isTextual()) {
            out.addAll(h.createQuery("SELECT id FROM " + t.readSql() + " WHERE LOWER(" + shown.get().sql()
                    + ") = :name ORDER BY id LIMIT " + max).bind("name", wanted.toLowerCase(Locale.ROOT))
                    .mapTo(Long.class).list());
        }
        if (out.isEmpty() && wanted.matches("#?\\d{1,18}")) {
            long id = Long.parseLong(wanted.startsWith("#") ? wanted.substring(1) : wanted);
            h.createQuery("SELECT id FROM " + t.readSql() + " WHERE id = :id").bind("id", id).mapTo(Long.class)
                    .findOne().ifPresent(out::add);
        }
        return out;
    }
}
