package dev.cairn.workspace.reports;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.pdf.ReportPdf;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TableSpec;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * Reports in people's words: column labels, referenced records by name, money to its currency's decimals, reference
 * filters by name, the totals row over every matching row, and the PDF stating filters, restriction and totals.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class ReportWordsTest {
    final WorkspaceFixture f;
    final ReportService reports;
    long acme;

    ReportWordsTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
        this.reports = f.ws.reports();
    }

    @BeforeEach
    void data() {
        f.ws.tables().create(f.ann, new TableSpec("customers", "Customers", List.of(ColumnSpec.of("name", TEXT),
                ColumnSpec.of("billing_address", TEXT))));
        f.ws.tables().create(f.ann, new TableSpec("orders", "Orders", List.of(
                ColumnSpec.of("customer", REFERENCE).referencing("customers"),
                new ColumnSpec("total", "Order total", MONEY, null, null, null, null, 4, null, null, null, null,
                        null),
                ColumnSpec.of("quantity", INTEGER), ColumnSpec.of("status", CHOICE).withChoices("open", "paid"))));
        acme = customer("Acme", "1 Road");
        long beta = customer("Beta", "2 Street");
        order(acme, "1234.5", "EUR", 1000, "open");
        order(acme, "99", "EUR", 3, "paid");
        order(acme, "1500", "JPY", 2, "paid");
        order(beta, "7.25", "EUR", 4, "open");
    }

    @AfterEach
    void close() {
        f.close();
    }

    long customer(String name, String address) {
        return (Long) f.records().create(f.ann, "customers", json("{'name': '" + name + "', 'billing_address': '"
                + address + "'}")).get("id");
    }

    void order(long customer, String amount, String currency, int quantity, String status) {
        f.records().create(f.ann, "orders", json("{'customer': " + customer + ", 'total': {'amount': '" + amount
                + "', 'currency': '" + currency + "'}, 'quantity': " + quantity + ", 'status': '" + status + "'}"));
    }

    private static ReportSpec.Filter filter(String column, String op, String value) {
        return new ReportSpec.Filter(column, op, TextNode.valueOf(value), null);
    }

    @Test
    void aListShowsLabelsRecordNamesAndFormattedMoneyWithTotalsPerCurrency() {
        ReportResult r = reports.preview(f.ann, new ReportSpec(null, "Orders of Acme", "orders",
                List.of("customer", "customer.billing_address", "total", "quantity"),
                List.of(filter("customer", "eq", "acme")), null, null, null, null));
        assertThat(r.columns()).extracting(ReportResult.ResultColumn::label)
                .containsExactly("Customer", "Customer › Billing address", "Order total", "Quantity");
        assertThat(r.columns()).extracting(ReportResult.ResultColumn::name)
                .containsExactly("customer", "customer.billing_address", "total", "quantity");
        assertThat(r.rows()).hasSize(3);
        assertThat(r.display(0, r.rows().getFirst().get(0))).isEqualTo("Acme");
        assertThat(r.display(2, r.rows().getFirst().get(2))).isEqualTo("1,234.50 EUR");
        assertThat(r.display(3, r.rows().getFirst().get(3))).isEqualTo("1,000");
        assertThat(r.display(2, r.rows().get(2).get(2))).isEqualTo("1,500 JPY");
        assertThat(r.conditions()).containsExactly("Customer equals Acme");
        assertThat(r.matched()).isEqualTo(3);
        // one totals row per currency; the quantity is summed within each
        assertThat(r.totals()).hasSize(2);
        assertThat(r.totals().stream().map(t -> r.display(2, t.get(2)) + " / " + r.display(3, t.get(3))).toList())
                .containsExactly("1,333.50 EUR / 1,003", "1,500 JPY / 2");

        String csv = ReportCsv.forPeople(r);
        assertThat(csv.lines().toList().getFirst())
                .isEqualTo("Customer,Customer › Billing address,Order total,Order total currency,Quantity");
        assertThat(csv).contains("Acme,1 Road,1234.50,EUR,1000\r\n").contains("Acme,1 Road,1500,JPY,2\r\n");
        assertThat(ReportCsv.write(r).lines().toList().getFirst())
                .isEqualTo("customer,customer.billing_address,total,total_currency,quantity");
        assertThat(ReportCsv.write(r)).contains(acme + ",1 Road,1234.5000,EUR,1000");
    }

    @Test
    void aGroupedReportLabelsItsTotalsAndTotalsEveryMatchingRow() throws IOException {
        ReportResult r = reports.preview(f.ann, new ReportSpec(null, "By customer", "orders", null,
                List.of(filter("status", "eq", "open")), List.of("customer"),
                List.of(new ReportSpec.Aggregate("sum", "quantity"), new ReportSpec.Aggregate("count", null)),
                null, 1));
        assertThat(r.columns()).extracting(ReportResult.ResultColumn::label)
                .containsExactly("Customer", "Quantity (sum)", "Count");
        assertThat(r.rows()).hasSize(1); // the limit
        assertThat(r.rowCount()).isEqualTo("1 row from 2 matching records");
        assertThat(r.totals()).hasSize(1);
        assertThat(r.totals().getFirst().get(0)).isNull();
        assertThat(r.display(1, r.totals().getFirst().get(1))).isEqualTo("1,004");
        assertThat(r.display(2, r.totals().getFirst().get(2))).isEqualTo("2");

        String pdf = new PdfTextExtractor(new PdfReader(ReportPdf.render(r, "ann"))).getTextFromPage(1);
        assertThat(pdf).contains("Rows where: Status equals open.", "Customer Quantity (sum)", "Count", "Acme 1,000 1",
                "Total 1,004 2").doesNotContain("sum_quantity");
    }

    @Test
    void referenceFiltersTakeARecordsNameAndStoreItsId() {
        ReportSpec saved = reports.create(f.ann, new ReportSpec(null, "Acme's", "orders", List.of("quantity"),
                List.of(filter("customer", "eq", " ACME ")), null, null, null, null));
        assertThat(saved.filters().getFirst().value().asLong()).isEqualTo(acme);
        f.records().update(f.ann, "customers", acme, 1L, json("{'name': 'Acme Ltd'}"));
        ReportResult r = reports.run(f.ann, saved.id());
        assertThat(r.rows()).hasSize(3);
        assertThat(r.conditions()).containsExactly("Customer equals Acme Ltd");

        assertThatThrownBy(() -> reports.preview(f.ann, new ReportSpec(null, "x", "orders", null,
                List.of(filter("customer", "eq", "Gamma")), null, null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().getFirst().message())
                        .isEqualTo("no record of Customers is called 'Gamma'"));
        customer("Beta", "elsewhere");
        assertThatThrownBy(() -> reports.preview(f.ann, new ReportSpec(null, "x", "orders", null,
                List.of(filter("customer", "eq", "beta")), null, null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().getFirst().message())
                        .startsWith("2 records of Customers are called 'beta'; write one's number instead (#"));
    }

    @Test
    void aRestrictedResultStatesItsRestrictionInThePdf() throws IOException {
        ReportSpec saved = reports.create(f.ann, new ReportSpec(null, "All orders", "orders",
                List.of("customer", "total"), List.of(filter("status", "eq", "paid")), null, null, null, null));
        FixedRow fixed = reports.fixedRow(f.ann, saved.id(), "customer", acme);
        ReportResult r = reports.run(f.ann, saved.id(), fixed);
        assertThat(r.conditions()).containsExactly("Status equals paid", "Only rows of Customer: Acme");
        String pdf = new PdfTextExtractor(new PdfReader(ReportPdf.render(r, "ann"))).getTextFromPage(1);
        assertThat(pdf).contains("Rows where: Status equals paid; Only rows of Customer: Acme.", "Customer Order total",
                "Acme 99.00 EUR", "Acme 1,500 JPY", "Total 99.00 EUR", "Total 1,500 JPY");
    }
}
