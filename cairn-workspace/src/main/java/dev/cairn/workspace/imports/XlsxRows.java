package dev.cairn.workspace.imports;

import dev.cairn.workspace.model.Column;
import dev.cairn.workspace.model.ColumnType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The first sheet of an XLSX workbook as {@link RowSource} (streaming, via fastexcel-reader). Cells become text:
 * numbers in plain notation, booleans as true/false, formulas as their cached result. Dates are numbers in XLSX (serial
 * days since 1899-12-30), converted for date and date-time columns by {@link #serialDate}.
 */
final class XlsxRows implements RowSource {
    private static final LocalDate EPOCH = LocalDate.of(1899, 12, 30);
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private int line;

    /** @throws UnreadableFileException if the file is not a workbook that can be read (see there) */
    XlsxRows(Path file) throws UnreadableFileException {
        ReadableWorkbook opened = null;
        try {
            opened = new ReadableWorkbook(file.toFile());
            this.stream = opened.getFirstSheet().openStream();
            this.rows = stream.iterator();
            this.workbook = opened;
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened, e);
            throw UnreadableFileException.xlsx(e);
        }
    }

    private static void closeQuietly(ReadableWorkbook workbook, Exception failure) {
        if (workbook != null) {
            try {
                workbook.close();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public List<String> header() throws UnreadableFileException {
        List<String> header = next();
        return header == null ? List.of() : header.stream().map(h -> h == null ? "" : h.strip()).toList();
    }

    @Override
    public List<String> next() throws UnreadableFileException {
        try {
            if (!rows.hasNext()) {
                return null;
            }
            Row row = rows.next();
            line = row.getRowNum();
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.getCellCount(); i++) {
                cells.add(text(row.getCell(i)));
            }
            while (!cells.isEmpty() && (cells.getLast() == null || cells.getLast().isEmpty())) {
                cells.removeLast();
            }
            return cells;
        } catch (RuntimeException e) {
            throw UnreadableFileException.xlsx(e);
        }
    }

    private static String text(Cell cell) {
        if (cell == null || cell.getRawValue() == null) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> new BigDecimal(cell.getRawValue()).stripTrailingZeros().toPlainString();
            case BOOLEAN -> Boolean.toString("1".equals(cell.getRawValue()) || "true".equalsIgnoreCase(cell.getRawValue()));
            default -> cell.getText();
        };
    }

    /** A serial date number in a date or date-time column as ISO text; any other value unchanged. */
    static String serialDate(Column c, String text) {
        if (text == null || !text.matches("\\d+(\\.\\d+)?")
                || c.type() != ColumnType.DATE && c.type() != ColumnType.DATETIME) {
            return text;
        }
        BigDecimal serial = new BigDecimal(text);
        LocalDate day = EPOCH.plusDays(serial.longValue());
        if (c.type() == ColumnType.DATE) {
            return day.toString();
        }
        long millis = serial.subtract(new BigDecimal(serial.longValue())).multiply(BigDecimal.valueOf(86_400_000L))
                .setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        return LocalDateTime.of(day, java.time.LocalTime.MIDNIGHT).plusNanos(millis * 1_000_000)
                .atOffset(ZoneOffset.UTC).toString();
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public boolean serialDates() {
        return true;
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
