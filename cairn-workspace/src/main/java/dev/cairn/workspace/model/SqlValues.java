package dev.cairn.workspace.model;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Canonical values of user columns as physical SQL values and back (ADR 12): decimals and money amounts as BIGINT of
 * value × 10^scale, money's currency in a second column, dates as ISO text, instants as epoch milliseconds, booleans as
 * 0/1. Stateless.
 */
public final class SqlValues {
    private SqlValues() {
    }

    /** The physical values of a canonical value: one, or two for money (amount, currency). */
    public static Object[] toSql(Column c, Object value) {
        if (c.type() == ColumnType.MONEY) {
            Money m = (Money) value;
            return m == null ? new Object[] {null, null}
                    : new Object[] {m.amount().setScale(c.scale()).unscaledValue().longValueExact(), m.currency()};
        }
        return new Object[] {switch (value) {
            case null -> null;
            case BigDecimal d -> d.setScale(c.scale()).unscaledValue().longValueExact();
            case LocalDate d -> d.toString();
            case Instant i -> i.toEpochMilli();
            case Boolean b -> b ? 1 : 0;
            case Attachment a -> a.stored();
            default -> value;
        }};
    }

    /** The physical value used to compare with a column in SQL (money compares its amount). */
    public static Object toSqlScalar(Column c, Object value) {
        if (c.type() == ColumnType.MONEY && value instanceof BigDecimal amount) {
            return amount.setScale(c.scale()).unscaledValue().longValueExact();
        }
        return toSql(c, value)[0];
    }

    /** Reads the canonical value of {@code c} from the current row. */
    public static Object read(ResultSet rs, Column c) throws SQLException {
        return readAs(rs, c, c.sql(), c.currencySql());
    }

    /** Reads a value of {@code c}'s type from result column {@code label} (money: currency from {@code curLabel}). */
    public static Object readAs(ResultSet rs, Column c, String label, String curLabel) throws SQLException {
        return readAt(rs, c, rs.findColumn(label), c.type() == ColumnType.MONEY ? rs.findColumn(curLabel) : 0);
    }

    /**
     * Reads a value of {@code c}'s type from result column {@code index} (1-based; money: the currency from
     * {@code curIndex}): what a reader of many rows uses, having looked the columns up once.
     */
    public static Object readAt(ResultSet rs, Column c, int index, int curIndex) throws SQLException {
        return switch (c.type()) {
            case TEXT, LONG_TEXT, CHOICE, EMAIL, PHONE -> rs.getString(index);
            case INTEGER, REFERENCE -> nullableLong(rs, index);
            case DECIMAL -> unscaled(nullableLong(rs, index), c.scale());
            case MONEY -> {
                BigDecimal amount = unscaled(nullableLong(rs, index), c.scale());
                yield amount == null ? null : new Money(amount, rs.getString(curIndex));
            }
            case DATE -> {
                String s = rs.getString(index);
                yield s == null ? null : isoDate(s);
            }
            case DATETIME -> {
                Long millis = nullableLong(rs, index);
                yield millis == null ? null : Instant.ofEpochMilli(millis);
            }
            case BOOLEAN -> {
                Long v = nullableLong(rs, index);
                yield v == null ? null : v != 0;
            }
            case ATTACHMENT -> Attachment.fromStored(rs.getString(index));
        };
    }

    /**
     * {@link LocalDate#parse} of an ISO date, with a quick path for the usual {@code YYYY-MM-DD} (the general parser
     * costs about a microsecond a date, which a million-row table notices). Same result and same exceptions.
     */
    public static LocalDate isoDate(CharSequence text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int y = digits(text, 0, 4);
            int m = digits(text, 5, 7);
            int d = digits(text, 8, 10);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= java.time.YearMonth.of(y, m).lengthOfMonth()) {
                return LocalDate.of(y, m, d);
            }
        }
        return LocalDate.parse(text);
    }

    /** The ASCII digits from {@code from} to {@code to} as a number; -1 if one is not a digit. */
    private static int digits(CharSequence text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static BigDecimal unscaled(Long unscaled, int scale) {
        return unscaled == null ? null : BigDecimal.valueOf(unscaled, scale);
    }
}
