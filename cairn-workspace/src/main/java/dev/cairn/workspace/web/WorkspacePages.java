package dev.cairn.workspace.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.web.Chrome;
import dev.cairn.server.web.Format;
import dev.cairn.server.web.Forms;
import dev.cairn.server.web.Pages;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.http.WorkspaceCalls;
import dev.cairn.workspace.records.Caller;
import dev.cairn.workspace.records.Change;
import dev.cairn.workspace.records.ColumnSpec;
import dev.cairn.workspace.records.FieldError;
import dev.cairn.workspace.records.RecordPage;
import dev.cairn.workspace.records.RecordQuery;
import dev.cairn.workspace.records.TableSpec;
import dev.cairn.workspace.records.Templates;
import dev.cairn.workspace.records.ValidationException;
import dev.cairn.workspace.records.VersionConflictException;
import dev.cairn.workspace.records.WorkspaceRole;
import dev.cairn.workspace.web.RecordViews.Cell;
import dev.cairn.workspace.web.RecordViews.ChangeLine;
import dev.cairn.workspace.web.RecordViews.DeletedRow;
import dev.cairn.workspace.web.RecordViews.Field;
import dev.cairn.workspace.web.RecordViews.Heading;
import dev.cairn.workspace.web.RecordViews.HistoryEntry;
import dev.cairn.workspace.web.RecordViews.Option;
import dev.cairn.workspace.web.RecordViews.Row;
import dev.cairn.workspace.web.RecordViews.Shown;
import dev.cairn.workspace.web.RecordViews.TableRow;
import dev.cairn.workspace.web.RecordViews.TemplateOption;
import dev.cairn.workspace.web.RecordViews.Ws;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records workspace pages: tables list (with the starter templates while empty), table view (paged, sortable,
 * quick search, one column filter), record form generated from the column types (create, edit with the version for
 * optimistic concurrency, delete with confirmation), and record history with restore. Everything works as plain links
 * and forms; htmx swaps the records table in place for paging, sorting and search. The route roles (viewer, editor,
 * owner) are enforced by the guard; pages only hide controls the caller may not use. Thread-safe.
 */
public final class WorkspacePages {
    static final int PAGE_SIZE = 25;
    /** Most rows a reference select offers (and labels are looked up among). */
    static final int REFERENCE_CHOICES = 500;
    private static final Set<String> LABEL_COLUMNS = Set.of("name", "title", "number", "sku", "full_name", "email");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    private final Pages pages;
    private final WorkspaceModule ws;

    WorkspacePages(Pages pages, WorkspaceModule ws) {
        this.pages = pages;
        this.ws = ws;
    }

    /** {@code GET /workspace}: the caller's own workspace. */
    public void home(Context ctx) {
        Pages.seeOther(ctx, "/web/workspace/" + pages.principal(ctx).accountName() + "/tables");
    }

    /** {@code GET .../tables} */
    public void tables(Context ctx) {
        Caller c = caller(ctx);
        List<TableRow> rows = ws.tables().list(c).stream()
                .map(t -> new TableRow(t.name(), labelOf(t), t.columns().size())).toList();
        List<TemplateOption> templates = ws.templates().list().stream().map(t -> new TemplateOption(t.name(), t.title(),
                String.join(", ", t.tables().stream().map(WorkspacePages::labelOf).toList()))).toList();
        List<String[]> others = new ArrayList<>();
        if (!c.workspaceOwner().equals(c.accountName())) {
            others.add(new String[] {c.accountName(), "owner"});
        }
        ws.workspaces().memberships(c.accountId()).stream().filter(m -> !m.account().equals(c.workspaceOwner()))
                .forEach(m -> others.add(new String[] {m.account(), m.role().wireName()}));
        pages.render(ctx, 200, "wsTables.jte", chrome(ctx, "Records"), "ws", view(ctx, c), "tables", rows,
                "templates", templates, "others", others, "notice", notice(ctx));
    }

