package dev.cairn.workspace.model;

import java.util.List;
import java.util.Locale;

/**
 * Values typed as text, as a person writes them into a file's cell, a form field or a filter
 * ({@code docs/spec/http-api.md} §11): numbers with {@code .}, dates {@code yyyy-MM-dd}, booleans
 * {@code true/false/yes/no/1/0}, money {@code 12.50}, {@code 12.50 EUR} or {@code EUR 12.50}. Text of textual
 * columns is taken as it is; other text is stripped first, and empty text is no value. Stateless.
 */
public final class CellSyntax {
    private CellSyntax() {
    }

    /**
     * The canonical value {@code text} stands for in {@code column}, or null for empty text or a failure, which goes to
     * {@code errors}.
     */
    public static Object readInto(Column column, String text, String path, List<FieldError> errors) {
        try {
            return Value.canonicalOf(read(column, text, path));
        } catch (InvalidValue e) {
            errors.add(e.error());
            return null;
        }
    }

    /** The value {@code text} stands for in {@code column}, or null for empty text. */
    public static Value read(Column column, String text, String path) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (column.type().isTextual()) {
            return ValueRules.text(column, text, path);
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        return switch (column.type()) {
            case INTEGER -> new Value.Whole(whole(t, path, "a whole number"));
            case REFERENCE -> ValueRules.reference(whole(t, path, "the id of a record (a positive whole number)"),
                    path);
            case DECIMAL -> new Value.Decimal(ValueRules.decimalText(t, column.scale(), path));
            case MONEY -> money(column, t, path);
            case DATE -> ValueRules.date(t, path);
            case DATETIME -> ValueRules.dateTime(t, path);
            case BOOLEAN -> bool(t, path);
            case ATTACHMENT -> Attachment.pending(t, path);
            default -> throw new IllegalStateException("textual: " + column.type());
        };
    }

    private static long whole(String t, String path, String expected) {
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new InvalidValue(path, "expected " + expected + ", got " + ValueRules.aString(t));
        }
    }

    /**
     * {@code 12.50}, {@code 12.50 EUR} or {@code EUR 12.50}; a plain amount only where the column fixes the currency.
     */
    private static Money money(Column c, String t, String path) {
        String[] parts = t.split("\\s+");
        if (parts.length == 2) {
            boolean codeFirst = parts[0].matches("[A-Za-z]{3}");
            String amount = codeFirst ? parts[1] : parts[0];
            return ValueRules.money(c, ValueRules.decimalText(amount, c.scale(), path + ".amount"),
                    codeFirst ? parts[0] : parts[1], path);
        }
        if (c.currency() == null) {
            throw new InvalidValue(path, "expected an amount and its currency, such as 12.50 EUR, got "
                    + ValueRules.aString(t));
        }
        return new Money(ValueRules.decimalText(t, c.scale(), path), c.currency());
    }

    private static Value.Bool bool(String t, String path) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> new Value.Bool(true);
            case "false", "no", "0" -> new Value.Bool(false);
            default -> throw new InvalidValue(path, "expected true or false, got " + ValueRules.aString(t));
        };
    }
}
