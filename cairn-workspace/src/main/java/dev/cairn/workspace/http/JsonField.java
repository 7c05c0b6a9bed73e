package dev.cairn.workspace.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.workspace.model.Attachment;
import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.InvalidValue;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.Submitted;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.model.ValueRules;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A JSON value of a request body, read for the column it is given for (the types' JSON values of
 * {@code docs/spec/http-api.md} §11): strings for text, whole numbers for integers and record ids, numbers or numeric
 * strings for decimals, {@code {amount, currency}} (or a plain amount where the column fixes the currency) for money,
 * ISO strings for dates and date-times, {@code true}/{@code false}. Parsing never guesses: a wrong JSON kind is refused
 * naming the expected one. JSON {@code null} and the empty string are no value.
 */
record JsonField(JsonNode node) implements Submitted {

    @Override
    public Value read(Column c, String path) {
        if (node == null || node.isNull() || node.isTextual() && node.textValue().isEmpty()) {
            return null;
        }
        return switch (c.type()) {
            case TEXT, LONG_TEXT -> ValueRules.text(c, string(path, "a string"), path);
            case CHOICE -> ValueRules.text(c, string(path, "one of " + c.choices()), path);
            case EMAIL -> ValueRules.text(c, string(path, "an email address"), path);
            case PHONE -> ValueRules.text(c, string(path, "a phone number"), path);
            case INTEGER -> new Value.Whole(whole(path, "a whole number between " + Long.MIN_VALUE + " and "
                    + Long.MAX_VALUE));
            case REFERENCE -> reference(path);
            case DECIMAL -> new Value.Decimal(decimal(node, c.scale(), path));
            case MONEY -> money(c, path);
            case DATE -> ValueRules.date(string(path, "a date (yyyy-MM-dd)"), path);
            case DATETIME -> ValueRules.dateTime(string(path, "a date-time (2026-11-23T10:00:00Z)"), path);
            case BOOLEAN -> bool(path);
            case ATTACHMENT -> attachment(path);
        };
    }

    /** {@code {"id": "..."}} (other members, as a record read back has them, are ignored) or the id as a string. */
    private Value attachment(String path) {
        if (node.isObject()) {
            JsonNode id = node.get("id");
            return Attachment.pending(id == null || !id.isTextual() ? null : id.textValue(), path + ".id");
        }
        return Attachment.pending(string(path, "{\"id\": \"<upload id>\"}"), path);
    }

    private String string(String path, String expected) {
        return string(node, path, expected);
    }

    private static String string(JsonNode node, String path, String expected) {
        if (!node.isTextual()) {
            throw new InvalidValue(path, "expected " + expected + " (a JSON string), got " + describe(node));
        }
        return node.textValue();
    }

    private long whole(String path, String expected) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidValue(path, "expected " + expected + ", got " + describe(node));
        }
        return node.longValue();
    }

    private Value reference(String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
            throw new InvalidValue(path, "expected the id of a record (a positive whole number), got "
                    + describe(node));
        }
        return new Value.Reference(node.longValue());
    }

    private static BigDecimal decimal(JsonNode node, int scale, String path) {
        if (node.isNumber()) {
            return ValueRules.decimal(node.decimalValue(), scale, path);
        }
        if (node.isTextual()) {
            return ValueRules.decimalText(node.textValue(), scale, path);
        }
        throw new InvalidValue(path, "expected a number, got " + describe(node));
    }

    private Money money(Column c, String path) {
        if (!node.isObject()) {
            if (c.currency() != null && (node.isNumber() || node.isTextual())) {
                return new Money(decimal(node, c.scale(), path), c.currency());
            }
            throw new InvalidValue(path, "expected {\"amount\": \"12.50\", \"currency\": \"EUR\"}"
                    + (c.currency() == null ? "" : " or a plain amount") + ", got " + describe(node));
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("amount") && !name.equals("currency")) {
                throw new InvalidValue(path + "." + name, "unknown member; a money value has 'amount' and 'currency'");
            }
        }
        JsonNode amount = node.get("amount");
        if (amount == null || amount.isNull()) {
            throw new InvalidValue(path + ".amount", "is missing");
        }
        BigDecimal value = decimal(amount, c.scale(), path + ".amount");
        JsonNode cur = node.get("currency");
        String currency = cur == null || cur.isNull() ? null : string(cur, path + ".currency", "a currency code");
        return ValueRules.money(c, value, currency, path);
    }

    private Value bool(String path) {
        if (!node.isBoolean()) {
            throw new InvalidValue(path, "expected true or false, got " + describe(node));
        }
        return new Value.Bool(node.booleanValue());
    }

    /** A JSON value as messages show it: its kind, and short values themselves. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> ValueRules.aString(node.textValue());
            case NUMBER -> "the number " + node.asText();
            case BOOLEAN -> node.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
