package dev.cairn.workspace.pdf;

import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.reports.ReportResult;
import java.util.List;

/**
 * Relative column widths of a report table, estimated from the header and the first rows' text lengths (each column
 * between {@link #MIN_CHARS} and {@link #MAX_CHARS} characters wide; longer text wraps), and whether that fits an
 * upright page. Immutable.
 */
record ColumnWidths(float[] chars) {
    static final int MIN_CHARS = 4;
    static final int MAX_CHARS = 40;
    /** How many rows are measured: enough to be typical, few enough to stay cheap on 100,000-row results. */
    static final int SAMPLE_ROWS = 200;
    /** Average advance of a character at {@link ReportPdf#TEXT_SIZE} in DejaVu Sans, plus cell padding per column. */
    private static final float POINTS_PER_CHAR = 5.2f;
    private static final float PADDING_POINTS = 8;

    static ColumnWidths of(ReportResult result) {
        List<ReportResult.ResultColumn> columns = result.columns();
        float[] chars = new float[columns.size()];
        for (int i = 0; i < chars.length; i++) {
            int longest = columns.get(i).label().length();
            int sampled = 0;
            for (List<Value> row : result.rows()) {
                if (sampled++ == SAMPLE_ROWS) {
                    break;
                }
                longest = Math.max(longest, result.display(i, row.get(i)).length());
            }
            for (List<Value> row : result.totals()) {
                longest = Math.max(longest, result.display(i, row.get(i)).length());
            }
            chars[i] = Math.clamp(longest, MIN_CHARS, MAX_CHARS);
        }
        return new ColumnWidths(chars);
    }

    /** Whether the estimated widths fit into {@code points} of page width. */
    boolean fitsUpright(float points) {
        float total = 0;
        for (float c : chars) {
            total += c * POINTS_PER_CHAR + PADDING_POINTS;
        }
        return total <= points;
    }

    float[] relative() {
        return chars.clone();
    }
}
