package dev.cairn.workspace.formula;

import dev.cairn.server.db.Dialect;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The dialect-specific pieces of generated SQL. Text from a formula never reaches SQL as typed: a string literal is
 * written as the hex digits of its UTF-8 bytes, which the database decodes ({@link #text}); numbers are written from
 * parsed values (digits only); identifiers only from ids. Stateless.
 */
final class SqlParts {
    static final int MAX_SCALE = 6;

    private final Dialect dialect;

    SqlParts(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A text literal: only hex digits of the value reach the SQL text. */
    String text(String value) {
        String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
        return dialect == Dialect.POSTGRES ? "convert_from(decode('" + hex + "', 'hex'), 'UTF8')"
                : "CAST(X'" + hex + "' AS TEXT)";
    }

    static String pow10(int n) {
        return BigInteger.TEN.pow(n).toString();
    }

    /** {@code sql} (scale {@code from}) at scale {@code to}: multiplied up, or divided and rounded half away from 0. */
    static String rescale(String sql, int from, int to) {
        if (from == to) {
            return sql;
        }
        if (to > from) {
            return "(" + sql + ") * " + pow10(to - from);
        }
        return "CAST(ROUND((" + sql + ") / " + pow10(from - to) + ".0) AS BIGINT)";
    }

    /** A scaled number as text with its decimals ({@code 12.50}). */
    String numberText(String sql, int scale) {
        if (scale == 0) {
            return "CAST(" + sql + " AS TEXT)";
        }
        String value = "(" + sql + ") / " + pow10(scale) + ".0";
        return dialect == Dialect.POSTGRES ? "CAST(ROUND(" + value + ", " + scale + ") AS TEXT)"
                : "printf('%." + scale + "f', " + value + ")";
    }

    /** A condition as the 1/0/NULL of a boolean column. */
    static String boolValue(String predicate) {
        return "CASE WHEN " + predicate + " THEN 1 WHEN NOT (" + predicate + ") THEN 0 END";
    }

    String today() {
        return dialect == Dialect.POSTGRES ? "CAST(CAST(NOW() AT TIME ZONE 'UTC' AS DATE) AS TEXT)" : "date('now')";
    }

    String addDays(String date, String days) {
        return dialect == Dialect.POSTGRES ? "CAST(CAST(" + date + " AS DATE) + CAST(" + days + " AS INTEGER) AS TEXT)"
                : "date(" + date + ", (" + days + ") || ' days')";
    }

    String daysBetween(String from, String to) {
        return dialect == Dialect.POSTGRES ? "CAST(CAST(" + to + " AS DATE) - CAST(" + from + " AS DATE) AS BIGINT)"
                : "CAST(julianday(" + to + ") - julianday(" + from + ") AS INTEGER)";
    }

    /** The year, month or day of a date, as an integer. */
    String datePart(String date, String part) {
        if (dialect == Dialect.POSTGRES) {
            return "CAST(EXTRACT(" + part.toUpperCase(java.util.Locale.ROOT) + " FROM CAST(" + date
                    + " AS DATE)) AS BIGINT)";
        }
        String f = switch (part) {
            case "year" -> "%Y";
            case "month" -> "%m";
            default -> "%d";
        };
        return "CAST(strftime('" + f + "', " + date + ") AS INTEGER)";
    }

    /** A whole number with at least {@code digits} digits, zeros in front. */
    String padded(String sql, int digits) {
        if (digits <= 1) {
            return "CAST(" + sql + " AS TEXT)";
        }
        return dialect == Dialect.POSTGRES ? "lpad(CAST(" + sql + " AS TEXT), " + digits + ", '0')"
                : "printf('%0" + digits + "d', " + sql + ")";
    }

    String length(String text) {
        return dialect == Dialect.POSTGRES ? "CAST(LENGTH(" + text + ") AS BIGINT)" : "LENGTH(" + text + ")";
    }
}
