package dev.cairn.workspace.reports;

import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.Value;
import java.util.List;

/**
 * A report result as CSV (RFC 4180, CRLF line ends, UTF-8), in two styles: {@link #write} for machines (the API's
 * {@code ?format=csv}: column names, exact amounts, record ids, wire values) and {@link #forPeople} (the pages' and
 * share links' downloads: column labels, amounts to their currency's decimals without separators, referenced records by
 * name, Yes/No; {@link dev.cairn.workspace.model.ValueText#sheet}). Money values take two columns, {@code name}
 * (amount) and {@code name_currency} (for people: {@code Label} and {@code Label (currency)}). Text that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) is
 * neutralised with a leading apostrophe: user text never becomes a formula (CSV injection). Numbers and dates the
 * server formats itself are written as they are, so negative amounts stay numbers. Stateless.
 */
public final class ReportCsv {
    private ReportCsv() {
    }

    /** The CSV people download: labels, formatted values, referenced records by name. */
    public static String forPeople(ReportResult result) {
        StringBuilder out = new StringBuilder();
        List<ReportResult.ResultColumn> columns = result.columns();
        for (int i = 0; i < columns.size(); i++) {
            sep(out, i);
            cell(out, columns.get(i).label(), true);
            if (isMoney(columns.get(i))) {
                out.append(',');
                cell(out, columns.get(i).label() + " currency", true);
            }
        }
        out.append("\r\n");
        for (List<Value> row : result.rows()) {
            for (int i = 0; i < columns.size(); i++) {
                sep(out, i);
                Value v = row.get(i);
                Money m = v instanceof Money money ? money : null;
                cell(out, v == null ? null : result.sheet(i, v), isText(columns.get(i))
                        || v instanceof Value.Reference);
                if (isMoney(columns.get(i))) {
                    out.append(',');
                    cell(out, m == null ? null : m.currency(), true);
                }
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** The exact CSV of the API: column names, amounts as stored, record ids, wire values. */
    public static String write(ReportResult result) {
        StringBuilder out = new StringBuilder();
        List<ReportResult.ResultColumn> columns = result.columns();
        for (int i = 0; i < columns.size(); i++) {
            sep(out, i);
            cell(out, columns.get(i).name(), true);
            if (isMoney(columns.get(i))) {
                out.append(',');
                cell(out, columns.get(i).name() + "_currency", true);
            }
        }
        out.append("\r\n");
        for (List<Value> row : result.rows()) {
            for (int i = 0; i < columns.size(); i++) {
                sep(out, i);
                Value v = row.get(i);
                if (isMoney(columns.get(i))) {
                    Money m = v instanceof Money money ? money : null;
                    cell(out, m == null ? null : m.amount().toPlainString(), false);
                    out.append(',');
                    cell(out, m == null ? null : m.currency(), true);
                } else {
                    cell(out, v == null ? null : v.wire(), isText(columns.get(i)));
                }
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static void sep(StringBuilder out, int i) {
        if (i > 0) {
            out.append(',');
        }
    }

    private static boolean isMoney(ReportResult.ResultColumn c) {
        return c.type().equals(ColumnType.MONEY.wireName());
    }

    private static boolean isText(ReportResult.ResultColumn c) {
        return ColumnType.fromWire(c.type()).map(ColumnType::isTextual).orElse(true);
    }

    private static void cell(StringBuilder out, Object value, boolean userText) {
        if (value == null) {
            return;
        }
        String s = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        if (userText) {
            s = neutralise(s);
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            out.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            out.append(s);
        }
    }

    /** Prefixes text a spreadsheet would evaluate as a formula with an apostrophe. */
    public static String neutralise(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }
}
