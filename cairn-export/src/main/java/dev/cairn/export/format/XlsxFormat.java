package dev.cairn.export.format;

import dev.cairn.export.bundle.Entries;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One workbook, {@code xlsx/workspace.xlsx}: a sheet per table (row 1: the field names), continued on a further sheet
 * past a sheet's 1,048,576 rows. Safe to open: text is always an inline string cell, never a formula, so
 * {@code =1+1} shows as {@code =1+1}; numbers and dates are cells of their type only where that keeps them exact
 * ({@link XlsxCells}). Sheets are written and flushed row by row.
 */
final class XlsxFormat implements Format {
    static final String PATH = "xlsx/workspace.xlsx";
    /** The one cell of the sheet a workspace without tables gets (a workbook cannot be empty). */
    static final String NO_TABLES = "This workspace has no tables.";
    /** Rows of a sheet, the header included (Excel's limit). */
    static final int SHEET_ROWS = 1_048_576;
    private static final int FLUSH_EVERY = 1_000;
    private final int sheetRows;

    XlsxFormat() {
        this(SHEET_ROWS);
    }

    /** @param sheetRows rows per sheet before continuing on the next (tests use a small number) */
    XlsxFormat(int sheetRows) {
        this.sheetRows = sheetRows;
    }

    @Override
    public String name() {
        return "xlsx";
    }

    @Override
    public void write(Snapshot snapshot, Entries out) throws Exception {
        long total = 0;
        try (OutputStream os = out.open(PATH)) {
            Workbook book = new Workbook(os, "cairn", "1.0");
            Set<String> sheetNames = new HashSet<>();
            for (TableDef table : snapshot.tables()) {
                total += table(snapshot, table, book, sheetNames);
            }
            if (sheetNames.isEmpty()) { // a workbook must hold a sheet; readers find tables by sheet name, not this one
                Worksheet note = book.newWorksheet("workspace");
                note.inlineString(0, 0, NO_TABLES);
                note.finish();
            }
            book.finish();
        }
        out.rows(PATH, total);
    }

    private long table(Snapshot snapshot, TableDef table, Workbook book, Set<String> sheetNames) throws Exception {
        List<Field> fields = Fields.of(table);
        Worksheet[] sheet = {newSheet(book, table.name(), sheetNames, fields)};
        int[] r = {1};
        long rows = snapshot.rows(table, AttachmentPaths.asPaths(table, row -> {
            if (r[0] == sheetRows) {
                sheet[0].finish();
                sheet[0] = newSheet(book, table.name(), sheetNames, fields);
                r[0] = 1;
            }
            for (int c = 0; c < fields.size(); c++) {
                XlsxCells.write(sheet[0], r[0], c, fields.get(c), row);
            }
            if (++r[0] % FLUSH_EVERY == 0) {
                sheet[0].flush();
            }
        }));
        sheet[0].finish();
        return rows;
    }

    private static Worksheet newSheet(Workbook book, String table, Set<String> taken, List<Field> fields) {
        Worksheet sheet = book.newWorksheet(sheetName(table, taken));
        for (int c = 0; c < fields.size(); c++) {
            sheet.inlineString(0, c, fields.get(c).name());
        }
        return sheet;
    }

    /** The table's name, cut to Excel's 31 characters, with {@code ~2}, {@code ~3}... when taken (case-insensitive). */
    static String sheetName(String table, Set<String> taken) {
        String name = table.length() > 31 ? table.substring(0, 31) : table;
        for (int n = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
            String suffix = "~" + n;
            name = (table.length() > 31 - suffix.length() ? table.substring(0, 31 - suffix.length()) : table) + suffix;
        }
        return name;
    }
}
