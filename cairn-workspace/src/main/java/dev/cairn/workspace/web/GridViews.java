package dev.cairn.workspace.web;

import dev.cairn.workspace.web.RecordViews.Option;
import java.util.List;

/** The view models of the table grid (what {@code wsTable.jte} and its row tag see); all immutable. */
public final class GridViews {
    private GridViews() {
    }

    /**
     * A column of the grid: its heading with the sort link and {@code aria-sort} state (null: unsorted), and how its
     * cells are edited in place: {@code editor} is {@code input} (with {@code inputType}), {@code select} (with
     * {@code options}) or null when the cell is edited in the record form only. {@code numeric} right-aligns it.
     */
    public record GridColumn(String name, String label, String sortHref, String ariaSort, String editor,
            String inputType, boolean required, List<Option> options, String hint, boolean numeric) {
        public boolean editable() {
            return editor != null;
        }

        /** The id of the {@code <template>} that holds a select editor's options. */
        public String optionsId() {
            return "grid-options-" + name;
        }

        /** The id of the hint that describes the column's editor. */
        public String hintId() {
            return hint == null ? null : "grid-hint-" + name;
        }
    }

    /**
     * A cell: its display {@code text} (a link to {@code href} for references and files), the text its editor starts
     * from ({@code edit}; null when not editable in place), the chip colour class of a choice (null: no chip).
     */
    public record GridCell(String column, String text, String href, String edit, String chip, boolean numeric) {
        public boolean editable() {
            return edit != null;
        }
    }

    /** A row: the record's id, its form's link, its version (sent back with an edit) and its cells. */
    public record GridRow(long id, String href, long version, List<GridCell> cells) {
        /** The row element's id (unique in the page). */
        public String rowId() {
            return "row-" + id;
        }
    }

    /**
     * A sort row of the table page's filter form: {@code s<index>} with the column choices (labels; one selected, or
     * "(none)") and {@code s<index>_desc}.
     */
    public record SortRow(int index, List<RecordViews.Option> columns, boolean desc) {
    }
}
