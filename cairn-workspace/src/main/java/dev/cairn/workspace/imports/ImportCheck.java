package dev.cairn.workspace.imports;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.WireValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The check pass of an import: each row's values and in-file problems (types, required, duplicates within the file),
 * the first rows as a preview, and what must be checked against stored records afterwards (unique values, references).
 * Keeps the first {@link #MAX_ERRORS} problems and counts them all. Not thread-safe; one per import.
 */
final class ImportCheck {
    /** Problems kept for the answer (all are counted). */
    static final int MAX_ERRORS = 100;
    /** Problems kept for the report of an import of the valid rows only (downloadable). */
    static final int REPORT_ERRORS = 10_000;
    private final int keepErrors;
    private final Set<Integer> skip;
    private static final int PREVIEW = 5;
    private static final int IN_CHUNK = 500;
    private final TableDef table;
    private final List<Column> live;
    private ImportMapping plan;
    private int rows;
    private int errorCount;
    private final Set<Integer> badLines = new HashSet<>();
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<Integer, Map<String, Value>> preview = new LinkedHashMap<>();
    private final Map<Long, Map<Object, Integer>> unique = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> references = new HashMap<>();

    ImportCheck(TableDef table) {
        this(table, MAX_ERRORS, Set.of());
    }

    /** Keeping {@code keepErrors} problems; the data rows on the {@code skip} lines are counted, not read. */
    ImportCheck(TableDef table, int keepErrors, Set<Integer> skip) {
        this.table = table;
        this.live = table.columns();
        this.keepErrors = keepErrors;
        this.skip = skip;
    }

    /** The lines of the rows with problems. */
    Set<Integer> badLines() {
        return Set.copyOf(badLines);
    }

    /** How the file's columns feed the table's. */
    void plan(ImportMapping mapping) {
        this.plan = mapping;
    }

    /** Data rows read so far. */
    int rows() {
        return rows;
    }

    /** Problems found so far. */
    int errorCount() {
        return errorCount;
    }

    /** Checks one row; returns its values if it is a data row without problems, else null. */
    Map<Long, Object> row(List<String> cells, int line) {
        if (ImportMapping.isBlank(cells)) {
            return null;
        }
        rows++;
        if (skip.contains(line)) {
            return null;
        }
        List<FieldError> found = new ArrayList<>();
        Map<Long, Object> values = plan.values(cells, line, found);
        for (Column c : live) {
            Object v = values.get(c.id());
            if (v == null) {
                continue;
            }
            if (c.unique()) {
                Integer first = unique.computeIfAbsent(c.id(), k -> new HashMap<>()).putIfAbsent(v, line);
                if (first != null) {
                    found.add(new FieldError("row " + line + ": " + c.name(), "'" + WireValues.toWire(v)
                            + "' repeats row " + first + "; values of this column are unique"));
                }
            }
            if (c.type() == ColumnType.REFERENCE) {
                references.computeIfAbsent(c.id(), k -> new HashMap<>()).putIfAbsent((Long) v, line);
            }
        }
        if (found.isEmpty() && preview.size() < PREVIEW * 4) {
            Map<String, Value> shown = new LinkedHashMap<>();
            for (Column c : live) {
                shown.put(c.name(), Value.of(c.type(), values.get(c.id())));
            }
            preview.put(line, shown);
        }
        add(found);
        return found.isEmpty() ? values : null;
    }

    void add(List<FieldError> found) {
        errorCount += found.size();
        for (FieldError e : found) {
            String f = e.field();
            if (f.startsWith("row ") && f.indexOf(':') > 4) {
                badLines.add(Integer.parseInt(f.substring(4, f.indexOf(':'))));
            }
            if (errors.size() < keepErrors) {
                errors.add(e);
            }
        }
    }

    /**
     * Checks the file's references (and, with {@code withUnique}, its unique values) against stored records; a
     * reference must point at a record with an id below {@code beforeId} (this import's own records have ids from
     * there on, and are not referable by it).
     */
    void againstDatabase(Handle h, long beforeId, boolean withUnique) {
        List<FieldError> found = new ArrayList<>();
        for (var e : withUnique ? unique.entrySet() : Map.<Long, Map<Object, Integer>>of().entrySet()) {
            Column c = table.columnById(e.getKey()).orElseThrow();
            for (List<Object> chunk : chunks(new ArrayList<>(e.getValue().keySet()))) {
                String marks = String.join(", ", chunk.stream().map(x -> "?").toList());
                var q = h.createQuery("SELECT " + c.sql() + " FROM " + table.sql() + " WHERE " + c.sql() + " IN ("
                        + marks + ")");
                for (int i = 0; i < chunk.size(); i++) {
                    q.bind(i, SqlValues.toSqlScalar(c, chunk.get(i)));
                }
                q.map((rs, ctx) -> SqlValues.read(rs, c)).forEach(v -> found.add(new FieldError("row "
                        + e.getValue().get(v) + ": " + c.name(), "'" + WireValues.toWire(v)
                        + "' is already used by a stored record; values of this column are unique")));
            }
        }
        for (var e : references.entrySet()) {
            Column c = table.columnById(e.getKey()).orElseThrow();
            String target = "r_" + c.references();
            for (List<Long> chunk : chunks(new ArrayList<>(e.getValue().keySet()))) {
                String marks = String.join(", ", chunk.stream().map(x -> "?").toList());
                String own = c.references() == table.id() ? "id < " + beforeId + " AND " : "";
                var q = h.createQuery("SELECT id FROM " + target + " WHERE " + own + "id IN (" + marks + ")");
                for (int i = 0; i < chunk.size(); i++) {
                    q.bind(i, chunk.get(i));
                }
                var existing = new HashSet<>(q.mapTo(Long.class).list());
                for (Long id : chunk) {
                    if (!existing.contains(id)) {
                        found.add(new FieldError("row " + e.getValue().get(id) + ": " + c.name(), "no record "
                                + id + " in the referenced table (deleted or never created)"));
                    }
                }
            }
        }
        add(found);
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        }
        return out;
    }

    /** The refusal of a real import with problems (the transaction rolls back). */
    ValidationException failure() {
        return new ValidationException(errorCount + " problem(s) in the file, nothing was imported; first: "
                + errors.getFirst().field() + ": " + errors.getFirst().message(), errors);
    }

    ImportResult result(boolean dryRun, int inserted) {
        Map<String, String> mapping = new LinkedHashMap<>(plan.used());
        List<Map<String, Value>> shown = preview.entrySet().stream().filter(e -> !badLines.contains(e.getKey()))
                .limit(PREVIEW).map(Map.Entry::getValue).toList();
        return new ImportResult(dryRun, rows, rows - badLines.size(), inserted, errorCount, errors, mapping, shown);
    }
}
