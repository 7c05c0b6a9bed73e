package dev.cairn.billing.invoice;

import dev.cairn.billing.money.CurrencyUnit;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * An invoice or credit note as an A4 PDF (OpenPDF, as the workspace's reports): number, account, period, dates, the
 * line items with quantity and amount, and the total (the sum of the lines). Uses the standard Helvetica font, so
 * it embeds nothing; billing text is ASCII.
 */
public final class InvoicePdf {
    private static final Font TEXT = new Font(Font.HELVETICA, 9);
    private static final Font BOLD = new Font(Font.HELVETICA, 9, Font.BOLD);
    private static final Font TITLE = new Font(Font.HELVETICA, 16, Font.BOLD);

    private InvoicePdf() {
    }

    public static byte[] render(Invoice i) {
        CurrencyUnit c = CurrencyUnit.of(i.currency());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 48, 48, 48, 48);
        PdfWriter.getInstance(doc, out);
        String title = ("invoice".equals(i.kind()) ? "Invoice " : "Credit note ") + i.number();
        doc.addTitle(title);
        doc.addCreator("cairn");
        doc.open();
        doc.add(new Paragraph(title, TITLE));
        doc.add(new Paragraph("Account: " + i.accountName(), TEXT));
        doc.add(new Paragraph("Month: " + i.month() + " (" + day(i.periodStart()) + " to " + day(i.periodEnd()) + ")",
                TEXT));
        doc.add(new Paragraph("Issued: " + day(i.issuedAt()) + "    Due: " + day(i.dueAt()) + "    Status: "
                + (i.paid() ? "paid " + day(i.paidAt()) : "open"), TEXT));
        doc.add(new Paragraph(" ", TEXT));
        PdfPTable table = new PdfPTable(new float[] {60, 22, 18});
        table.setWidthPercentage(100);
        header(table, "Item", "Quantity", "Amount (" + c.code() + ")");
        for (Line l : i.lines()) {
            cell(table, l.description(), TEXT, Element.ALIGN_LEFT);
            cell(table, l.quantity(), TEXT, Element.ALIGN_RIGHT);
            cell(table, c.plain(l.amountMinor()), TEXT, Element.ALIGN_RIGHT);
        }
        cell(table, "Total", BOLD, Element.ALIGN_LEFT);
        cell(table, "", BOLD, Element.ALIGN_RIGHT);
        cell(table, c.plain(i.totalMinor()), BOLD, Element.ALIGN_RIGHT);
        doc.add(table);
        doc.close();
        return out.toByteArray();
    }

    private static void header(PdfPTable t, String... names) {
        for (String n : names) {
            cell(t, n, BOLD, Element.ALIGN_LEFT);
        }
    }

    private static void cell(PdfPTable t, String text, Font font, int align) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(align);
        cell.setPadding(4);
        t.addCell(cell);
    }

    private static String day(long millis) {
        return Instant.ofEpochMilli(millis).toString().substring(0, 10);
    }
}
