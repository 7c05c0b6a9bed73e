package dev.cairn.export.format;

import dev.cairn.export.ExportFixture;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/** Reads the bundle's workbook back with fastexcel-reader, by each table's field types. */
final class Xlsx {
    private Xlsx() {
    }

    static Map<String, List<List<Object>>> read(byte[] xlsx, ExportFixture f) throws Exception {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (var sheet : book.getSheets().toList()) {
                TableDef def = f.table(sheet.getName());
                List<Field> fields = Fields.of(def);
                List<List<Object>> rows = new ArrayList<>();
                for (Row row : sheet.read().subList(1, sheet.read().size())) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < fields.size(); i++) {
                        cells.add(text(fields.get(i), row.getOptionalCell(i)));
                    }
                    rows.add(Canonical.flat(def.columns().stream().map(c -> c.type()).toList(), cells));
                }
                out.put(sheet.getName(), rows);
            }
        }
        return out;
    }

    /** The canonical text of a cell for {@code field}: numbers get the column's scale back, dates their day. */
    private static String text(Field field, Optional<Cell> maybe) {
        if (maybe.isEmpty() || maybe.get().getType() == CellType.EMPTY) {
            return null;
        }
        Cell cell = maybe.get();
        if (cell.getType() == CellType.STRING) {
            return unescape(cell.asString());
        }
        ColumnType type = field.type();
        return switch (cell.getType()) {
            case BOOLEAN -> cell.asBoolean().toString();
            case NUMBER -> type == ColumnType.DATE ? cell.asDate().toLocalDate().toString()
                    : type == ColumnType.DECIMAL || type == ColumnType.MONEY
                    ? cell.asNumber().setScale(field.column().scale()).toPlainString()
                    : cell.asNumber().toBigIntegerExact().toString();
            default -> throw new AssertionError("unexpected cell " + cell);
        };
    }

    /** Decodes ECMA-376 {@code _xHHHH_} escapes as spreadsheets do (fastexcel-reader leaves them). */
    static String unescape(String text) {
        return java.util.regex.Pattern.compile("_x([0-9A-Fa-f]{4})_").matcher(text)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        Character.toString(Integer.parseInt(m.group(1), 16))));
    }

    /** How many formula cells the workbook's sheets hold. */
    static long formulas(byte[] xlsx) throws Exception {
        long n = 0;
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (var sheet : book.getSheets().toList()) {
                n += sheet.read().stream().flatMap(Row::stream)
                        .filter(c -> c != null && (c.getType() == CellType.FORMULA || c.getFormula() != null)).count();
            }
        }
        return n;
    }


}