    /** {@code POST .../templates} with field {@code template}. */
    public void applyTemplate(Context ctx) {
        Caller c = caller(ctx);
        String name = Forms.field(ctx, "template");
        if (name == null || ws.templates().list().stream().noneMatch(t -> t.name().equals(name))) {
            throw ValidationException.of("template", "choose one of the templates");
        }
        ws.templates().apply(c, name);
        Pages.seeOther(ctx, view(ctx, c).base() + "/tables?done=template");
    }

    /** {@code GET .../tables/{table}?q=&sort=&fcol=&fop=&fval=&offset=} */
    public void table(Context ctx) {
        Caller c = caller(ctx);
        Ws v = view(ctx, c);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        String q = param(ctx, "q");
        String sort = param(ctx, "sort");
        String fcol = param(ctx, "fcol");
        String fop = param(ctx, "fop").isEmpty() ? "contains" : param(ctx, "fop");
        String fval = param(ctx, "fval");
        int offset = Math.max(0, intParam(ctx, "offset"));
        List<String> filters = new ArrayList<>();
        if (!fcol.isEmpty() && (!fval.isEmpty() || fop.equals("empty") || fop.equals("notempty"))) {
            filters.add(fcol + ":" + fop + (fop.endsWith("empty") ? "" : ":" + fval));
        }
        String problem = null;
        RecordPage page;
        try {
            page = ws.records().list(c, t.name(), new RecordQuery(filters, sort.isEmpty() ? null : sort,
                    q.isEmpty() ? null : q, PAGE_SIZE, offset));
        } catch (ValidationException e) {
            problem = String.join("; ", e.errors().stream().map(FieldError::message).toList());
            page = ws.records().list(c, t.name(), new RecordQuery(List.of(), null, null, PAGE_SIZE, 0));
        }
        Map<String, Map<Long, String>> refLabels = new HashMap<>();
        List<ColumnSpec> shown = t.columns().stream().filter(col -> !col.type().equals("long_text")).toList();
        Map<String, String> state = new LinkedHashMap<>();
        state.put("q", q);
        state.put("fcol", fcol);
        state.put("fop", fcol.isEmpty() ? "" : fop);
        state.put("fval", fval);
        String here = v.table(t.name());
        List<Heading> headings = new ArrayList<>();
        for (ColumnSpec col : shown) {
            boolean asc = sort.equals(col.name());
            boolean desc = sort.equals("-" + col.name());
            Map<String, String> s = new LinkedHashMap<>(state);
            s.put("sort", asc ? "-" + col.name() : col.name());
            headings.add(new Heading(col.name(), labelOf(col), here + query(s),
                    asc ? "ascending" : desc ? "descending" : null));
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> r : page.records()) {
            long id = ((Number) r.get("id")).longValue();
            List<Cell> cells = new ArrayList<>();
            for (ColumnSpec col : shown) {
                cells.add(cell(c, v, col, r.get(col.name()), refLabels));
            }
            rows.add(new Row(id, v.record(t.name(), id), cells));
        }
        Map<String, String> paging = new LinkedHashMap<>(state);
        paging.put("sort", sort);
        paging.put("offset", String.valueOf(Math.max(0, offset - PAGE_SIZE)));
        String prev = offset > 0 ? here + query(paging) : null;
        paging.put("offset", String.valueOf(offset + PAGE_SIZE));
        String next = page.hasMore() ? here + query(paging) : null;
        List<Option> filterColumns = new ArrayList<>();
        for (ColumnSpec col : t.columns()) {
            filterColumns.add(new Option(col.name(), labelOf(col), col.name().equals(fcol)));
        }
        List<Option> ops = new ArrayList<>();
        for (String[] op : new String[][] {{"contains", "contains"}, {"eq", "is"}, {"ne", "is not"},
                {"gt", "greater than"}, {"lt", "less than"}, {"empty", "is empty"}, {"notempty", "is not empty"}}) {
            ops.add(new Option(op[0], op[1], op[0].equals(fop)));
        }
        List<DeletedRow> deleted = ws.records().deleted(c, t.name()).stream().limit(20).map(d -> {
            long id = ((Number) d.get("id")).longValue();
            return new DeletedRow(id, recordLabel(t, d), Format.time((Instant) d.get("deletedAt"), ""),
                    String.valueOf(d.get("deletedBy")), v.record(t.name(), id) + "/history");
        }).toList();
        pages.render(ctx, problem == null ? 200 : 400, "wsTable.jte", chrome(ctx, labelOf(t)), "ws", v,
                "table", t.name(), "title", labelOf(t), "headings", headings, "rows", rows, "prev", prev,
                "next", next, "from", page.records().isEmpty() ? 0 : offset + 1,
                "to", offset + page.records().size(), "q", q, "sort", sort, "filterColumns", filterColumns,
                "ops", ops, "fval", fval, "problem", problem, "deleted", deleted, "notice", notice(ctx));
    }

