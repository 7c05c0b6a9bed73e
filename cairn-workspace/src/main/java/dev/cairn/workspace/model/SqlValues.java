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
        return switch (c.type()) {
            case TEXT, LONG_TEXT, CHOICE, EMAIL, PHONE -> rs.getString(label);
            case INTEGER, REFERENCE -> nullableLong(rs, label);
            case DECIMAL -> unscaled(nullableLong(rs, label), c.scale());
            case MONEY -> {
                BigDecimal amount = unscaled(nullableLong(rs, label), c.scale());
                yield amount == null ? null : new Money(amount, rs.getString(curLabel));
            }
            case DATE -> {
                String s = rs.getString(label);
                yield s == null ? null : LocalDate.parse(s);
            }
            case DATETIME -> {
                Long millis = nullableLong(rs, label);
                yield millis == null ? null : Instant.ofEpochMilli(millis);
            }
            case BOOLEAN -> {
                Long v = nullableLong(rs, label);
                yield v == null ? null : v != 0;
            }
            case ATTACHMENT -> Attachment.fromStored(rs.getString(label));
        };
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static BigDecimal unscaled(Long unscaled, int scale) {
        return unscaled == null ? null : BigDecimal.valueOf(unscaled, scale);
    }
}
