package dev.cairn.workspace.pdf;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfWriter;

/** Writes "{@code label} · page N" at the bottom of every page. One instance per document. */
final class PageFooter extends PdfPageEventHelper {
    private final PdfFonts fonts;
    private final String label;

    PageFooter(PdfFonts fonts, String label) {
        this.fonts = fonts;
        this.label = label;
    }

    @Override
    public void onEndPage(PdfWriter writer, Document document) {
        ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
                fonts.phrase(label + " · page " + writer.getPageNumber(), false, 7.5f),
                (document.left() + document.right()) / 2, document.bottom() - 20, 0);
    }
}