    /** {@code GET .../tables/{table}/new} */
    public void newRecord(Context ctx) {
        Caller c = caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        Map<String, String> values = new HashMap<>();
        for (ColumnSpec col : t.columns()) {
            if (col.defaultValue() != null && !col.defaultValue().isNull()) {
                put(values, col, col.defaultValue());
            }
        }
        showForm(ctx, 200, c, t, null, 0, values, Map.of(), null, null);
    }

    /** {@code POST .../tables/{table}/records}: creates, then shows the new record; errors next to the fields. */
    public void create(Context ctx) {
        Caller c = caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        Map<String, String> values = submitted(ctx, t);
        try {
            Map<String, Object> created = ws.records().create(c, t.name(), body(t, values, true));
            Pages.seeOther(ctx, view(ctx, c).record(t.name(), created.get("id")) + "?done=created");
        } catch (ValidationException e) {
            showForm(ctx, e.code().status(), c, t, null, 0, values, fieldErrors(t, e), null, e.getMessage());
        }
    }

    /** {@code GET .../records/{id}}: the edit form for editors, the values for viewers. */
    public void record(Context ctx) {
        Caller c = caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = id(ctx);
        Map<String, Object> r = ws.records().get(c, t.name(), id);
        Map<String, String> values = formValues(t, r);
        showForm(ctx, 200, c, t, id, ((Number) r.get("version")).longValue(), values, Map.of(), null, null);
    }

    /**
     * {@code POST .../records/{id}} with the form's {@code version}: a stale version is refused (409) and the form
     * comes back with the user's values kept and the current ones shown beside each field.
     */
    public void update(Context ctx) {
        Caller c = caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = id(ctx);
        Map<String, String> values = submitted(ctx, t);
        long version = version(ctx);
        try {
            ws.records().update(c, t.name(), id, version, body(t, values, false));
            Pages.seeOther(ctx, view(ctx, c).record(t.name(), id) + "?done=saved");
        } catch (VersionConflictException e) {
            Map<String, Object> current = e.current();
            showForm(ctx, 409, c, t, id, ((Number) current.get("version")).longValue(), values, Map.of(),
                    formValues(t, current), "Someone else changed this record while you were editing it (it is now "
                            + "at version " + current.get("version") + "). Your changes were not saved yet: they are "
                            + "still in the form, with the current values shown under each field that differs. "
                            + "Check them and save again.");
        } catch (ValidationException e) {
            showForm(ctx, e.code().status(), c, t, id, version, values, fieldErrors(t, e), null, e.getMessage());
        }
    }

    /** {@code GET .../records/{id}/delete}: asks first. */
    public void confirmDelete(Context ctx) {
        showDelete(ctx, 200, null);
    }

    private void showDelete(Context ctx, int status, String problem) {
        Caller c = caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = id(ctx);
        Map<String, Object> r = ws.records().get(c, t.name(), id);
        pages.render(ctx, status, "wsDelete.jte", chrome(ctx, "Delete record"), "ws", view(ctx, c), "table",
                t.name(), "title", labelOf(t), "id", id, "label", recordLabel(t, r), "version", r.get("version"),
                "form", problem == null ? Forms.empty() : Forms.empty().message(problem));
    }

