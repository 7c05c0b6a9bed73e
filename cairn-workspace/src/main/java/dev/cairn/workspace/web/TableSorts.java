package dev.cairn.workspace.web;

import dev.cairn.workspace.http.ListingParams;
import dev.cairn.workspace.records.Sort;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.GridViews.SortRow;
import dev.cairn.workspace.web.RecordViews.Option;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The table page's sort keys (sort by A, then by B, each ascending or descending), kept in the page's {@code sort}
 * parameter as the API writes it ({@code status,-total}). Two ways to set them: the "Sort" rows of the filter form
 * ({@code s<i>} a column, {@code s<i>_desc} ticked for descending; empty rows are dropped), and a column heading, which
 * makes its column the first key (again: reverses it) and keeps the other keys after it. Any column can be a key,
 * computed ones included. Stateless.
 */
final class TableSorts {
    /** Most sort rows read from a form. */
    static final int MAX_KEYS = 10;

    private TableSorts() {
    }

    /** The {@code sort} text of a request: the form's rows when it sent them, else its {@code sort} parameter. */
    static String of(Context ctx) {
        if (ctx.queryParam("s0") == null) {
            String sort = ctx.queryParam("sort");
            return sort == null ? "" : sort.strip();
        }
        List<Sort> keys = new ArrayList<>();
        for (int i = 0; i < MAX_KEYS; i++) {
            String column = ctx.queryParam("s" + i);
            if (column != null && !column.isBlank()) {
                keys.add(new Sort(column.strip(), ctx.queryParam("s" + i + "_desc") != null));
            }
        }
        return text(keys);
    }

    /** {@code status,-total}: the keys as the {@code sort} parameter writes them. */
    static String text(List<Sort> keys) {
        return String.join(",", keys.stream().map(k -> (k.descending() ? "-" : "") + k.column()).toList());
    }

    /** The keys after a click on {@code column}'s heading: it becomes the first (reversed if it already was). */
    static String clicked(String sort, String column) {
        List<Sort> keys = ListingParams.sort(sort);
        List<Sort> out = new ArrayList<>();
        boolean wasFirst = !keys.isEmpty() && keys.getFirst().column().equals(column);
        out.add(new Sort(column, wasFirst && !keys.getFirst().descending()));
        keys.stream().filter(k -> !k.column().equals(column)).forEach(out::add);
        return text(out);
    }

    /** {@code ascending}/{@code descending} for the first key's column (ARIA names one sorted column), else null. */
    static String ariaSort(String sort, String column) {
        List<Sort> keys = ListingParams.sort(sort);
        if (keys.isEmpty() || !keys.getFirst().column().equals(column)) {
            return null;
        }
        return keys.getFirst().descending() ? "descending" : "ascending";
    }

    /** The form's rows: each key, then one empty row (how a key is added). Unknown columns show by their name. */
    static List<SortRow> rows(TableSpec t, String sort) {
        List<Sort> keys = new ArrayList<>(ListingParams.sort(sort));
        keys.add(new Sort("", false));
        List<SortRow> rows = new ArrayList<>();
        for (int i = 0; i < keys.size() && i < MAX_KEYS; i++) {
            Sort k = keys.get(i);
            List<Option> options = new ArrayList<>();
            options.add(new Option("", "(none)", k.column().isEmpty()));
            boolean known = k.column().isEmpty() || k.column().equals("id");
            options.add(new Option("id", "Record number", k.column().equals("id")));
            for (ColumnSpec col : t.columns()) {
                known |= col.name().equals(k.column());
                options.add(new Option(col.name(), Labels.of(col), col.name().equals(k.column())));
            }
            if (!known) {
                options.add(new Option(k.column(), k.column(), true));
            }
            rows.add(new SortRow(i, options, k.descending()));
        }
        return rows;
    }
}
