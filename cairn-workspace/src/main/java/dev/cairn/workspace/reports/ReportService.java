package dev.cairn.workspace.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.FilterOp;
import dev.cairn.workspace.model.StoredJson;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.query.SqlText;
import dev.cairn.workspace.schema.Schema;
import dev.cairn.workspace.write.WriteTx;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Saved reports: definitions stored with column ids (renames never break them; removing a column a report uses is
 * refused), and their results, computed by the database in one statement ({@link ReportPlan}). Saving and deleting
 * are logged in the change log like schema changes. Thread-safe.
 */
public final class ReportService {
    private final Jdbi jdbi;
    private final Jdbi reads;
    private final Schema schema;
    private final InstantSource clock;

    public ReportService(Jdbi jdbi, Jdbi reads, Schema schema, InstantSource clock) {
        this.jdbi = jdbi;
        this.reads = reads;
        this.schema = schema;
        this.clock = clock;
    }

    public List<ReportSpec> list(Caller caller) {
        return reads.withHandle(h -> h.createQuery("SELECT id FROM ws_reports WHERE workspace_id = :w ORDER BY name")
                .bind("w", caller.workspaceId()).mapTo(Long.class).list().stream().map(id -> load(h, caller, id))
                .toList());
    }

    public ReportSpec get(Caller caller, long id) {
        return reads.withHandle(h -> load(h, caller, id));
    }

    private ReportSpec load(Handle h, Caller caller, long id) {
        Map<String, Object> row = h.createQuery("SELECT name, table_id, definition FROM ws_reports WHERE id = :id AND "
                + "workspace_id = :w").bind("id", id).bind("w", caller.workspaceId()).mapToMap().findOne()
                .orElseThrow(() -> ServiceException.notFound("no report " + id + " in this workspace"));
        TableDef t = schema.byId(h, ((Number) row.get("table_id")).longValue());
        return StoredReports.toSpec(h, schema, t, id, (String) row.get("name"),
                StoredJson.read((String) row.get("definition")));
    }

    public ReportSpec create(Caller caller, ReportSpec spec) {
        return WriteTx.run(jdbi, caller, clock, tx -> {
            Handle h = tx.handle();
            Resolved r = resolve(h, caller, spec);
            requireFreeName(h, caller, spec.name(), null);
            long id = h.createQuery("INSERT INTO ws_reports (workspace_id, name, table_id, definition, created_at, "
                    + "updated_at) VALUES (:w, :n, :t, :d, :now, :now) RETURNING id").bind("w", caller.workspaceId())
                    .bind("n", spec.name()).bind("t", r.table.id()).bind("d", r.plan.toStored().toString())
                    .bind("now", tx.now()).mapTo(Long.class).one();
            tx.log(r.table.id(), null, "report", null, null, reportLog(id, spec.name(), r.plan));
            return load(h, caller, id);
        });
    }

    public ReportSpec update(Caller caller, long id, ReportSpec spec) {
        return WriteTx.run(jdbi, caller, clock, tx -> {
            Handle h = tx.handle();
            ReportSpec before = load(h, caller, id);
            Resolved r = resolve(h, caller, spec);
            requireFreeName(h, caller, spec.name(), id);
            h.createUpdate("UPDATE ws_reports SET name = :n, table_id = :t, definition = :d, updated_at = :now "
                    + "WHERE id = :id").bind("n", spec.name()).bind("t", r.table.id())
                    .bind("d", r.plan.toStored().toString()).bind("now", tx.now()).bind("id", id).execute();
            tx.log(r.table.id(), null, "report", null, StoredJson.write(before), reportLog(id, spec.name(), r.plan));
            return load(h, caller, id);
        });
    }

    public void delete(Caller caller, long id) {
        WriteTx.run(jdbi, caller, clock, tx -> {
            ReportSpec before = load(tx.handle(), caller, id);
            tx.handle().createUpdate("DELETE FROM ws_reports WHERE id = :id").bind("id", id).execute();
            long tableId = schema.require(tx.handle(), caller.workspaceId(), before.table()).id();
            tx.log(tableId, null, "report", null, StoredJson.write(before), null);
            return null;
        });
    }

    /** Computes a saved report. */
    public ReportResult run(Caller caller, long id) {
        return reads.withHandle(h -> compute(h, caller, load(h, caller, id)));
    }

    /**
     * Computes a saved report restricted to one referenced row ({@code fixed}; null: all rows). The restriction is
     * added to the report's own filters. It fails closed: if the column is no longer a live reference column of the
     * report's table (removed, or the report now reads another table), nothing is computed.
     *
     * @throws ServiceException {@code gone} in that case
     */
    public ReportResult run(Caller caller, long id, FixedRow fixed) {
        return reads.withHandle(h -> {
            ReportSpec spec = load(h, caller, id);
            if (fixed == null) {
                return compute(h, caller, spec);
            }
            Column column = schema.require(h, caller.workspaceId(), spec.table()).columnById(fixed.columnId())
                    .filter(c -> !c.removed() && c.type() == ColumnType.REFERENCE)
                    .orElseThrow(() -> new ServiceException(ErrorCode.GONE, "the report no longer has the column "
                            + "this result was restricted to"));
            List<ReportSpec.Filter> filters = new ArrayList<>(spec.filters() == null ? List.of() : spec.filters());
            filters.add(new ReportSpec.Filter(column.name(), FilterOp.EQ.wireName(),
                    LongNode.valueOf(fixed.recordId()), null));
            String who = dev.cairn.workspace.records.RecordNames.of(h, schema.byId(h, column.references()),
                    List.of(fixed.recordId())).getOrDefault(fixed.recordId(), "#" + fixed.recordId());
            return compute(h, caller, spec.withFilters(filters)).restricted("Only rows of " + column.title() + ": "
                    + who);
        });
    }