    /** {@code POST .../records/{id}/delete} with the version seen on the confirmation page. */
    public void delete(Context ctx) {
        Caller c = caller(ctx);
        String table = ctx.pathParam("table");
        String v = Forms.field(ctx, "version");
        try {
            ws.records().delete(c, table, id(ctx), v == null || v.isBlank() ? null : version(ctx));
        } catch (VersionConflictException e) {
            showDelete(ctx, 409, "The record changed since you asked to delete it (it is now at version "
                    + e.current().get("version") + "). Check it, then confirm again if it should still go.");
            return;
        } catch (ServiceException e) {
            if (e.code() != dev.cairn.protocol.ErrorCode.IN_USE) {
                throw e;
            }
            showDelete(ctx, 409, "This record cannot be deleted: " + e.getMessage());
            return;
        }
        Pages.seeOther(ctx, view(ctx, c).table(table) + "?done=deleted");
    }

    /** {@code GET .../records/{id}/history} */
    public void history(Context ctx) {
        Caller c = caller(ctx);
        TableSpec t = ws.tables().get(c, ctx.pathParam("table"));
        long id = id(ctx);
        List<Change> changes = ws.records().history(c, t.name(), id);
        List<HistoryEntry> entries = new ArrayList<>();
        for (Change ch : changes) {
            Set<String> names = new LinkedHashSet<>();
            if (ch.old() != null) {
                names.addAll(ch.old().keySet());
            }
            if (ch.newValues() != null) {
                names.addAll(ch.newValues().keySet());
            }
            List<ChangeLine> lines = new ArrayList<>();
            for (String name : names) {
                String label = t.columns().stream().filter(col -> col.name().equals(name)).findFirst()
                        .map(WorkspacePages::labelOf).orElse(name + " (removed)");
                lines.add(new ChangeLine(label, display(ch.old() == null ? null : ch.old().get(name)),
                        display(ch.newValues() == null ? null : ch.newValues().get(name))));
            }
            entries.add(new HistoryEntry(ch.op(), ch.version(), ch.actor(), Format.time(ch.at(), ""), lines));
        }
        boolean deleted = !changes.isEmpty() && "delete".equals(changes.getLast().op());
        pages.render(ctx, 200, "wsHistory.jte", chrome(ctx, "History"), "ws", view(ctx, c), "table", t.name(),
                "title", labelOf(t), "id", id, "entries", entries, "deleted", deleted);
    }

    /** {@code POST .../records/{id}/restore} */
    public void restore(Context ctx) {
        Caller c = caller(ctx);
        String table = ctx.pathParam("table");
        long id = id(ctx);
        ws.records().restore(c, table, id);
        Pages.seeOther(ctx, view(ctx, c).record(table, id) + "?done=restored");
    }

    // ---- form rendering and parsing

    private void showForm(Context ctx, int status, Caller c, TableSpec t, Long id, long version,
            Map<String, String> values, Map<String, String> errors, Map<String, String> current, String message) {
        Ws v = view(ctx, c);
        List<Field> fields = new ArrayList<>();
        List<Shown> shown = new ArrayList<>();
        Map<String, Map<Long, String>> refLabels = new HashMap<>();
        for (ColumnSpec col : t.columns()) {
            String value = values.getOrDefault(col.name(), "");
            String cur = current == null ? null : current.getOrDefault(col.name(), "");
            if (cur != null && (cur.equals(value) && values.getOrDefault(col.name() + ".currency", "")
                    .equals(current.getOrDefault(col.name() + ".currency", "")))) {
                cur = null;
            } else if (cur != null) {
                String curCurrency = current.getOrDefault(col.name() + ".currency", "");
                cur = cur.isEmpty() ? "(empty)" : cur + (curCurrency.isEmpty() ? "" : " " + curCurrency);
                if (col.type().equals("reference") && !current.get(col.name()).isEmpty()) {
                    cur = refLabel(c, col, Long.parseLong(current.get(col.name())), refLabels);
                }
            }
            fields.add(field(c, col, value, values.getOrDefault(col.name() + ".currency", ""),
                    errors.get(col.name()), cur));
            if (id != null) {
                shown.add(new Shown(labelOf(col), cellOfForm(c, v, col, value,
                        values.getOrDefault(col.name() + ".currency", ""), refLabels)));
            }
        }
        Forms form = Forms.empty();
        if (message != null) {
            form.message(errors.isEmpty() ? message : "Please correct the marked fields.");
        }
        String title = id == null ? "New record in " + labelOf(t) : labelOf(t) + " #" + id;
        pages.render(ctx, status, "wsRecord.jte", chrome(ctx, title), "ws", v, "table", t.name(),
                "tableTitle", labelOf(t), "title", title, "id", id, "version", version, "fields", fields,
                "shown", shown, "form", form, "notice", notice(ctx));
    }

