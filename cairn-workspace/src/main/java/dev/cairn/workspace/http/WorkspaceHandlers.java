package dev.cairn.workspace.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Json;
import dev.cairn.workspace.imports.Importer;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.records.RecordQuery;
import dev.cairn.workspace.records.RecordService;
import dev.cairn.workspace.schema.Purger;
import dev.cairn.workspace.schema.TableService;
import dev.cairn.workspace.schema.Templates;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The records workspace API: tables and records ({@code /api/v1/workspace/tables/...}). The guard has already resolved
 * the workspace and checked the role ({@link WorkspaceCalls}). Record responses carry the version as {@code ETag};
 * updates take it from {@code If-Match} or the body's {@code version}.
 */
final class WorkspaceHandlers {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final TableService tables;
    private final RecordService records;
    private final Templates templates;
    private final Importer importer;
    private final Purger purger;

    WorkspaceHandlers(TableService tables, RecordService records, Templates templates, Importer importer,
            Purger purger) {
        this.tables = tables;
        this.records = records;
        this.templates = templates;
        this.importer = importer;
        this.purger = purger;
    }

    /** {@code POST /api/v1/workspace/purge}: irreversibly drops deleted tables and removed columns with their data. */
    void purge(Context ctx) {
        write(ctx, 200, purger.purge(WorkspaceCalls.caller(ctx)));
    }

    /**
     * {@code POST .../tables/{table}/import?dryRun=true&map=File column:column} with a {@code text/csv} or XLSX body: 200 with
     * the report on a dry run, 201 when imported, 422 with every problem (nothing imported), 413 past the limits. With
     * {@code onlyValid=true} the rows without problems are imported (201) and the others reported in {@code errors}.
     * {@code map=File column:reference.key} names the records of a reference by that column of the referenced table.
     */
    void importRecords(Context ctx) throws java.io.IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        boolean xlsx = type.startsWith(XLSX);
        if (!xlsx && !type.startsWith("text/csv")) {
            throw new ServiceException(dev.cairn.protocol.ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the file as text/csv "
                    + "(UTF-8, first row naming the columns) or as " + XLSX + " (first sheet)");
        }
        boolean dryRun = "true".equalsIgnoreCase(ctx.queryParam("dryRun"));
        boolean onlyValid = "true".equalsIgnoreCase(ctx.queryParam("onlyValid"));
        Map<String, String> mapping = new java.util.LinkedHashMap<>();
        for (String m : ctx.queryParams("map")) {
            int colon = m.lastIndexOf(':');
            if (colon < 0) {
                throw ValidationException.of("map", "'" + m + "' is not 'File column:table_column'");
            }
            mapping.put(m.substring(0, colon), m.substring(colon + 1));
        }
        java.nio.file.Path file = importer.spool(ctx.bodyInputStream(), ctx.req().getContentLengthLong());
        try {
            var caller = WorkspaceCalls.caller(ctx);
            write(ctx, dryRun ? 200 : 201, xlsx
                    ? importer.importXlsx(caller, ctx.pathParam("table"), file, mapping, dryRun, onlyValid)
                    : importer.importCsv(caller, ctx.pathParam("table"), file, mapping, dryRun, onlyValid));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    void listTemplates(Context ctx) {
        write(ctx, 200, templates.list());
    }

    /**
     * {@code POST .../templates/{template}?samples=true&currency=USD}: creates the template's tables (201), all or
     * none, money in the currency (default EUR), then sample records if asked.
     */
    void applyTemplate(Context ctx) {
        write(ctx, 201, templates.apply(WorkspaceCalls.caller(ctx), ctx.pathParam("template"),
                "true".equals(ctx.queryParam("samples")), ctx.queryParam("currency")));
    }

    void listTables(Context ctx) {
        write(ctx, 200, tables.list(WorkspaceCalls.caller(ctx)));
    }

    void createTable(Context ctx) {
        write(ctx, 201, tables.create(WorkspaceCalls.caller(ctx), Json.read(ctx, TableBodies.Table.class).spec()));
    }

    void getTable(Context ctx) {
        write(ctx, 200, tables.get(WorkspaceCalls.caller(ctx), ctx.pathParam("table")));
    }

    void patchTable(Context ctx) {
        write(ctx, 200, tables.patch(WorkspaceCalls.caller(ctx), ctx.pathParam("table"),
                Json.read(ctx, TableBodies.Patch.class).patch()));
    }

    void deleteTable(Context ctx) {
        tables.delete(WorkspaceCalls.caller(ctx), ctx.pathParam("table"));
        ctx.status(204);
    }

    /** {@code GET .../records?filter=col:op:value&sort=-col&q=text&limit=50&offset=0} */
    void listRecords(Context ctx) {
        RecordQuery query = ListingParams.query(ctx.queryParams("filter"), ctx.queryParam("sort"), ctx.queryParam("q"),
                intParam(ctx, "limit", RecordQuery.DEFAULT_LIMIT), intParam(ctx, "offset", 0));
        write(ctx, 200, records.list(WorkspaceCalls.caller(ctx), ctx.pathParam("table"), query));
    }

    void createRecord(Context ctx) {
        writeRecord(ctx, 201, records.create(WorkspaceCalls.caller(ctx), ctx.pathParam("table"),
                RecordBodies.create(Json.readTree(ctx))));
    }

    void getRecord(Context ctx) {
        writeRecord(ctx, 200, records.get(WorkspaceCalls.caller(ctx), ctx.pathParam("table"), id(ctx)));
    }

    void patchRecord(Context ctx) {
        JsonNode body = Json.readTree(ctx);
        var caller = WorkspaceCalls.caller(ctx);
        long id = id(ctx);
        Long version = RecordBodies.version(ifMatch(ctx), body);
        writeRecord(ctx, 200, records.update(caller, ctx.pathParam("table"), id, version, RecordBodies.update(body)));
    }

    void deleteRecord(Context ctx) {
        records.delete(WorkspaceCalls.caller(ctx), ctx.pathParam("table"), id(ctx), ifMatch(ctx));
        ctx.status(204);
    }

    void history(Context ctx) {
        write(ctx, 200, records.history(WorkspaceCalls.caller(ctx), ctx.pathParam("table"), id(ctx)));
    }

    void restore(Context ctx) {
        writeRecord(ctx, 200, records.restore(WorkspaceCalls.caller(ctx), ctx.pathParam("table"), id(ctx)));
    }

    void deleted(Context ctx) {
        write(ctx, 200, records.deleted(WorkspaceCalls.caller(ctx), ctx.pathParam("table")));
    }

    static void write(Context ctx, int status, Object body) {
        ctx.header("X-Content-Type-Options", "nosniff");
        Json.write(ctx, status, body);
    }

    private static void writeRecord(Context ctx, int status, Record record) {
        ctx.header("ETag", "\"" + record.version() + "\"");
        write(ctx, status, record);
    }

    private static long id(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ServiceException.notFound("no record '" + raw + "': record ids are positive whole numbers");
    }

    /** The version in {@code If-Match}: {@code "3"}, {@code W/"3"} or {@code 3}; null if absent. */
    static Long ifMatch(Context ctx) {
        String raw = ctx.header("If-Match");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.strip();
        v = v.startsWith("W/") ? v.substring(2) : v;
        v = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ValidationException.of("If-Match", "'" + raw + "' is not a record version; send \"<version>\"");
        }
    }

    static int intParam(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ValidationException.of(name, "'" + raw + "' is not a whole number");
        }
    }
}
