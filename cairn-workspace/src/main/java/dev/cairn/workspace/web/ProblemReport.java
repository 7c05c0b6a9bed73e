package dev.cairn.workspace.web;

import dev.cairn.workspace.model.FieldError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The problems of an import of the valid rows only as a CSV file the page offers for download (a {@code data:} link,
 * so nothing is kept on the server): row, column, problem. Stateless.
 */
final class ProblemReport {
    private ProblemReport() {
    }

    static String dataUri(List<FieldError> errors) {
        StringBuilder csv = new StringBuilder("row,column,problem\r\n");
        for (FieldError e : errors) {
            String where = e.field();
            String row = "";
            String column = where;
            if (where.startsWith("row ")) {
                int colon = where.indexOf(':');
                row = colon < 0 ? where.substring(4) : where.substring(4, colon);
                column = colon < 0 ? "" : where.substring(colon + 1).strip();
            }
            csv.append(cell(row)).append(',').append(cell(column)).append(',').append(cell(e.message())).append("\r\n");
        }
        return "data:text/csv;charset=utf-8," + URLEncoder.encode(csv.toString(), StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** A CSV cell, quoted; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
    private static String cell(String s) {
        String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
