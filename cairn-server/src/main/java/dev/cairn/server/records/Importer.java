package dev.cairn.server.records;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Bulk import of a file into one table: map file columns to table columns, check every row (types, required,
 * unique within the file and against stored records, references), then insert all rows in one transaction with
 * batched statements, or none. A dry run does the checks and reports without storing. The file is read twice (check,
 * then insert) from a spooled copy, so memory holds only the unique values and referenced ids, not the rows.
 * Holds the workspace's write lock for the whole import. Thread-safe.
 */
public final class Importer {
    /** Limits of one import. */
    public record Limits(long maxBytes, int maxRows) {
    }

    public static final Limits DEFAULT_LIMITS = new Limits(64L << 20, 1_000_000);
    static final int MAX_ERRORS = 100;
    private static final int PREVIEW = 5;
    private static final int IN_CHUNK = 500;
    /**
     * Bulk imports of at least this many rows refresh the table's planner statistics: without them SQLite assumes an
     * equality filter on a low-cardinality column is selective and sorts a quarter of the table instead of walking the
     * sort column's index.
     */
    private static final int ANALYZE_AFTER = 10_000;

    private final Jdbi jdbi;
    private final Schema schema;
    private final InstantSource clock;
    private final Limits limits;
    private final Runnable statisticsChanged;

    public Importer(Jdbi jdbi, Schema schema, InstantSource clock, Limits limits, Runnable statisticsChanged) {
        this.jdbi = jdbi;
        this.schema = schema;
        this.clock = clock;
        this.limits = limits;
        this.statisticsChanged = statisticsChanged;
    }

    /** Opens the rows of the spooled file, once per pass. */
    @FunctionalInterface
    interface Opener {
        RowSource open() throws IOException;
    }

    /**
     * Copies an upload to a temporary file, refusing it (413 {@code too-large}) past {@link Limits#maxBytes()}. The
     * caller deletes the file.
     */
    public Path spool(InputStream body, long contentLength) throws IOException {
        if (contentLength > limits.maxBytes()) {
            throw tooLarge();
        }
        Path file = Files.createTempFile("cairn-import", ".tmp");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
                if (total > limits.maxBytes()) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private ServiceException tooLarge() {
        return new ServiceException(ErrorCode.TOO_LARGE, "imports are limited to " + (limits.maxBytes() >> 20)
                + " MiB and " + limits.maxRows() + " rows; split the file and import the parts");
    }

    /** The first row (the column names) of a spooled CSV or XLSX (first sheet) file. */
    public List<String> header(Path file, boolean xlsx) throws IOException {
        try (RowSource rows = xlsx ? new XlsxRows(file) : new CsvRows(file)) {
            return rows.header();
        }
    }

    /**
     * For each file column, the table column it feeds by default (by name, label or name with underscores), or ""
     * where none matches: what a mapping form starts from.
     */
    public Map<String, String> suggest(Caller caller, String table, List<String> header) {
        TableDef t = jdbi.withHandle(h -> schema.require(h, caller.workspaceId(), table));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String column : header) {
            Column c = ImportMapping.match(t, column);
            out.put(column, c == null ? "" : c.name());
        }
        return out;
    }

    /** Imports a CSV file (see the class comment); {@code mapping} overrides file column → table column ("" skips). */
    public ImportResult importCsv(Caller caller, String table, Path csv, Map<String, String> mapping, boolean dryRun) {
        return run(caller, table, () -> new CsvRows(csv), mapping, dryRun);
    }

    /** Imports the first sheet of an XLSX workbook, as {@link #importCsv}. */
    public ImportResult importXlsx(Caller caller, String table, Path xlsx, Map<String, String> mapping,
            boolean dryRun) {
        return run(caller, table, () -> new XlsxRows(xlsx), mapping, dryRun);
    }

    ImportResult run(Caller caller, String table, Opener opener, Map<String, String> overrides, boolean dryRun) {
        ImportResult result = check(caller, table, opener, overrides, dryRun);
        if (result.inserted() >= ANALYZE_AFTER) {
            statisticsChanged.run();
        }
        return result;
    }

    private ImportResult check(Caller caller, String table, Opener opener, Map<String, String> overrides,
            boolean dryRun) {
        return WriteTx.run(jdbi, caller, clock, tx -> {
            TableDef t = schema.require(tx.h, caller.workspaceId(), table);
            Check check = new Check(t);
            try (RowSource rows = opener.open()) {
                check.plan = ImportMapping.resolve(t, rows.header(), overrides, rows.serialDates());
                for (List<String> row; (row = rows.next()) != null; ) {
                    check.row(row, rows.line());
                    if (check.rows > limits.maxRows()) {
                        throw tooLarge();
                    }
                }
            } catch (IOException e) {
                throw ValidationException.of("(file)", e.getMessage());
            }
            check.againstDatabase(tx.h);
            if (dryRun) {
                return check.result(true, 0);
            }
            if (check.errorCount > 0) {
                throw new ValidationException(check.errorCount + " problem(s) in the file, nothing was imported; first: "
                        + check.errors.getFirst().field() + ": " + check.errors.getFirst().message(), check.errors);
            }
            insertAll(tx, t, check.plan, opener, check.rows);
            if (check.rows >= ANALYZE_AFTER) {
                tx.h.execute("ANALYZE " + t.sql());
            }
            return check.result(false, check.rows);
        });
    }