    /**
     * Checks a restriction of report {@code id} to one referenced row: {@code column} must be a reference column of
     * the report's table and {@code recordId} a record of the table it references.
     *
     * @throws ValidationException naming {@code fixedTo.column} or {@code fixedTo.record}
     */
    public FixedRow fixedRow(Caller caller, long id, String column, long recordId) {
        return reads.withHandle(h -> {
            TableDef t = schema.require(h, caller.workspaceId(), load(h, caller, id).table());
            Column c = t.column(column == null ? "" : column).filter(col -> col.type() == ColumnType.REFERENCE)
                    .orElseThrow(() -> ValidationException.of("fixedTo.column", "'" + column + "' is not a reference "
                            + "column of '" + t.name() + "'; choose one of " + t.columns().stream()
                            .filter(col -> col.type() == ColumnType.REFERENCE).map(Column::name).toList()));
            TableDef target = schema.byId(h, c.references());
            if (h.createQuery("SELECT id FROM " + target.sql() + " WHERE id = :id").bind("id", recordId)
                    .mapTo(Long.class).findOne().isEmpty()) {
                throw ValidationException.of("fixedTo.record", "'" + target.name() + "' has no record " + recordId);
            }
            return new FixedRow(c.id(), recordId);
        });
    }

    /** Computes a definition without saving it (live preview). */
    public ReportResult preview(Caller caller, ReportSpec spec) {
        return reads.withHandle(h -> compute(h, caller, spec));
    }

    private ReportResult compute(Handle h, Caller caller, ReportSpec spec) {
        Resolved r = resolve(h, caller, spec);
        SqlText sql = ReportSql.sql(r.plan, schema.dialect());
        List<List<Value>> rows = sql.bindAll(h.createQuery(sql.toString())).map((rs, ctx) -> ReportSql.read(r.plan, rs))
                .list();
        SqlText totalsSql = ReportSql.totalsSql(r.plan, schema.dialect());
        long[] matched = {0};
        List<List<Value>> totals = totalsSql.bindAll(h.createQuery(totalsSql.toString())).map((rs, ctx) -> {
            matched[0] += rs.getLong("n");
            return ReportSql.readTotals(r.plan, rs);
        }).list();
        boolean anyTotal = ReportSql.totalled(r.plan).stream().anyMatch(java.util.Objects::nonNull);
        return new ReportResult(spec.name(), r.table.name(), Instant.ofEpochMilli(clock.millis()),
                r.plan.resultColumns(), rows, anyTotal && matched[0] > 0 ? totals : List.of(), matched[0],
                r.plan.filterWords, recordNames(h, r.plan, rows));
    }

    /** The display values of the records the result's reference columns point to, by result column index. */
    private Map<Integer, Map<Long, String>> recordNames(Handle h, ReportPlan plan, List<List<Value>> rows) {
        Map<Integer, Map<Long, String>> out = new java.util.HashMap<>();
        List<ReportPlan.Field> fields = plan.outputFields();
        for (int i = 0; i < fields.size(); i++) {
            Column c = fields.get(i).column();
            if (c.type() != ColumnType.REFERENCE) {
                continue;
            }
            int column = i;
            List<Long> ids = rows.stream().map(row -> row.get(column)).filter(v -> v instanceof Value.Reference)
                    .map(v -> ((Value.Reference) v).id()).toList();
            out.put(i, dev.cairn.workspace.records.RecordNames.of(h, schema.byId(h, c.references()), ids));
        }
        return out;
    }

    private record Resolved(TableDef table, ReportPlan plan) {
    }

    private Resolved resolve(Handle h, Caller caller, ReportSpec spec) {
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 200) {
            throw ValidationException.of("name", "give the report a name of 1 to 200 characters");
        }
        if (spec.table() == null) {
            throw ValidationException.of("table", "is missing; name the table the report reads");
        }
        TableDef t = schema.require(h, caller.workspaceId(), spec.table());
        return new Resolved(t, ReportPlan.resolve(h, schema, t, spec));
    }

    private static void requireFreeName(Handle h, Caller caller, String name, Long self) {
        boolean taken = h.createQuery("SELECT id FROM ws_reports WHERE workspace_id = :w AND name = :n")
                .bind("w", caller.workspaceId()).bind("n", name).mapTo(Long.class).findOne()
                .filter(id -> !id.equals(self)).isPresent();
        if (taken) {
            throw new ServiceException(ErrorCode.ALREADY_EXISTS, "a report named '" + name + "' exists already");
        }
    }

    private static String reportLog(long id, String name, ReportPlan plan) {
        JsonNode stored = plan.toStored();
        return StoredJson.MAPPER.createObjectNode().put("report", id).put("name", name).set("definition", stored)
                .toString();
    }
}