    private Field field(Caller c, ColumnSpec col, String value, String currency, String error, String current) {
        String label = labelOf(col);
        boolean required = Boolean.TRUE.equals(col.required());
        return switch (col.type()) {
            case "long_text" -> new Field(col.name(), label, col.type(), "textarea", null, value, null, null, required,
                    List.of(), null, error, current);
            case "integer" -> new Field(col.name(), label, col.type(), "input", "text", value, null, null, required,
                    List.of(), "A whole number.", error, current);
            case "decimal" -> new Field(col.name(), label, col.type(), "input", "text", value, null, null, required,
                    List.of(), "A number, e.g. 12.5 (at most " + (col.scale() == null ? 2 : col.scale())
                            + " digits after the point).", error, current);
            case "money" -> new Field(col.name(), label, col.type(), "money", "text", value, currency, col.currency(),
                    required, List.of(), col.currency() == null ? "Amount, e.g. 12.50, and an ISO currency code such "
                            + "as EUR." : "Amount in " + col.currency() + ", e.g. 12.50.", error, current);
            case "date" -> new Field(col.name(), label, col.type(), "input", "date", value, null, null, required,
                    List.of(), null, error, current);
            case "datetime" -> new Field(col.name(), label, col.type(), "input", "datetime-local", value, null, null,
                    required, List.of(), "In UTC.", error, current);
            case "email" -> new Field(col.name(), label, col.type(), "input", "email", value, null, null, required,
                    List.of(), null, error, current);
            case "phone" -> new Field(col.name(), label, col.type(), "input", "tel", value, null, null, required,
                    List.of(), null, error, current);
            case "boolean" -> new Field(col.name(), label, col.type(), "select", null, value, null, null, required,
                    options(List.of(new String[] {"true", "Yes"}, new String[] {"false", "No"}), value), null, error,
                    current);
            case "choice" -> new Field(col.name(), label, col.type(), "select", null, value, null, null, required,
                    options(col.choices().stream().map(ch -> new String[] {ch, ch}).toList(), value), null, error,
                    current);
            case "reference" -> new Field(col.name(), label, col.type(), "select", null, value, null, null, required,
                    referenceOptions(c, col, value), null, error, current);
            default -> new Field(col.name(), label, col.type(), "input", "text", value, null, null, required,
                    List.of(), null, error, current);
        };
    }