    private void insertAll(WriteTx tx, TableDef t, ImportMapping plan, Opener opener, int count) {
        if (count == 0) {
            return;
        }
        long id = firstIds(tx.h, t, count);
        long seq = tx.reserve(count);
        MultiRowInsert rows = new MultiRowInsert(tx.h, rowPrefix(t), 4 + physicalColumns(t));
        MultiRowInsert changes = new MultiRowInsert(tx.h, CHANGE_PREFIX, 8);
        try (RowSource source = opener.open()) {
            source.header();
            for (List<String> row; (row = source.next()) != null; ) {
                if (ImportMapping.isBlank(row)) {
                    continue;
                }
                Map<Long, Object> values = plan.values(row, source.line(), new ArrayList<>());
                List<Object> args = new ArrayList<>(List.of(id, 1L, tx.now, tx.now));
                for (Column c : t.allColumns()) {
                    args.addAll(java.util.Arrays.asList(Values.toSql(c, values.get(c.id()))));
                }
                rows.add(args);
                changes.add(List.of(tx.workspaceId(), seq, t.id(), id, tx.caller.accountId(), tx.caller.accountName(),
                        tx.now, RowSql.toHistory(t, values)));
                id++;
                seq++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.flush();
        changes.flush();
    }

    private static int physicalColumns(TableDef t) {
        return t.allColumns().stream().mapToInt(c -> c.type() == ColumnType.MONEY ? 2 : 1).sum();
    }

    private static String rowPrefix(TableDef t) {
        List<String> names = new ArrayList<>(List.of("id", "version", "created_at", "updated_at"));
        for (Column c : t.allColumns()) {
            names.add(c.sql());
            if (c.type() == ColumnType.MONEY) {
                names.add(c.currencySql());
            }
        }
        return "INSERT INTO " + t.sql() + " (" + String.join(", ", names) + ") VALUES ";
    }

    private static final String CHANGE_PREFIX = "INSERT INTO ws_changes (workspace_id, seq, table_id, record_id, op, "
            + "version, actor_id, actor, at, new_values) VALUES ";

    /**
     * Buffers rows and writes them with multi-row {@code INSERT ... VALUES (...), (...)} statements of up to
     * {@link #ROWS_PER_STATEMENT} rows (and at most {@link #MAX_PARAMETERS} bound values), which both dialects execute
     * several times faster than one statement per row.
     */
    private static final class MultiRowInsert {
        private static final int ROWS_PER_STATEMENT = 500;
        private static final int MAX_PARAMETERS = 30_000;
        private final Handle h;
        private final String prefix;
        private final int width;
        private final int perStatement;
        private final List<List<Object>> pending = new ArrayList<>();
        private String fullSql;

        MultiRowInsert(Handle h, String prefix, int width) {
            this.h = h;
            this.prefix = prefix;
            this.width = width;
            this.perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, MAX_PARAMETERS / width));
        }

        void add(List<Object> row) {
            pending.add(row);
            if (pending.size() == perStatement) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            String sql = pending.size() == perStatement && fullSql != null ? fullSql : sql(pending.size());
            if (pending.size() == perStatement) {
                fullSql = sql;
            }
            var update = h.createUpdate(sql);
            int i = 0;
            for (List<Object> row : pending) {
                for (Object v : row) {
                    update.bind(i++, v);
                }
            }
            update.execute();
            pending.clear();
        }

        private String sql(int rows) {
            String one = prefix.startsWith(CHANGE_PREFIX) ? "(?, ?, ?, ?, 'insert', 1, ?, ?, ?, ?)"
                    : "(" + String.join(", ", java.util.Collections.nCopies(width, "?")) + ")";
            return prefix + String.join(", ", java.util.Collections.nCopies(rows, one));
        }
    }

