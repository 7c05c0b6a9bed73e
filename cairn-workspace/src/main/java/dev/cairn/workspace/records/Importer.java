package dev.cairn.workspace.records;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.SpoolDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Bulk import of a file into one table: map file columns to table columns, check every row (types, required,
 * unique within the file and against stored records, references), and insert all rows in one transaction, or none
 * (ADR 15). Each imported record gets its own {@code insert} entry in the change log, like a record created through the
 * API. A dry run does the checks and reports without storing. The spooled file is read once; memory holds only the
 * unique values and referenced ids, not the rows. Holds the workspace's write lock for the whole import. Thread-safe.
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
    private final SpoolDirectory spool;

    /** @param spool where uploads are copied before import (swept of leftovers) */
    public Importer(Jdbi jdbi, Schema schema, InstantSource clock, Limits limits, Runnable statisticsChanged,
            SpoolDirectory spool) {
        this.jdbi = jdbi;
        this.spool = spool;
        this.schema = schema;
        this.clock = clock;
        this.limits = limits;
        this.statisticsChanged = statisticsChanged;
    }

    /** Opens the rows of the spooled file. */
    @FunctionalInterface
    interface Opener {
        RowSource open() throws IOException;
    }

    /**
     * Copies an upload to a new file in the spool directory (readable by the server's user only), refusing it (413
     * {@code too-large}) past {@link Limits#maxBytes()}. The caller deletes the file.
     */
    public Path spool(InputStream body, long contentLength) throws IOException {
        if (contentLength > limits.maxBytes()) {
            throw tooLarge();
        }
        Path file = spool.newFile("import-");
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
        ImportResult result = importRows(caller, table, opener, overrides, dryRun);
        if (result.inserted() >= ANALYZE_AFTER) {
            statisticsChanged.run();
        }
        return result;
    }

    /**
     * One streaming pass over the file: each row is parsed and checked, and, while no problem has been found, written
     * at once through a {@link BulkInsert} behind a savepoint. Unique values are then guaranteed against stored records
     * by the columns' unique indexes; references are checked against the database after the pass. On any problem (or a
     * dry run, or a write the database refuses) the savepoint is rolled back and the stored records are checked
     * precisely, so every error names its row, and nothing is stored.
     */
    private ImportResult importRows(Caller caller, String table, Opener opener, Map<String, String> overrides,
            boolean dryRun) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> {
            TableDef t = schema.require(tx.h, caller.workspaceId(), table);
            Check check = new Check(t);
            Writing writing = dryRun ? null : new Writing(tx, t);
            try (RowSource rows = opener.open()) {
                check.plan = ImportMapping.resolve(t, rows.header(), overrides, rows.serialDates());
                for (List<String> row; (row = rows.next()) != null; ) {
                    Map<Long, Object> values = check.row(row, rows.line());
                    if (check.rows > limits.maxRows()) {
                        throw tooLarge();
                    }
                    if (writing != null && values != null && check.errorCount == 0) {
                        writing.add(values);
                    }
                }
                if (writing != null && check.errorCount == 0) {
                    writing.finish();
                }
            } catch (UnreadableFileException e) {
                throw ValidationException.of("(file)", e.getMessage());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot read the spooled import file", e);
            } finally {
                if (writing != null) {
                    writing.close();
                }
            }
            return dryRun ? diagnose(tx, check, null) : conclude(tx, t, check, writing);
        });
    }

    /** A dry run's result, or the errors of a failed import after undoing its writes; checks stored records. */
    private static ImportResult diagnose(WriteTx tx, Check check, Writing writing) {
        if (writing != null) {
            writing.discard();
        }
        check.againstDatabase(tx.h, Long.MAX_VALUE, true);
        if (writing == null) {
            return check.result(true, 0);
        }
        if (check.errorCount > 0) {
            throw check.failure();
        }
        throw new IllegalStateException("the database refused the import: " + writing.refused.getMessage(),
                writing.refused);
    }

    /** Keeps a fully written import if its references hold (else diagnoses); refreshes statistics of large ones. */
    private static ImportResult conclude(WriteTx tx, TableDef t, Check check, Writing writing) {
        if (check.errorCount == 0 && writing.refused == null) {
            check.againstDatabase(tx.h, writing.firstId, false);
            if (check.errorCount > 0) {
                throw check.failure();
            }
            writing.commitIds();
            if (check.rows >= ANALYZE_AFTER) {
                tx.h.execute("ANALYZE " + t.sql());
            }
            return check.result(false, check.rows);
        }
        return diagnose(tx, check, writing);
    }

    /** The write side of an import: ids, sequence numbers, the bulk writer and its savepoint. */
    private final class Writing {
        private static final String SAVEPOINT = "cairn_import";
        final WriteTx tx;
        final TableDef table;
        final long firstId;
        final HistoryJson history;
        long nextId;
        final boolean rebuildIndexes;
        BulkInsert insert;
        Exception refused;

        Writing(WriteTx tx, TableDef table) {
            this.tx = tx;
            this.table = table;
            this.firstId = firstId(tx.h, table);
            this.nextId = firstId;
            this.history = new HistoryJson(table);
            tx.h.savepoint(SAVEPOINT);
            this.rebuildIndexes = isEmpty(tx.h, table);
            if (rebuildIndexes) {
                schema.dropIndexes(tx.h, table);
            }
            try {
                this.insert = BulkInsert.open(tx, table, schema.dialect());
            } catch (SQLException e) {
                refused = e;
            }
        }

        void add(Map<Long, Object> values) {
            if (refused != null) {
                return;
            }
            long id = nextId++;
            try {
                insert.add(id, tx.reserve(1), values, history.write(values));
            } catch (SQLException e) {
                refused = e;
            }
        }

        void finish() {
            if (refused == null) {
                try {
                    insert.finish();
                    if (rebuildIndexes) {
                        schema.createIndexes(tx.h, table);
                    }
                } catch (SQLException | JdbiException e) {
                    refused = e;
                }
            }
        }

        void close() {
            try {
                if (insert != null) {
                    insert.close();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot end the bulk insert: " + e.getMessage(), e);
            }
        }

        /** Undoes every row written so far; the transaction stays usable for the diagnosis. */
        void discard() {
            tx.h.rollbackToSavepoint(SAVEPOINT);
        }

        /** Moves the table's id sequence past the ids this import used, so later inserts do not collide. */
        void commitIds() {
            tx.h.releaseSavepoint(SAVEPOINT);
            if (schema.dialect() == Dialect.POSTGRES) {
                String sequence = tx.h.createQuery("SELECT pg_get_serial_sequence(:t, 'id')").bind("t", table.sql())
                        .mapTo(String.class).one();
                boolean used = nextId > firstId;
                tx.h.createQuery("SELECT setval(:s, :v, :called)").bind("s", sequence)
                        .bind("v", used ? nextId - 1 : firstId).bind("called", used).mapTo(Long.class).one();
            }
        }
    }

    private static boolean isEmpty(Handle h, TableDef t) {
        return h.createQuery("SELECT 1 FROM " + t.sql()).setMaxRows(1).mapTo(Integer.class).findFirst().isEmpty();
    }

    /**
     * The first id for new records: after every id the table ever handed out (so deleted ids are never reused). SQLite's
     * AUTOINCREMENT bookkeeping follows explicit ids by itself; PostgreSQL's sequence is moved by
     * {@link Writing#commitIds()}. Safe because the caller holds the workspace's write lock.
     */
    private long firstId(Handle h, TableDef t) {
        if (schema.dialect() == Dialect.SQLITE) {
            return h.createQuery("SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = :t), 0)")
                    .bind("t", t.sql()).mapTo(Long.class).one() + 1;
        }
        String sequence = h.createQuery("SELECT pg_get_serial_sequence(:t, 'id')").bind("t", t.sql())
                .mapTo(String.class).one();
        return h.createQuery("SELECT nextval(:s)").bind("s", sequence).mapTo(Long.class).one();
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

        final List<Column> live;

        Check(TableDef table) {
            this.table = table;
            this.live = table.columns();
        }

        /** Checks one row; returns its values if it is a data row without problems, else null. */
        Map<Long, Object> row(List<String> cells, int line) {
            if (ImportMapping.isBlank(cells)) {
                return null;
            }
            rows++;
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
            return found.isEmpty() ? values : null;
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
                    String own = c.references() == table.id() ? "id < " + beforeId + " AND " : "";
                    var q = h.createQuery("SELECT id FROM " + target + " WHERE " + own + "id IN (" + marks + ")");
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

        /** The refusal of a real import with problems (the transaction rolls back). */
        ValidationException failure() {
            return new ValidationException(errorCount + " problem(s) in the file, nothing was imported; first: "
                    + errors.getFirst().field() + ": " + errors.getFirst().message(), errors);
        }

        ImportResult result(boolean dryRun, int inserted) {
            Map<String, String> mapping = new LinkedHashMap<>(plan.used());
            List<Map<String, Object>> shown = preview.entrySet().stream().filter(e -> !badLines.contains(e.getKey()))
                    .limit(PREVIEW).map(Map.Entry::getValue).toList();
            return new ImportResult(dryRun, rows, rows - badLines.size(), inserted, errorCount, errors, mapping, shown);
        }
    }
}
