package dev.cairn.workspace.web;

import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.records.Record;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import dev.cairn.workspace.web.GridViews.GridCell;
import dev.cairn.workspace.web.GridViews.GridColumn;
import dev.cairn.workspace.web.GridViews.GridRow;
import dev.cairn.workspace.web.RecordViews.Field;
import dev.cairn.workspace.web.RecordViews.Ws;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The table grid's columns and rows: which columns are shown (all but long text), which of them are edited in place
 * (with the record form's control for their type: {@link RecordFields}), each cell's display text, the text its editor
 * starts from (the form's field text: {@link RecordForm}) and a choice's chip colour. Long text and files are edited
 * in the record form only. Not thread-safe; one per rendering.
 */
final class GridCells {
    /** The column types a cell edits in place; the others (long text, files, any later type) open the form. */
    static final Set<ColumnType> IN_PLACE = EnumSet.of(ColumnType.TEXT, ColumnType.INTEGER, ColumnType.DECIMAL,
            ColumnType.MONEY, ColumnType.DATE, ColumnType.DATETIME, ColumnType.BOOLEAN, ColumnType.CHOICE,
            ColumnType.EMAIL, ColumnType.PHONE, ColumnType.REFERENCE);
    /** How many chip colours {@code grid.css} defines ({@code chip-0} to {@code chip-9}). */
    static final int CHIP_COLOURS = 10;

    private final WorkspaceModule ws;
    private final Caller caller;
    private final Ws view;
    private final ReferenceLabels references;

    GridCells(WorkspaceModule ws, Caller caller) {
        this.ws = ws;
        this.caller = caller;
        this.view = WsScope.view(caller);
        this.references = new ReferenceLabels(ws, caller);
    }

    /** The columns the grid shows, in the table's order. */
    static List<ColumnSpec> shown(TableSpec t) {
        return t.columns().stream().filter(col -> col.type() != ColumnType.LONG_TEXT).toList();
    }

    /** Whether {@code col}'s cells are edited in place (never a computed column: the database writes it). */
    static boolean inPlace(ColumnSpec col) {
        return col.type() != null && IN_PLACE.contains(col.type()) && !col.isComputed();
    }

    /** The grid column of {@code col}, with its heading's sort link; editors only for callers who may edit. */
    GridColumn column(ColumnSpec col, String sortHref, String ariaSort) {
        boolean numeric = col.type() != null && col.type().isNumeric();
        if (!view.canEdit() || !inPlace(col)) {
            return new GridColumn(col.name(), Labels.of(col), sortHref, ariaSort, null, null, false, List.of(), null,
                    numeric);
        }
        Field f = new RecordFields(ws, caller).field(col, "", "", null, null, "");
        boolean select = f.kind().equals("select");
        String hint = col.type() == ColumnType.MONEY && col.currency() == null
                ? "Amount and currency code, e.g. 12.50 EUR." : f.hint();
        return new GridColumn(col.name(), Labels.of(col), sortHref, ariaSort, select ? "select" : "input",
                select ? null : f.inputType(), f.required(), select ? f.options() : List.of(), hint, numeric);
    }

    /** Looks up, in one query per reference column, the names {@code records} refer to (before {@link #row}). */
    void preload(TableSpec t, List<Record> records) {
        shown(t).stream().filter(col -> col.type() == ColumnType.REFERENCE).forEach(col -> references.load(col,
                records.stream().map(r -> r.value(col.name())).filter(Value.Reference.class::isInstance)
                        .map(ref -> ((Value.Reference) ref).id()).toList()));
    }

    /** The row of record {@code r}. */
    GridRow row(TableSpec t, Record r) {
        RecordForm form = view.canEdit() ? RecordForm.of(t, r) : null;
        List<GridCell> cells = new ArrayList<>();
        for (ColumnSpec col : shown(t)) {
            cells.add(cell(col, r.value(col.name()), form));
        }
        return new GridRow(r.id(), view.record(t.name(), r.id()), r.version(), cells);
    }

    private GridCell cell(ColumnSpec col, Value value, RecordForm form) {
        String edit = form == null || !inPlace(col) ? null : editText(col, form);
        boolean numeric = col.type() != null && col.type().isNumeric();
        if (value instanceof Value.Reference ref) {
            return new GridCell(col.name(), references.of(col, ref.id()), view.record(col.references(), ref.id()),
                    edit, null, false);
        }
        if (value instanceof Attachment file) {
            return new GridCell(col.name(), file.name(), view.file(file.id()), null, null, false);
        }
        String text = Labels.display(value);
        String chip = col.type() == ColumnType.CHOICE && !text.isEmpty() ? chip(col, text) : null;
        return new GridCell(col.name(), text, null, edit, chip, numeric);
    }

    /** The editor's starting text: the form's field, with the currency after the amount where the cell has one. */
    private static String editText(ColumnSpec col, RecordForm form) {
        String v = form.value(col.name());
        if (col.type() == ColumnType.MONEY && col.currency() == null && !v.isEmpty()) {
            return v + " " + form.currency(col.name());
        }
        return v;
    }

    /**
     * The chip colour class of {@code choice}: by its place in the column's choices, so each choice keeps its colour
     * while choices are added after it (a value no longer among them takes one from its text's hash).
     */
    static String chip(ColumnSpec col, String choice) {
        List<String> choices = col.choices() == null ? List.of() : col.choices();
        int i = choices.indexOf(choice);
        return "chip-" + Math.floorMod(i >= 0 ? i : choice.hashCode(), CHIP_COLOURS);
    }
}
