package dev.cairn.workspace.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.workspace.model.Money;
import dev.cairn.workspace.model.Value;
import dev.cairn.workspace.reports.ReportResult;
import dev.cairn.workspace.reports.ReportResult.ResultColumn;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/** Report PDFs read back with OpenPDF's own parser: heading, cells, header repetition, page shape, non-Latin text. */
class ReportPdfTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    private static final List<ResultColumn> ORDER_COLUMNS = List.of(new ResultColumn("customer", "text"),
            new ResultColumn("items", "integer"), new ResultColumn("total", "money"));

    /** A result of rows given in wire form (text, whole numbers, decimals, {amount, currency}). */
    static ReportResult result(List<ResultColumn> columns, List<List<Object>> rows) {
        return ReportResult.of("Open orders", "orders", AT, columns, rows.stream().map(row -> row.stream()
                .map(ReportPdfTest::value).toList()).toList());
    }

    private static Value value(Object wire) {
        return switch (wire) {
            case String s -> new Value.Text(s);
            case Long n -> new Value.Whole(n);
            case BigDecimal d -> new Value.Decimal(d);
            case Map<?, ?> m -> new Money(new BigDecimal((String) m.get("amount")), (String) m.get("currency"));
            default -> throw new IllegalArgumentException(String.valueOf(wire));
        };
    }

    static String page(byte[] pdf, int page) throws IOException {
        return new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(page);
    }

    @Test
    void theFirstPageNamesTheReportTheWorkspaceAndWhenItWasGenerated() throws IOException {
        byte[] pdf = ReportPdf.render(result(ORDER_COLUMNS, List.of(
                List.of("Acme", 3L, Map.of("amount", "20.50", "currency", "EUR")),
                List.of("Beta", 1L, Map.of("amount", "-1.25", "currency", "USD")))), "ann's shop");
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        String text = page(pdf, 1);
        assertThat(text).contains("Open orders", "Workspace: ann's shop", "Generated at 2026-11-23 10:15:30 UTC",
                "2 rows", "customer", "items", "total", "Acme", "20.50 EUR", "-1.25 USD", "Beta");
        assertThat(new PdfReader(pdf).getInfo()).containsEntry("Title", "Open orders");
    }

    @Test
    void aLongResultRepeatsTheHeaderOnEveryPage() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 400; i++) {
            rows.add(List.of("customer-" + i, (long) i, Map.of("amount", i + ".00", "currency", "EUR")));
        }
        byte[] pdf = ReportPdf.render(result(ORDER_COLUMNS, rows), "ws");
        PdfReader reader = new PdfReader(pdf);
        assertThat(reader.getNumberOfPages()).isGreaterThan(3);
        for (int p = 1; p <= reader.getNumberOfPages(); p++) {
            String text = new PdfTextExtractor(reader).getTextFromPage(p);
            assertThat(text).as("page " + p).contains("customer items total").contains("page " + p);
        }
        String last = new PdfTextExtractor(reader).getTextFromPage(reader.getNumberOfPages());
        assertThat(last).contains("customer-400", "400.00 EUR");
    }

    @Test
    void narrowResultsAreUprightAndWideOnesLandscape() throws IOException {
        byte[] narrow = ReportPdf.render(result(ORDER_COLUMNS, List.of()), "ws");
        Rectangle upright = new PdfReader(narrow).getPageSizeWithRotation(1);
        assertThat(upright.getHeight()).isGreaterThan(upright.getWidth());
        assertThat(page(narrow, 1)).contains("No rows.", "0 rows");

        List<ResultColumn> wide = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            wide.add(new ResultColumn("column_number_" + i, "text"));
            row.add("a value of some length " + i);
        }
        Rectangle landscape = new PdfReader(ReportPdf.render(result(wide, List.of(row)), "ws"))
                .getPageSizeWithRotation(1);
        assertThat(landscape.getWidth()).isGreaterThan(landscape.getHeight());
    }

    @Test
    void nonLatinTextIsEmbeddedAndUncoveredCharactersAreVisiblyReplaced() throws IOException {
        List<ResultColumn> columns = List.of(new ResultColumn("name", "text"), new ResultColumn("amount", "decimal"));
        byte[] pdf = ReportPdf.render(result(columns, List.of(List.of("Zoë", new BigDecimal("1000.5")),
                List.of("Łódź", new BigDecimal("-2")), List.of("東京", BigDecimal.ONE),
                List.of("Москва Αθήνα", BigDecimal.TEN), List.of("tab\there \uD83E\uDEE0 end", BigDecimal.ZERO))),
                "Zoë's Łódź 東京");
        String text = page(pdf, 1);
        assertThat(text).contains("Zoë's Łódź 東京", "Zoë", "Łódź", "東京", "Москва Αθήνα", "1,000.5");
        assertThat(PdfFonts.get().covers(0x1FAE0)).isFalse(); // a recent emoji none of the bundled fonts has
        assertThat(text).contains("tab here \uFFFD end");
    }
}
