package dev.cairn.workspace.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules a value must meet for its column, whatever the syntax it came in: the longest text, the choices, the shape
 * of emails and phone numbers, the digits after a decimal point (more are refused, never rounded), currencies, record
 * ids. The readers of each syntax (the JSON API's, the cell syntax's, the form's) call them, so a rule and its message
 * exist once. Each failure is an {@link InvalidValue} naming its path. Stateless.
 */
public final class ValueRules {
    private static final Pattern EMAIL = dev.cairn.server.account.EmailAddresses.PATTERN;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{1,30}[0-9]");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ValueRules() {
    }

    /** {@code value}, which fits the column's type, checked against the column's rules (decimals at its scale). */
    static Value check(Column c, Value value, String path) {
        return switch (value) {
            case Value.Text t -> text(c, t.text(), path);
            case Value.Decimal d -> new Value.Decimal(decimal(d.value(), c.scale(), path));
            case Money m -> money(c, decimal(m.amount(), c.scale(), path + ".amount"), m.currency(), path);
            case Value.Reference r -> reference(r.id(), path);
            default -> value;
        };
    }

    /** A text value of a textual column: its length, and its choices, email or phone shape. */
    public static Value.Text text(Column c, String s, String path) {
        return new Value.Text(switch (c.type()) {
            case CHOICE -> choice(c, s, path);
            case EMAIL -> matching(limited(c, s, path), EMAIL, path, "is not an email address (name@example.com)");
            case PHONE -> matching(limited(c, s, path), PHONE, path,
                    "is not a phone number (digits, spaces, + ( ) . / -)");
            default -> limited(c, s, path);
        });
    }

    private static String limited(Column c, String s, String path) {
        if (s.length() > c.maxLength()) {
            throw new InvalidValue(path, "is " + s.length() + " characters long; at most " + c.maxLength()
                    + " allowed");
        }
        return s;
    }

    private static String matching(String s, Pattern pattern, String path, String message) {
        if (!pattern.matcher(s).matches()) {
            throw new InvalidValue(path, "'" + abbreviate(s) + "' " + message);
        }
        return s;
    }

    private static String choice(Column c, String s, String path) {
        if (!c.choices().contains(s)) {
            throw new InvalidValue(path, "'" + abbreviate(s) + "' is not one of " + c.choices());
        }
        return s;
    }

    /** A record id: positive. */
    public static Value.Reference reference(long id, String path) {
        if (id < 1) {
            throw new InvalidValue(path, "expected the id of a record (a positive whole number), got the number " + id);
        }
        return new Value.Reference(id);
    }

    /** A decimal written as text ({@code 12.5}), at {@code scale}. */
    public static BigDecimal decimalText(String text, int scale, String path) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValue(path, "'" + abbreviate(text) + "' is not a number");
        }
        return decimal(value, scale, path);
    }

    /** {@code value} at {@code scale}: more digits after the point are refused, never rounded; at most 64 bits. */
    public static BigDecimal decimal(BigDecimal value, int scale, String path) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > scale) {
            throw new InvalidValue(path, value.toPlainString() + " has more than " + scale
                    + " digits after the decimal point; round it first");
        }
        BigDecimal scaled = value.setScale(scale);
        if (scaled.unscaledValue().abs().compareTo(LONG_MAX) > 0) {
            throw new InvalidValue(path, value.toPlainString() + " is too large");
        }
        return scaled;
    }

    /**
     * A money value of column {@code c}: {@code amount} (checked) in {@code currency}, or in the column's fixed
     * currency when null; the code must be ISO 4217 and, in a column with a fixed currency, that one.
     */
    public static Money money(Column c, BigDecimal amount, String currency, String path) {
        String code = currency == null ? c.currency() : currency;
        if (code == null) {
            throw new InvalidValue(path + ".currency", "is missing; give an ISO 4217 code such as EUR");
        }
        code = code.toUpperCase(Locale.ROOT);
        if (!isCurrency(code)) {
            throw new InvalidValue(path + ".currency", "'" + abbreviate(code) + "' is not an ISO 4217 currency code");
        }
        if (c.currency() != null && !c.currency().equals(code)) {
            throw new InvalidValue(path + ".currency", "this column holds " + c.currency() + " amounts only");
        }
        return new Money(amount, code);
    }

    /** A date written {@code yyyy-MM-dd}. */
    public static Value.Date date(String t, String path) {
        try {
            return new Value.Date(LocalDate.parse(t));
        } catch (DateTimeParseException e) {
            throw new InvalidValue(path, "'" + abbreviate(t) + "' is not a date; write it as year-month-day, e.g. 2026-12-31");
        }
    }

    /** A date-time with an offset ({@code 2026-11-23T10:00:00+01:00}), as the instant it names. */
    public static Value.DateTime dateTime(String t, String path) {
        try {
            return new Value.DateTime(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new InvalidValue(path, "'" + abbreviate(t)
                    + "' is not a date-time with offset (2026-11-23T10:00:00Z)");
        }
    }

    /** Whether {@code code} is an ISO 4217 currency code (upper case). */
    public static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A string as messages show it: {@code the string 'abc'}, long ones shortened. */
    public static String aString(String s) {
        return "the string '" + abbreviate(s) + "'";
    }

    /** At most 40 characters of {@code s} for a message. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** What kind of value {@code v} is, for a message. */
    static String kind(Value v) {
        return switch (v) {
            case Value.Text t -> aString(t.text());
            case Value.Bool b -> String.valueOf(b.value());
            case Money m -> "an amount of money";
            case Value.Date d -> "the date " + d.date();
            case Value.DateTime d -> "the date-time " + d.instant();
            case Attachment a -> "the file " + a.id();
            default -> "the number " + v.wire();
        };
    }
}
