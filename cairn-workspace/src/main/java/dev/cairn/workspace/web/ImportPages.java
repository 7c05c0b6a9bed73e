package dev.cairn.workspace.web;

import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.imports.ImportResult;
import dev.cairn.workspace.imports.UnreadableFileException;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.RecordViews.Option;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The import page: upload a CSV or XLSX file, see how its columns map onto the table's (pre-filled by matching names
 * and labels), change the mapping, check it (a dry run that lists every problem with its row and column), then import
 * it, all rows or none. The file is sent once and kept between the steps ({@link ImportUploads}). Thread-safe.
 */
public final class ImportPages {
    private final WsScope scope;
    private final WorkspaceModule ws;
    private final ImportUploads uploads;

    ImportPages(WsScope scope, WorkspaceModule ws, ImportUploads uploads) {
        this.scope = scope;
        this.ws = ws;
        this.uploads = uploads;
    }

    /** A file column and the table column it feeds (the select's options). */
    public record MappingRow(int index, String fileColumn, List<Option> targets) {
    }

    /** {@code GET .../tables/{table}/import} */
    public void page(Context ctx) {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        render(ctx, 200, c, t, null, null, List.of(), null, null, null);
    }

    /**
     * {@code POST .../tables/{table}/import}: a multipart upload (then a dry run with the default mapping), or the
     * mapping form of a kept upload with {@code action} {@code check} or {@code import}.
     */
    public void upload(Context ctx) throws IOException {
        Caller c = scope.caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        String id;
        Map<String, String> mapping;
        boolean importNow = "import".equals(ctx.formParam("action")) || "import-valid".equals(ctx.formParam("action"));
        boolean onlyValid = "import-valid".equals(ctx.formParam("action"));
        UploadedFile file = ctx.contentType() != null && ctx.contentType().startsWith("multipart/")
                ? ctx.uploadedFile("file") : null;
        if (file != null) {
            id = keep(ctx, c, t, file);
            mapping = null;
            importNow = false;
        } else {
            id = ctx.formParam("upload");
            mapping = new LinkedHashMap<>();
        }
        ImportUploads.Upload u = uploads.get(id, c.accountId(), c.workspaceId(), t.name());
        List<String> header;
        try {
            header = ws.importer().header(u.file(), u.xlsx());
        } catch (UnreadableFileException e) {
            uploads.drop(id);
            render(ctx, 422, c, t, null, null, List.of(), "The file could not be read as " + (u.xlsx() ? "XLSX"
                    : "CSV") + ": " + e.getMessage() + ".", null, null);
            return;
        }
        if (mapping == null) { // first look: the matches by name; a file column matching none is reported
            mapping = new LinkedHashMap<>(ws.importer().suggest(c, t.name(), header));
            mapping.values().removeIf(String::isEmpty);
        } else {
            for (int i = 0; i < header.size(); i++) {
                String target = ctx.formParam("map_" + i);
                mapping.put(header.get(i), target == null ? "" : target.strip());
            }
        }
        run(ctx, c, t, id, u, header, mapping, importNow, onlyValid);
    }

    private String keep(Context ctx, Caller c, TableSpec t, UploadedFile file) throws IOException {
        String name = file.filename() == null ? "" : file.filename();
        boolean xlsx = name.toLowerCase(Locale.ROOT).endsWith(".xlsx") || file.contentType() != null
                && file.contentType().contains("spreadsheetml");
        Path spooled;
        try (InputStream in = file.content()) {
            spooled = ws.importer().spool(in, file.size());
        }
        return uploads.keep(spooled, xlsx, name, c.accountId(), c.workspaceId(), t.name());
    }

    private void run(Context ctx, Caller c, TableSpec t, String id, ImportUploads.Upload u, List<String> header,
            Map<String, String> mapping, boolean importNow, boolean onlyValid) {
        List<MappingRow> rows = mappingRows(c, t, header, mapping);
        try {
            ImportResult result = u.xlsx() ? ws.importer().importXlsx(c, t.name(), u.file(), mapping, !importNow,
                    onlyValid) : ws.importer().importCsv(c, t.name(), u.file(), mapping, !importNow, onlyValid);
            if (importNow) {
                uploads.drop(id);
            }
            render(ctx, importNow ? 201 : 200, c, t, importNow ? null : id, u.fileName(), rows, null, result,
                    result.errors());
        } catch (ValidationException e) {
            render(ctx, e.code().status(), c, t, id, u.fileName(), rows, named(t, summary(e)), null, e.errors()
                    .stream().map(x -> new FieldError(x.field(), named(t, x.message()))).toList());
        } catch (ServiceException e) {
            render(ctx, e.code().status(), c, t, id, u.fileName(), rows, e.getMessage(), null, List.of());
        }
    }