    private static List<Option> options(List<String[]> pairs, String value) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "(none)", value.isEmpty()));
        for (String[] p : pairs) {
            out.add(new Option(p[0], p[1], p[0].equals(value)));
        }
        return out;
    }

    private List<Option> referenceOptions(Caller c, ColumnSpec col, String value) {
        TableSpec target = ws.tables().get(c, col.references());
        List<String[]> pairs = new ArrayList<>();
        for (Map<String, Object> r : ws.records().list(c, target.name(), new RecordQuery(List.of(), null, null,
                REFERENCE_CHOICES, 0)).records()) {
            pairs.add(new String[] {String.valueOf(r.get("id")), recordLabel(target, r)});
        }
        if (!value.isEmpty() && pairs.stream().noneMatch(p -> p[0].equals(value))) {
            pairs.add(new String[] {value, "#" + value});
        }
        return options(pairs, value);
    }

    /** The submitted field values, by column name (money currency under {@code name.currency}). */
    private static Map<String, String> submitted(Context ctx, TableSpec t) {
        Map<String, String> values = new HashMap<>();
        for (ColumnSpec col : t.columns()) {
            String v = Forms.field(ctx, col.name());
            values.put(col.name(), v == null ? "" : v.strip());
            if (col.type().equals("money") && col.currency() == null) {
                String cur = Forms.field(ctx, col.name() + ".currency");
                values.put(col.name() + ".currency", cur == null ? "" : cur.strip().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return values;
    }

    /** The JSON body the record service takes; on create empty fields are left out so defaults apply. */
    private static ObjectNode body(TableSpec t, Map<String, String> values, boolean create) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode body = f.objectNode();
        for (ColumnSpec col : t.columns()) {
            String v = values.getOrDefault(col.name(), "");
            if (v.isEmpty()) {
                if (!create) {
                    body.putNull(col.name());
                }
                continue;
            }
            switch (col.type()) {
                case "integer", "reference" -> {
                    try {
                        body.put(col.name(), Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        body.put(col.name(), v);
                    }
                }
                case "boolean" -> body.put(col.name(), v.equals("true") ? f.booleanNode(true)
                        : v.equals("false") ? f.booleanNode(false) : f.textNode(v));
                case "datetime" -> body.put(col.name(), v.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?")
                        ? v + (v.length() == 16 ? ":00Z" : "Z") : v);
                case "money" -> {
                    if (col.currency() != null) {
                        body.put(col.name(), v);
                    } else {
                        ObjectNode m = body.putObject(col.name());
                        m.put("amount", v);
                        m.put("currency", values.getOrDefault(col.name() + ".currency", ""));
                    }
                }
                default -> body.put(col.name(), v);
            }
        }
        return body;
    }

    /** A record's values as the form shows them. */
    private static Map<String, String> formValues(TableSpec t, Map<String, Object> r) {
        Map<String, String> values = new HashMap<>();
        for (ColumnSpec col : t.columns()) {
            put(values, col, JSON.valueToTree(r.get(col.name())));
        }
        return values;
    }

    private static void put(Map<String, String> values, ColumnSpec col, JsonNode v) {
        if (v == null || v.isNull()) {
            values.put(col.name(), "");
        } else if (col.type().equals("money") && v.isObject()) {
            values.put(col.name(), v.path("amount").asText());
            values.put(col.name() + ".currency", v.path("currency").asText());
        } else if (col.type().equals("datetime")) {
            String s = v.asText();
            values.put(col.name(), s.length() >= 16 ? s.substring(0, 16) : s);
        } else if (col.type().equals("decimal") && v.isNumber()) {
            values.put(col.name(), v.decimalValue().toPlainString());
        } else {
            values.put(col.name(), v.asText());
        }
    }

    /** Service errors by column (a path like {@code price.amount} belongs to {@code price}). */
    private static Map<String, String> fieldErrors(TableSpec t, ValidationException e) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldError err : e.errors()) {
            String name = err.field().split("[.\\[]", 2)[0];
            if (t.columns().stream().anyMatch(col -> col.name().equals(name))) {
                out.merge(name, err.message(), (a, b) -> a + "; " + b);
            }
        }
        return out;
    }

    // ---- display

    private Cell cell(Caller c, Ws v, ColumnSpec col, Object value, Map<String, Map<Long, String>> refLabels) {
        if (value == null) {
            return new Cell("", null);
        }
        if (col.type().equals("reference")) {
            long id = ((Number) value).longValue();
            return new Cell(refLabel(c, col, id, refLabels), v.record(col.references(), id));
        }
        return new Cell(display(JSON.valueToTree(value)), null);
    }

    private Cell cellOfForm(Caller c, Ws v, ColumnSpec col, String value, String currency,
            Map<String, Map<Long, String>> refLabels) {
        if (value.isEmpty()) {
            return new Cell("", null);
        }
        return switch (col.type()) {
            case "reference" -> new Cell(refLabel(c, col, Long.parseLong(value), refLabels),
                    v.record(col.references(), value));
            case "money" -> new Cell(value + (currency.isEmpty() ? " " + col.currency() : " " + currency), null);
            case "boolean" -> new Cell("true".equals(value) ? "Yes" : "No", null);
            default -> new Cell(value, null);
        };
    }

    private String refLabel(Caller c, ColumnSpec col, long id, Map<String, Map<Long, String>> cache) {
        Map<Long, String> labels = cache.computeIfAbsent(col.references(), name -> {
            TableSpec target = ws.tables().get(c, name);
            Map<Long, String> m = new HashMap<>();
            for (Map<String, Object> r : ws.records().list(c, name, new RecordQuery(List.of(), null, null,
                    REFERENCE_CHOICES, 0)).records()) {
                m.put(((Number) r.get("id")).longValue(), recordLabel(target, r));
            }
            return m;
        });
        return labels.getOrDefault(id, "#" + id);
    }

    /** A record value (as the record service returns it) as text, as {@link #display(JsonNode)}. */
    static String displayValue(Object value) {
        return display(JSON.valueToTree(value));
    }

    /** A JSON value as text: money as "12.50 EUR", booleans as Yes/No, empty as "". */
    static String display(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isObject() && v.has("amount")) {
            return v.path("amount").asText() + " " + v.path("currency").asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "Yes" : "No";
        }
        if (v.isBigDecimal()) {
            return v.decimalValue().toPlainString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** A short name for a record: its first naming column (name, number, ...) or first text column, then the id. */
    static String recordLabel(TableSpec t, Map<String, Object> r) {
        Object id = r.get("id");
        for (ColumnSpec col : t.columns()) {
            if (LABEL_COLUMNS.contains(col.name()) && r.get(col.name()) != null) {
                return r.get(col.name()) + " (#" + id + ")";
            }
        }
        for (ColumnSpec col : t.columns()) {
            if (col.type().equals("text") && r.get(col.name()) != null) {
                return r.get(col.name()) + " (#" + id + ")";
            }
        }
        return "#" + id;
    }

    static String labelOf(TableSpec t) {
        return t.label() == null ? t.name() : t.label();
    }

    static String labelOf(ColumnSpec col) {
        if (col.label() != null) {
            return col.label();
        }
        String s = col.name().replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- plumbing

    private Caller caller(Context ctx) {
        return WorkspaceCalls.caller(ctx);
    }

    private Ws view(Context ctx, Caller c) {
        return new Ws(c.workspaceOwner(), "/web/workspace/" + c.workspaceOwner(), c.role().wireName(),
                c.role().includes(WorkspaceRole.EDITOR), c.role().includes(WorkspaceRole.OWNER));
    }

    private Chrome chrome(Context ctx, String title) {
        return pages.chrome(ctx, title, WorkspaceWeb.NAV_KEY);
    }

    private static String notice(Context ctx) {
        return Notices.of(ctx.queryParam("done"));
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }

    private static int intParam(Context ctx, String name) {
        try {
            return Integer.parseInt(param(ctx, name));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, val) -> {
            if (val != null && !val.isEmpty() && !(k.equals("offset") && val.equals("0"))) {
                sb.append(sb.isEmpty() ? "?" : "&").append(k).append('=')
                        .append(URLEncoder.encode(val, StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }

    private static long id(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ServiceException.notFound("no record '" + ctx.pathParam("id") + "'");
    }

    private static long version(Context ctx) {
        try {
            return Long.parseLong(String.valueOf(Forms.field(ctx, "version")).strip());
        } catch (NumberFormatException e) {
            throw ValidationException.of("version", "the form lacks the record's version; reload the page");
        }
    }
}
