package dev.cairn.workspace.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire form of values (the JSON values of {@code docs/spec/http-api.md} §11), which is also how the change log and
 * column defaults store them: money as {@code {amount, currency}} with the amount as text, dates and instants as ISO
 * text, everything else as itself. Stateless.
 */
public final class WireValues {
    private WireValues() {
    }

    /** The wire form of a canonical value (null stays null). */
    public static Object toWire(Object canonical) {
        return switch (canonical) {
            case null -> null;
            case Money m -> moneyWire(m);
            case LocalDate d -> d.toString();
            case Instant i -> i.toString();
            case Attachment a -> a.wireMap();
            default -> canonical;
        };
    }

    private static Map<String, Object> moneyWire(Money m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("amount", m.amount().toPlainString());
        out.put("currency", m.currency());
        return out;
    }

    /** The wire form as a JSON tree. */
    public static JsonNode toJsonNode(Object canonical) {
        return StoredJson.MAPPER.valueToTree(toWire(canonical));
    }

    /**
     * Decodes a value this server wrote in wire form (history, defaults), without the column's current rules: a record
     * restored from history comes back as it was even if, say, a choice was dropped since.
     */
    public static Object decodeStored(Column c, JsonNode node) {
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
            case ATTACHMENT -> Attachment.fromWire(node);
        };
    }
}