    /**
     * Reserves {@code count} record ids after every id the table ever handed out (so deleted ids are never reused and
     * later inserts do not collide). Safe because the caller holds the workspace's write lock.
     */
    private long firstIds(Handle h, TableDef t, int count) {
        if (schema.dialect() == Dialect.SQLITE) {
            return h.createQuery("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = :t), 0)")
                    .bind("t", t.sql()).mapTo(Long.class).one() + 1;
        }
        String sequence = h.createQuery("SELECT pg_get_serial_sequence(:t, 'id')").bind("t", t.sql())
                .mapTo(String.class).one();
        long first = h.createQuery("SELECT nextval(:s)").bind("s", sequence).mapTo(Long.class).one();
        h.createQuery("SELECT setval(:s, :last)").bind("s", sequence).bind("last", first + count - 1)
                .mapTo(Long.class).one();
        return first;
    }

    /** The check pass: parsed rows, errors, and what must be checked against stored records. */
    private static final class Check {
        final TableDef table;
        ImportMapping plan;
        int rows;
        int errorCount;
        final java.util.Set<Integer> badLines = new java.util.HashSet<>();
        int line = 1;
        final List<FieldError> errors = new ArrayList<>();
        final Map<Integer, Map<String, Object>> preview = new LinkedHashMap<>();
        final Map<Long, Map<Object, Integer>> unique = new HashMap<>();
        final Map<Long, Map<Long, Integer>> references = new HashMap<>();

        Check(TableDef table) {
            this.table = table;
        }

        void row(List<String> cells, int line) {
            if (ImportMapping.isBlank(cells)) {
                return;
            }
            rows++;
            List<FieldError> found = new ArrayList<>();
            Map<Long, Object> values = plan.values(cells, line, found);
            for (Column c : table.columns()) {
                Object v = values.get(c.id());
                if (v == null) {
                    continue;
                }
                if (c.unique()) {
                    Integer first = unique.computeIfAbsent(c.id(), k -> new HashMap<>()).putIfAbsent(v, line);
                    if (first != null) {
                        found.add(new FieldError("row " + line + ": " + c.name(), "'" + Values.toWire(c, v)
                                + "' repeats row " + first + "; values of this column are unique"));
                    }
                }
                if (c.type() == ColumnType.REFERENCE) {
                    references.computeIfAbsent(c.id(), k -> new HashMap<>()).putIfAbsent((Long) v, line);
                }
            }
            if (found.isEmpty() && preview.size() < PREVIEW * 4) {
                Map<String, Object> shown = RowSql.toApi(table, new StoredRow(0, 1, values));
                shown.remove("id");
                shown.remove("version");
                preview.put(line, shown);
            }
            add(found);
        }

        void add(List<FieldError> found) {
            errorCount += found.size();
            for (FieldError e : found) {
                String f = e.field();
                if (f.startsWith("row ") && f.indexOf(':') > 4) {
                    badLines.add(Integer.parseInt(f.substring(4, f.indexOf(':'))));
                }
                if (errors.size() < MAX_ERRORS) {
                    errors.add(e);
                }
            }
        }

        void againstDatabase(Handle h) {
            List<FieldError> found = new ArrayList<>();
            for (var e : unique.entrySet()) {
                Column c = table.columnById(e.getKey()).orElseThrow();
                for (List<Object> chunk : chunks(new ArrayList<>(e.getValue().keySet()))) {
                    String marks = String.join(", ", chunk.stream().map(x -> "?").toList());
                    var q = h.createQuery("SELECT " + c.sql() + " FROM " + table.sql() + " WHERE " + c.sql() + " IN ("
                            + marks + ")");
                    for (int i = 0; i < chunk.size(); i++) {
                        q.bind(i, Values.toSqlScalar(c, chunk.get(i)));
                    }
                    q.map((rs, ctx) -> Values.read(rs, c)).forEach(v -> found.add(new FieldError("row "
                            + e.getValue().get(v) + ": " + c.name(), "'" + Values.toWire(c, v)
                            + "' is already used by a stored record; values of this column are unique")));
                }
            }
            for (var e : references.entrySet()) {
                Column c = table.columnById(e.getKey()).orElseThrow();
                String target = "r_" + c.references();
                for (List<Long> chunk : chunks(new ArrayList<>(e.getValue().keySet()))) {
                    String marks = String.join(", ", chunk.stream().map(x -> "?").toList());
                    var q = h.createQuery("SELECT id FROM " + target + " WHERE id IN (" + marks + ")");
                    for (int i = 0; i < chunk.size(); i++) {
                        q.bind(i, chunk.get(i));
                    }
                    var existing = new java.util.HashSet<>(q.mapTo(Long.class).list());
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

        ImportResult result(boolean dryRun, int inserted) {
            Map<String, String> mapping = new LinkedHashMap<>(plan.used());
            List<Map<String, Object>> shown = preview.entrySet().stream().filter(e -> !badLines.contains(e.getKey()))
                    .limit(PREVIEW).map(Map.Entry::getValue).toList();
            return new ImportResult(dryRun, rows, rows - badLines.size(), inserted, errorCount, errors, mapping, shown);
        }
    }
}
