package dev.cairn.workspace.imports;

import java.io.IOException;
import java.util.List;

/** Rows of an import file: the header, then data rows as text cells. Read once; close when done. */
interface RowSource extends AutoCloseable {
    List<String> header() throws IOException;

    /** The next data row, or null at the end. */
    List<String> next() throws IOException;

    /** The row number of the row {@link #next()} returned last, as a spreadsheet shows it (the header is row 1). */
    int line();

    /** Whether numbers in date and date-time columns are spreadsheet serial dates (XLSX). */
    default boolean serialDates() {
        return false;
    }

    @Override
    void close() throws IOException;
}
