package dev.cairn.workspace.imports;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.SpoolDirectory;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.write.WriteTx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

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
            out.put(column, c == null || c.isComputed() ? "" : c.name());
        }
        return out;
    }

    /** Imports a CSV file (see the class comment); {@code mapping} overrides file column → table column ("" skips). */
    public ImportResult importCsv(Caller caller, String table, Path csv, Map<String, String> mapping, boolean dryRun) {
        return importCsv(caller, table, csv, mapping, dryRun, false);
    }

    /**
     * Imports a CSV file; with {@code validOnly}, the rows without problems are imported and the others reported
     * (with their row numbers and reasons) instead of importing nothing.
     */
    public ImportResult importCsv(Caller caller, String table, Path csv, Map<String, String> mapping, boolean dryRun,
            boolean validOnly) {
        return run(caller, table, () -> new CsvRows(csv), mapping, dryRun, validOnly);
    }

    /** Imports the first sheet of an XLSX workbook, as {@link #importCsv}. */
    public ImportResult importXlsx(Caller caller, String table, Path xlsx, Map<String, String> mapping,
            boolean dryRun) {
        return importXlsx(caller, table, xlsx, mapping, dryRun, false);
    }

    /** Imports the first sheet of an XLSX workbook, as {@link #importCsv}. */
    public ImportResult importXlsx(Caller caller, String table, Path xlsx, Map<String, String> mapping,
            boolean dryRun, boolean validOnly) {
        return run(caller, table, () -> new XlsxRows(xlsx), mapping, dryRun, validOnly);
    }

    ImportResult run(Caller caller, String table, Opener opener, Map<String, String> overrides, boolean dryRun) {
        return run(caller, table, opener, overrides, dryRun, false);
    }

    ImportResult run(Caller caller, String table, Opener opener, Map<String, String> overrides, boolean dryRun,
            boolean validOnly) {
        ImportResult result = importRows(caller, table, opener, overrides, dryRun, validOnly);
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
     * precisely, so every error names its row, and nothing is stored. With {@code validOnly}, a first pass finds every
     * problem row (against stored records too) and a second one writes the others.
     */
    private ImportResult importRows(Caller caller, String table, Opener opener, Map<String, String> overrides,
            boolean dryRun, boolean validOnly) {
        return WriteTx.runAlone(jdbi, caller, clock, tx -> {
            TableDef t = schema.require(tx.handle(), caller.workspaceId(), table);
            if (validOnly && !dryRun) {
                ImportCheck found = pass(tx, t, opener, overrides, null, Set.of(), ImportCheck.REPORT_ERRORS);
                found.againstDatabase(tx.handle(), Long.MAX_VALUE, true);
                if (found.errorCount() > 0) {
                    return importValid(tx, t, opener, overrides, found);
                }
            }
            ImportWriter writing = dryRun ? null : new ImportWriter(tx, t, schema);
            ImportCheck check = pass(tx, t, opener, overrides, writing, Set.of(), ImportCheck.MAX_ERRORS);
            return dryRun ? diagnose(tx, check, null) : conclude(tx, t, check, writing);
        });
    }

    /** Writes the rows {@code found} has no problem with; reports its problems. */
    private ImportResult importValid(WriteTx tx, TableDef t, Opener opener, Map<String, String> overrides,
            ImportCheck found) {
        ImportWriter writing = new ImportWriter(tx, t, schema);
        ImportCheck rest = pass(tx, t, opener, overrides, writing, found.badLines(), ImportCheck.MAX_ERRORS);
        int inserted = rest.rows() - found.badLines().size();
        if (inserted > 0) {
            conclude(tx, t, rest, writing);
        } else {
            writing.discard();
        }
        return found.result(false, inserted);
    }

    /** Reads and checks every row, writing through {@code writing} (null: none) while no problem was found. */
    private ImportCheck pass(WriteTx tx, TableDef t, Opener opener, Map<String, String> overrides,
            ImportWriter writing, Set<Integer> skip, int keepErrors) {
        ImportCheck check = new ImportCheck(t, keepErrors, skip);
        try (RowSource rows = opener.open()) {
            ImportMapping plan = ImportMapping.resolve(t, rows.header(), overrides, rows.serialDates(),
                    id -> schema.byId(tx.handle(), id));
            plan.lookUpKeysWith(new NaturalKeys(tx.handle(), id -> schema.byId(tx.handle(), id), plan.keys()));
            check.plan(plan);
            for (List<String> row; (row = rows.next()) != null; ) {
                Map<Long, Object> values = check.row(row, rows.line());
                if (check.rows() > limits.maxRows()) {
                    throw tooLarge();
                }
                if (writing != null && values != null && check.errorCount() == 0) {
                    writing.add(values);
                }
            }
            if (writing != null && check.errorCount() == 0) {
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
        return check;
    }

    /** A dry run's result, or the errors of a failed import after undoing its writes; checks stored records. */
    private static ImportResult diagnose(WriteTx tx, ImportCheck check, ImportWriter writing) {
        if (writing != null) {
            writing.discard();
        }
        check.againstDatabase(tx.handle(), Long.MAX_VALUE, true);
        if (writing == null) {
            return check.result(true, 0);
        }
        if (check.errorCount() > 0) {
            throw check.failure();
        }
        throw new IllegalStateException("the database refused the import: " + writing.refused().getMessage(),
                writing.refused());
    }

    /** Keeps a fully written import if its references hold (else diagnoses); refreshes statistics of large ones. */
    private static ImportResult conclude(WriteTx tx, TableDef t, ImportCheck check, ImportWriter writing) {
        if (check.errorCount() == 0 && writing.refused() == null) {
            check.againstDatabase(tx.handle(), writing.firstId(), false);
            if (check.errorCount() > 0) {
                throw check.failure();
            }
            writing.commitIds();
            if (check.rows() >= ANALYZE_AFTER) {
                tx.handle().execute("ANALYZE " + t.sql());
            }
            return check.result(false, check.rows());
        }
        return diagnose(tx, check, writing);
    }

}
