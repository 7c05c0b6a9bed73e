package dev.cairn.workspace.pdf;

import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.reports.ReportResult;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * A report result as a PDF: the report's name, the workspace's name, the generated-at time and the conditions the rows
 * meet (the report's filters and a share link's row restriction, in words) on top, then the result table with column
 * labels in its header row (repeated on every page), values as pages show them ({@link ReportResult#display}: numbers
 * right-aligned with thousands separators, money to its currency's decimals, referenced records by name), the totals
 * row(s) at the end, and a footer with the page number. A4, turned to landscape when the columns would not fit upright. Fonts are embedded
 * ({@link PdfFonts}), so any text prints or shows a visible replacement character. Rows are added in slices, so a long
 * result does not hold its whole table layout in memory. Stateless and thread-safe.
 */
public final class ReportPdf {
    /** {@code 2026-11-23 10:15:30 CET}: when a result was computed, to the second, in the reader's time zone. */
    public static String generatedAt(java.time.Instant at) {
        return dev.cairn.server.ViewerZone.second(at);
    }
    static final float TEXT_SIZE = 8.5f;
    private static final float MARGIN = 36;
    private static final int SLICE_ROWS = 200;
    private static final Color HEADER_BACKGROUND = new Color(0xE8, 0xEC, 0xF0);

    private ReportPdf() {
    }

    /** The PDF of {@code result} of a report of workspace {@code workspaceName}. */
    public static byte[] render(ReportResult result, String workspaceName) {
        PdfFonts fonts = PdfFonts.get();
        ColumnWidths widths = ColumnWidths.of(result);
        Rectangle page = widths.fitsUpright(PageSize.A4.getWidth() - 2 * MARGIN) ? PageSize.A4 : PageSize.A4.rotate();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(page, MARGIN, MARGIN, MARGIN, MARGIN + 12);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        String title = result.name() == null ? "Report" : result.name();
        writer.setPageEvent(new PageFooter(fonts, workspaceName + " · " + title));
        doc.addTitle(title);
        doc.addSubject("Report of workspace " + workspaceName);
        doc.addCreator("cairn");
        doc.addCreationDate(pdfDate(result));
        doc.open();
        heading(doc, fonts, result, workspaceName, title);
        table(doc, writer, fonts, result, widths);
        doc.close();
        return out.toByteArray();
    }

    private static PdfDate pdfDate(ReportResult result) {
        Calendar at = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        at.setTimeInMillis(result.generatedAt().toEpochMilli());
        return new PdfDate(at);
    }

    private static void heading(Document doc, PdfFonts fonts, ReportResult result, String workspace, String title) {
        Paragraph name = new Paragraph(fonts.phrase(title, true, 14));
        doc.add(name);
        doc.add(new Paragraph(fonts.phrase("Workspace: " + workspace, false, 9)));
        Paragraph meta = new Paragraph(fonts.phrase("Generated at " + generatedAt(result.generatedAt())
                + " · " + result.rowCount(), false, 9));
        doc.add(meta);
        Paragraph conditions = new Paragraph(fonts.phrase(result.conditions().isEmpty() ? "All rows (no filters)."
                : "Rows where: " + String.join("; ", result.conditions()) + ".", false, 9));
        conditions.setSpacingAfter(10);
        doc.add(conditions);
    }

    private static void table(Document doc, PdfWriter writer, PdfFonts fonts, ReportResult result,
            ColumnWidths widths) {
        List<ReportResult.ResultColumn> columns = result.columns();
        PdfPTable table = new PdfPTable(Math.max(1, columns.size()));
        table.setWidthPercentage(100);
        if (!columns.isEmpty()) {
            table.setWidths(widths.relative());
        }
        table.setHeaderRows(1);
        table.setComplete(false);
        for (ReportResult.ResultColumn c : columns) {
            PdfPCell cell = cell(fonts.phrase(c.label(), true, TEXT_SIZE), c.numeric());
            cell.setBackgroundColor(HEADER_BACKGROUND);
            table.addCell(cell);
        }
        int added = 0;
        for (List<Value> row : result.rows()) {
            for (int i = 0; i < columns.size(); i++) {
                table.addCell(cell(fonts.phrase(result.display(i, row.get(i)), false, TEXT_SIZE),
                        columns.get(i).numeric()));
            }
            if (++added % SLICE_ROWS == 0) {
                writeSlice(doc, writer, table, added == SLICE_ROWS);
            }
        }
        if (result.rows().isEmpty()) {
            PdfPCell none = cell(fonts.phrase("No rows.", false, TEXT_SIZE), false);
            none.setColspan(Math.max(1, columns.size()));
            table.addCell(none);
        }
        for (List<Value> total : result.totals()) {
            for (int i = 0; i < columns.size(); i++) {
                String text = i == 0 && total.get(i) == null ? "Total" : result.display(i, total.get(i));
                PdfPCell cell = cell(fonts.phrase(text, true, TEXT_SIZE), columns.get(i).numeric());
                cell.setBackgroundColor(HEADER_BACKGROUND);
                table.addCell(cell);
            }
        }
        table.setComplete(true);
        writeSlice(doc, writer, table, added <= SLICE_ROWS);
    }

    /**
     * Writes the rows added since the last slice. OpenPDF continues a sliced table without its header (right, in the
     * middle of a page), but it also leaves the header out when the slice begins at the top of a page (the previous
     * slice filled its last page exactly, or this slice's first row does not fit below it); then the header is put
     * back here.
     */
    private static void writeSlice(Document doc, PdfWriter writer, PdfPTable table, boolean first) {
        int firstBodyRow = table.getHeaderRows();
        if (!first && table.size() > firstBodyRow) {
            float y = writer.getVerticalPosition(false);
            if (y - doc.bottom() < table.getRowHeight(firstBodyRow)) {
                doc.newPage();
                table.setSkipFirstHeader(false);
            } else if (y >= doc.top()) {
                table.setSkipFirstHeader(false);
            }
        }
        doc.add(table);
    }

    private static PdfPCell cell(org.openpdf.text.Phrase content, boolean numeric) {
        PdfPCell cell = new PdfPCell(content);
        cell.setHorizontalAlignment(numeric ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
        cell.setVerticalAlignment(Element.ALIGN_TOP);
        cell.setPadding(3);
        cell.setBorderColor(Color.LIGHT_GRAY);
        cell.setBorderWidth(0.5f);
        return cell;
    }
}
