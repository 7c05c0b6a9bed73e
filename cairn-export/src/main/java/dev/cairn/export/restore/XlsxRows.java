package dev.cairn.export.restore;

import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.TableDef;
import dev.cairn.workspace.snapshot.Snapshot;
import dev.cairn.workspace.snapshot.SnapshotRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * {@code xlsx/workspace.xlsx}: a sheet per table named by the table (cut to 31 characters), continued on sheets whose
 * names carry {@code ~n}; row 1 the flat field names. No cell is null, a string cell text ({@code _xHHHH_} escapes
 * decoded), a numeric cell a number given back the column's scale (or a day for a date column), a boolean cell a
 * boolean. Streamed row by row with fastexcel-reader.
 */
final class XlsxRows implements CopyRows {
    static final String PATH = "xlsx/workspace.xlsx";
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");
    private final Path file;

    XlsxRows(Path dir) {
        this.file = dir.resolve(PATH);
        if (!Files.isRegularFile(file)) {
            throw new CopyException("the copy has no " + PATH);
        }
    }

    @Override
    public String format() {
        return "xlsx";
    }

    @Override
    public long rows(TableDef table, Snapshot.Sink<SnapshotRow> sink) throws Exception {
        FlatRows flat = new FlatRows(table);
        List<ColumnType> types = types(table);
        String first = table.name().length() > 31 ? table.name().substring(0, 31) : table.name();
        long n = 0;
        try (ReadableWorkbook book = new ReadableWorkbook(file.toFile())) {
            boolean in = false;
            for (Sheet sheet : book.getSheets().toList()) {
                boolean continues = in && sheet.getName().contains("~");
                if (!sheet.getName().equals(first) && !continues) {
                    if (in) {
                        break;
                    }
                    continue;
                }
                in = true;
                n = sheet(sheet, flat, types, table, sink, n);
            }
            if (!in) {
                throw new CopyException(PATH + ": no sheet '" + first + "'");
            }
        }
        return n;
    }

    private static long sheet(Sheet sheet, FlatRows flat, List<ColumnType> types, TableDef table,
            Snapshot.Sink<SnapshotRow> sink, long n) throws Exception {
        try (Stream<Row> rows = sheet.openStream()) {
            Iterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                throw new CopyException(PATH + ": sheet '" + sheet.getName() + "' has no header");
            }
            flat.checkHeader(cells(it.next(), types, null, true), PATH + " sheet '" + sheet.getName() + "'");
            while (it.hasNext()) {
                n++;
                String where = PATH + " sheet '" + sheet.getName() + "' record " + n;
                sink.accept(flat.row(cells(it.next(), types, table, false), where));
            }
        }
        return n;
    }

    /** The field types of the flat layout (money amounts as money, currencies as text). */
    private static List<ColumnType> types(TableDef table) {
        List<ColumnType> out = new ArrayList<>(List.of(ColumnType.INTEGER, ColumnType.INTEGER));
        table.columns().forEach(c -> {
            out.add(c.type());
            if (c.type() == ColumnType.MONEY) {
                out.add(ColumnType.TEXT);
            }
        });
        return out;
    }

    private static List<String> cells(Row row, List<ColumnType> types, TableDef table, boolean header)
            throws IOException {
        List<String> out = new ArrayList<>(types.size());
        List<Integer> scales = new ArrayList<>(List.of(0, 0));
        if (table != null) {
            table.columns().forEach(c -> {
                scales.add(c.scale());
                if (c.type() == ColumnType.MONEY) {
                    scales.add(0);
                }
            });
        }
        for (int i = 0; i < types.size(); i++) {
            Optional<Cell> cell = row.getOptionalCell(i);
            out.add(cell.isEmpty() ? null : text(cell.get(), header ? ColumnType.TEXT : types.get(i),
                    header ? 0 : scales.get(i)));
        }
        return out;
    }

    private static String text(Cell cell, ColumnType type, int scale) {
        return switch (cell.getType()) {
            case EMPTY -> null;
            case STRING -> unescape(cell.asString());
            case BOOLEAN -> cell.asBoolean().toString();
            case NUMBER -> number(cell, type, scale);
            default -> throw new CopyException(PATH + ": cell " + cell.getAddress() + " is a " + cell.getType()
                    + ", which the export never writes");
        };
    }

    private static String number(Cell cell, ColumnType type, int scale) {
        BigDecimal n = cell.asNumber();
        return switch (type) {
            case DATE -> cell.asDate().toLocalDate().toString();
            case DECIMAL, MONEY -> n.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
            default -> n.toBigIntegerExact().toString();
        };
    }

    /** Decodes ECMA-376 {@code _xHHHH_} escapes ({@code _x005F_} gives back the underscore of an escape-like text). */
    static String unescape(String text) {
        if (text.indexOf("_x") < 0) {
            return text;
        }
        return ESCAPE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                Character.toString(Integer.parseInt(m.group(1), 16))));
    }
}