    private List<MappingRow> mappingRows(Caller c, TableSpec t, List<String> header, Map<String, String> mapping) {
        List<MappingRow> rows = new ArrayList<>();
        Map<String, List<ColumnSpec>> keys = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String target = mapping.getOrDefault(header.get(i), "");
            List<Option> options = new ArrayList<>();
            options.add(new Option("", "(skip this column)", target.isEmpty()));
            for (ColumnSpec col : t.columns()) {
                if (col.formula() != null || col.autoNumber() != null) {
                    continue; // computed by the database
                }
                options.add(new Option(col.name(), Labels.of(col),
                        col.name().equals(target)));
                if (col.references() != null) {
                    for (ColumnSpec key : keys.computeIfAbsent(col.references(), name -> keyColumns(c, name))) {
                        String value = col.name() + "." + key.name();
                        options.add(new Option(value, Labels.of(col) + " by its " + Labels.of(key), value.equals(target)));
                    }
                }
            }
            rows.add(new MappingRow(i, header.get(i), options));
        }
        return rows;
    }

    /**
     * What went wrong, as a sentence above the list of problems: the exception's summary without its first problem
     * (which the list shows, in this page's words).
     */
    /** {@code message} with the table's machine name ('customers') replaced by what people call it (Customers). */
    private static String named(TableSpec t, String message) {
        return message.replace("table '" + t.name() + "'", Labels.of(t)).replace("'" + t.name() + "'", Labels.of(t));
    }

    private static String summary(ValidationException e) {
        String message = e.getMessage();
        if (!e.errors().isEmpty()) {
            int cut = message.indexOf(": " + e.errors().getFirst().field() + ": ");
            message = (cut < 0 ? message : message.substring(0, cut)) + "; the problems are listed below";
        }
        return dev.cairn.server.web.Format.sentence(message);
    }

    /**
     * A problem as this page puts it: the API's hints ({@code map=Colour:<column>}) become what to do in the mapping
     * form below, the "where" reads as words, and the message is a sentence.
     */
    static FieldError inPageWords(FieldError e) {
        String message = e.message()
                .replaceAll("; map it with map=.*:<column> or skip it with map=.*:$",
                        "; choose its table column under \u201cColumns\u201d above, or \u201c(skip this column)\u201d")
                .replaceAll("; skip it with map=.*:$",
                        "; choose \u201c(skip this column)\u201d for it under \u201cColumns\u201d above");
        String where = switch (e.field()) {
            case "map" -> "File columns";
            case "(file)" -> "File";
            default -> e.field().startsWith("row ") ? "Row " + e.field().substring(4) : e.field();
        };
        return new FieldError(where, dev.cairn.server.web.Format.sentence(message));
    }

    /** The columns of {@code table} a reference's cells can name records by: auto-numbers, unique and text columns. */
    private List<ColumnSpec> keyColumns(Caller c, String table) {
        return ws.tables().get(c, table).columns().stream().filter(k -> k.autoNumber() != null
                || Boolean.TRUE.equals(k.unique()) || k.type() == ColumnType.TEXT && k.formula() == null).toList();
    }

    private void render(Context ctx, int status, Caller c, TableSpec t, String id, String fileName,
            List<MappingRow> rows, String problem, ImportResult result, List<FieldError> errors) {
        List<String> columns = t.columns().stream().map(col -> col.name()).toList();
        List<List<String>> preview = new ArrayList<>();
        if (result != null) {
            for (Map<String, Value> r : result.preview()) {
                preview.add(columns.stream().map(n -> Labels.display(r.get(n))).toList());
            }
        }
        scope.pages().render(ctx, status, "wsImport.jte", scope.chrome(ctx, "Import into "
                + Labels.of(t)), "ws", WsScope.view(c), "table", t.name(), "title",
                Labels.of(t), "upload", id, "fileName", fileName, "mapping", rows, "problem", problem,
                "result", result, "errors", errors == null ? List.of() : errors.stream().map(ImportPages::inPageWords)
                        .toList(), "columns", columns,
                "preview", preview, "report", result != null && !result.dryRun() && result.errorCount() > 0
                        ? ProblemReport.dataUri(result.errors()) : null);
    }
}
