package dev.cairn.export.format;

import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.math.BigDecimal;
import org.dhatim.fastexcel.Worksheet;

/**
 * The cells of one value in a sheet. A spreadsheet number is a binary double with 15 significant digits, so a number
 * becomes a numeric cell only when the double is exactly it (integers within ±2^53, decimals of at most 15
 * significant digits), with a number format showing the column's scale; otherwise it is text with the exact digits.
 * Dates are date cells ({@code yyyy-mm-dd}); instants ISO 8601 text (a spreadsheet time has no zone and loses
 * milliseconds); booleans boolean cells; text always an inline string. Null is no cell; the empty text an empty string
 * cell.
 */
final class XlsxCells {
    private static final long EXACT_LIMIT = 1L << 53;

    private XlsxCells() {
    }

    static void write(Worksheet sheet, int r, int c, Field field, SnapshotRow row) {
        Value value = switch (field.kind()) {
            case ID -> new Value.Whole(row.id());
            case VERSION -> new Value.Whole(row.version());
            case VALUE -> row.values().get(field.index());
            case CURRENCY -> row.values().get(field.index()) instanceof Money m ? new Value.Text(m.currency()) : null;
        };
        switch (value) {
            case null -> { }
            case Value.Whole w -> whole(sheet, r, c, w.value());
            case Value.Reference ref -> whole(sheet, r, c, ref.id());
            case Value.Decimal d -> decimal(sheet, r, c, d.value());
            case Money m -> decimal(sheet, r, c, m.amount());
            case Value.Date d -> {
                sheet.value(r, c, d.date());
                sheet.style(r, c).format("yyyy-mm-dd").set();
            }
            case Value.Bool b -> sheet.value(r, c, b.value());
            default -> sheet.inlineString(r, c, ooxmlText(Cells.text(value)));
        }
    }

    private static final java.util.regex.Pattern ESCAPE = java.util.regex.Pattern.compile("_x[0-9A-Fa-f]{4}_");

    /**
     * Text as an OOXML string holds it (ECMA-376 ST_Xstring): a character XML cannot hold becomes {@code _xHHHH_},
     * and text that already looks like such an escape keeps its underscore as {@code _x005F_}.
     */
    static String ooxmlText(String text) {
        if (XmlFormat.representable(text) && text.indexOf("_x") < 0) {
            return text;
        }
        String kept = ESCAPE.matcher(text).replaceAll(m -> "_x005F_" + m.group().substring(1));
        StringBuilder b = new StringBuilder(kept.length());
        kept.codePoints().forEach(cp -> {
            if (XmlFormat.representable(Character.toString(cp))) {
                b.appendCodePoint(cp);
            } else {
                b.append(String.format("_x%04X_", cp));
            }
        });
        return b.toString();
    }

    private static void whole(Worksheet sheet, int r, int c, long n) {
        if (Math.abs(n) <= EXACT_LIMIT) {
            sheet.value(r, c, n);
        } else {
            sheet.inlineString(r, c, Long.toString(n));
        }
    }

    private static void decimal(Worksheet sheet, int r, int c, BigDecimal d) {
        if (!exactAsDouble(d)) {
            sheet.inlineString(r, c, d.toPlainString());
            return;
        }
        sheet.value(r, c, d);
        if (d.scale() > 0) {
            sheet.style(r, c).format("0." + "0".repeat(d.scale())).set();
        }
    }

    /** Whether a spreadsheet's double holds {@code d} exactly as the same decimal (at most 15 significant digits). */
    static boolean exactAsDouble(BigDecimal d) {
        return d.stripTrailingZeros().precision() <= 15
                && new BigDecimal(Double.toString(d.doubleValue())).compareTo(d) == 0;
    }
}
