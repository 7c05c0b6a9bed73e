package dev.cairn.workspace.records;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Converts values of user columns between their three forms: the JSON wire form (API, history, defaults), the canonical
 * Java value ({@link String}, {@link Long}, {@link BigDecimal}, {@link Money}, {@link LocalDate}, {@link Instant},
 * {@link Boolean}) and the physical SQL values. Parsing never guesses: a wrong type is an error naming the expected
 * form, and decimals with more digits than the column's scale are refused rather than rounded. Stateless.
 */
final class Values {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Pattern EMAIL = dev.cairn.server.account.EmailAddresses.PATTERN;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{1,30}[0-9]");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    /**
     * The canonical value of {@code node} for {@code column}, or null for JSON null, a missing node or an empty string.
     * Failures are added to {@code errors} under {@code path}; then the result is null.
     */
    static Object fromJson(Column column, JsonNode node, String path, List<FieldError> errors) {
        if (node == null || node.isNull() || node.isTextual() && node.textValue().isEmpty()) {
            return null;
        }
        try {
            return parse(column, node, path);
        } catch (Invalid e) {
            errors.add(new FieldError(e.path, e.getMessage()));
            return null;
        }
    }

    /** As {@link #fromJson} for a value typed as text (a CSV cell, a filter parameter). */
    static Object fromText(Column column, String text, String path, List<FieldError> errors) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return fromJson(column, textNode(column.type(), text), path, errors);
    }

    /** The JSON form of a value typed as text, as {@link #fromText} reads it (not yet checked). */
    static JsonNode textNode(ColumnType type, String text) {
        String t = text.strip();
        return switch (type) {
            case INTEGER, REFERENCE -> integerNode(t);
            case BOOLEAN -> booleanNode(t);
            case MONEY -> moneyNode(t);
            default -> TextNode.valueOf(type.isTextual() ? text : t);
        };
    }

    private static JsonNode integerNode(String t) {
        try {
            return LongNode.valueOf(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return TextNode.valueOf(t);
        }
    }

    private static JsonNode booleanNode(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> BooleanNode.TRUE;
            case "false", "no", "0" -> BooleanNode.FALSE;
            default -> TextNode.valueOf(t);
        };
    }

    /** "12.50", "12.50 EUR" or "EUR 12.50". */
    private static JsonNode moneyNode(String t) {
        String[] parts = t.split("\\s+");
        ObjectNode money = JsonNodeFactory.instance.objectNode();
        if (parts.length == 2 && parts[0].matches("[A-Za-z]{3}")) {
            return money.put("amount", parts[1]).put("currency", parts[0]);
        }
        if (parts.length == 2) {
            return money.put("amount", parts[0]).put("currency", parts[1]);
        }
        return TextNode.valueOf(t);
    }

    private static Object parse(Column c, JsonNode node, String path) {
        return switch (c.type()) {
            case TEXT, LONG_TEXT -> limited(c, string(node, path, "a string"), path);
            case INTEGER -> integer(node, path);
            case DECIMAL -> decimal(node, c.scale(), path);
            case MONEY -> money(c, node, path);
            case DATE -> date(node, path);
            case DATETIME -> datetime(node, path);
            case BOOLEAN -> bool(node, path);
            case CHOICE -> choice(c, node, path);
            case EMAIL -> matching(limited(c, string(node, path, "an email address"), path), EMAIL, path,
                    "is not an email address (name@example.com)");
            case PHONE -> matching(limited(c, string(node, path, "a phone number"), path), PHONE, path,
                    "is not a phone number (digits, spaces, + ( ) . / -)");
            case REFERENCE -> reference(node, path);
        };
    }

    private static String string(JsonNode node, String path, String expected) {
        if (!node.isTextual()) {
            throw new Invalid(path, "expected " + expected + " (a JSON string), got " + describe(node));
        }
        return node.textValue();
    }

    private static String limited(Column c, String s, String path) {
        if (s.length() > c.maxLength()) {
            throw new Invalid(path, "is " + s.length() + " characters long; at most " + c.maxLength() + " allowed");
        }
        return s;
    }

    private static String matching(String s, Pattern pattern, String path, String message) {
        if (!pattern.matcher(s).matches()) {
            throw new Invalid(path, "'" + abbreviate(s) + "' " + message);
        }
        return s;
    }

    private static Long integer(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new Invalid(path, "expected a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                    + ", got " + describe(node));
        }
        return node.longValue();
    }

    private static Long reference(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
            throw new Invalid(path, "expected the id of a record (a positive whole number), got " + describe(node));
        }
        return node.longValue();
    }

    private static BigDecimal decimal(JsonNode node, int scale, String path) {
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                value = new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw new Invalid(path, "'" + abbreviate(node.textValue()) + "' is not a number");
            }
        } else {
            throw new Invalid(path, "expected a number, got " + describe(node));
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > scale) {
            throw new Invalid(path, value.toPlainString() + " has more than " + scale + " digits after the decimal "
                    + "point; round it first");
        }
        BigDecimal scaled = value.setScale(scale);
        if (scaled.unscaledValue().abs().compareTo(LONG_MAX) > 0) {
            throw new Invalid(path, value.toPlainString() + " is too large");
        }
        return scaled;
    }

    private static Money money(Column c, JsonNode node, String path) {
        if (!node.isObject()) {
            if (c.currency() != null && (node.isNumber() || node.isTextual())) {
                return new Money(decimal(node, c.scale(), path), c.currency());
            }
            throw new Invalid(path, "expected {\"amount\": \"12.50\", \"currency\": \"EUR\"}"
                    + (c.currency() == null ? "" : " or a plain amount") + ", got " + describe(node));
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("amount") && !name.equals("currency")) {
                throw new Invalid(path + "." + name, "unknown member; a money value has 'amount' and 'currency'");
            }
        }
        JsonNode amount = node.get("amount");
        if (amount == null || amount.isNull()) {
            throw new Invalid(path + ".amount", "is missing");
        }
        BigDecimal value = decimal(amount, c.scale(), path + ".amount");
        JsonNode cur = node.get("currency");
        String currency = cur == null || cur.isNull() ? c.currency() : string(cur, path + ".currency", "a currency code");
        if (currency == null) {
            throw new Invalid(path + ".currency", "is missing; give an ISO 4217 code such as EUR");
        }
        currency = currency.toUpperCase(Locale.ROOT);
        if (!isCurrency(currency)) {
            throw new Invalid(path + ".currency", "'" + abbreviate(currency) + "' is not an ISO 4217 currency code");
        }
        if (c.currency() != null && !c.currency().equals(currency)) {
            throw new Invalid(path + ".currency", "this column holds " + c.currency() + " amounts only");
        }
        return new Money(value, currency);
    }

    static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static LocalDate date(JsonNode node, String path) {
        String s = string(node, path, "a date (yyyy-MM-dd)");
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new Invalid(path, "'" + abbreviate(s) + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static Instant datetime(JsonNode node, String path) {
        String s = string(node, path, "a date-time (2026-11-23T10:00:00Z)");
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid(path, "'" + abbreviate(s) + "' is not a date-time with offset (2026-11-23T10:00:00Z)");
        }
    }

    private static Boolean bool(JsonNode node, String path) {
        if (!node.isBoolean()) {
            throw new Invalid(path, "expected true or false, got " + describe(node));
        }
        return node.booleanValue();
    }

    private static String choice(Column c, JsonNode node, String path) {
        String s = string(node, path, "one of " + c.choices());
        if (!c.choices().contains(s)) {
            throw new Invalid(path, "'" + abbreviate(s) + "' is not one of " + c.choices());
        }
        return s;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string '" + abbreviate(node.textValue()) + "'";
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /**
     * Decodes a value this server wrote in wire form (history), without the column's current rules: a record restored
     * from history comes back as it was even if, say, a choice was dropped since.
     */
    static Object decodeStored(Column c, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (c.type()) {
            case TEXT, LONG_TEXT, CHOICE, EMAIL, PHONE -> node.asText();
            case INTEGER, REFERENCE -> node.asLong();
            case DECIMAL -> new BigDecimal(node.asText()).setScale(c.scale());
            case MONEY -> new Money(new BigDecimal(node.path("amount").asText()).setScale(c.scale()),
                    node.path("currency").asText());
            case DATE -> LocalDate.parse(node.asText());
            case DATETIME -> Instant.parse(node.asText());
            case BOOLEAN -> node.asBoolean();
        };
    }

    /** The wire form of a canonical value (null stays null). */
    static Object toWire(Column c, Object value) {
        return switch (value) {
            case null -> null;
            case Money m -> moneyWire(m);
            case LocalDate d -> d.toString();
            case Instant i -> i.toString();
            default -> value;
        };
    }

    private static Map<String, Object> moneyWire(Money m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("amount", m.amount().toPlainString());
        out.put("currency", m.currency());
        return out;
    }

    /** The wire form as a JSON tree. */
    static JsonNode toJsonNode(Column c, Object value) {
        return JSON.valueToTree(toWire(c, value));
    }

    /** The physical values of a canonical value: one, or two for money (amount, currency). */
    static Object[] toSql(Column c, Object value) {
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
            default -> value;
        }};
    }

    /** The physical value used to compare with a column in SQL (money compares its amount). */
    static Object toSqlScalar(Column c, Object value) {
        if (c.type() == ColumnType.MONEY && value instanceof BigDecimal amount) {
            return amount.setScale(c.scale()).unscaledValue().longValueExact();
        }
        return toSql(c, value)[0];
    }

    /** Reads the canonical value of {@code c} from the current row. */
    static Object read(ResultSet rs, Column c) throws SQLException {
        return readAs(rs, c, c.sql(), c.currencySql());
    }

    /** Reads a value of {@code c}'s type from result column {@code label} (money: currency from {@code curLabel}). */
    static Object readAs(ResultSet rs, Column c, String label, String curLabel) throws SQLException {
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
        };
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static BigDecimal unscaled(Long unscaled, int scale) {
        return unscaled == null ? null : BigDecimal.valueOf(unscaled, scale);
    }

    /** A value could not be parsed; {@link #path} names it. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String path;

        Invalid(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }
}
