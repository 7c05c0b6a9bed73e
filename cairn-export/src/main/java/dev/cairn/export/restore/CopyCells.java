package dev.cairn.export.restore;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.SqlValues;
import dev.cairn.workspace.model.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/**
 * The text of a value in a copy back to the value (docs/spec/export-format.md §4, the one rule for the text of values
 * that every format shares): the inverse of the export's {@code Cells}. Decimals keep the column's scale and must fit
 * it exactly. An attachment's text is its bundle path, kept as text here ({@link AttachedRows} resolves it).
 * A value the text cannot be is a {@link CopyException} naming where it is.
 */
public final class CopyCells {
    private CopyCells() {
    }

    /** The value of {@code text} for column {@code c} (money: the amount, with {@code currency}); null stays null. */
    public static Value parse(Column c, String text, String currency, String where) {
        return parse(c, text, currency, () -> where);
    }

    /** As {@link #parse(Column, String, String, String)}, the place named only when there is an error to tell. */
    public static Value parse(Column c, String text, String currency, Supplier<String> where) {
        if (text == null) {
            return null;
        }
        try {
            return switch (c.type()) {
                case TEXT, LONG_TEXT, CHOICE, EMAIL, PHONE -> new Value.Text(text);
                case INTEGER -> new Value.Whole(Long.parseLong(text));
                case REFERENCE -> new Value.Reference(Long.parseLong(text));
                case DECIMAL -> new Value.Decimal(decimal(c, text));
                case MONEY -> {
                    if (currency == null) {
                        throw new CopyException(where.get() + ": the amount " + text + " has no currency");
                    }
                    yield new Money(decimal(c, text), currency);
                }
                case DATE -> new Value.Date(SqlValues.isoDate(text));
                case DATETIME -> new Value.DateTime(Instant.parse(text));
                // the file's bundle path; AttachedRows turns it into the file the copy's index describes
                case ATTACHMENT -> new Value.Text(text);
                case BOOLEAN -> switch (text) {
                    case "true" -> new Value.Bool(true);
                    case "false" -> new Value.Bool(false);
                    default -> throw new CopyException(where.get() + ": '" + text + "' is not true or false");
                };
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new CopyException(where.get() + ": '" + abbreviate(text) + "' is not a " + c.type().wireName()
                    + " value");
        }
    }

    /** An exact decimal at the column's scale; a value with more digits than the scale is refused. */
    static BigDecimal decimal(Column c, String text) {
        return new BigDecimal(text).setScale(c.scale(), RoundingMode.UNNECESSARY);
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
