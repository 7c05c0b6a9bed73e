package dev.cairn.agent.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned text table with a header and dashed rules (as {@code restic snapshots}). A cell may hold several lines (one
 * per path): the extra lines become continuation rows with the other cells empty. Not thread-safe.
 */
public final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = headers.clone();
    }

    public Table add(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.length + " columns");
        }
        int height = Arrays.stream(cells).mapToInt(c -> c.split("\n", -1).length).max().orElse(1);
        for (int line = 0; line < height; line++) {
            String[] row = new String[cells.length];
            for (int c = 0; c < cells.length; c++) {
                String[] parts = cells[c].split("\n", -1);
                row[c] = line < parts.length ? parts[line] : "";
            }
            rows.add(row);
        }
        return this;
    }

    public List<String> render() {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headers, widths));
        String rule = "-".repeat(Math.max(1, lines.get(0).length()));
        lines.add(rule);
        rows.forEach(r -> lines.add(line(r, widths)));
        lines.add(rule);
        return lines;
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            sb.append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        return sb.toString().stripTrailing();
    }
}
