package dev.cairn.workspace.reports;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.CHOICE;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.db.Dialect;
import dev.cairn.server.error.ServiceException;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.model.FieldError;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.ReportsInUseException;
import dev.cairn.workspace.schema.TablePatch;
import dev.cairn.workspace.schema.TableSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Reports computed by the database: filters, one reference level, grouping, aggregates, sort; on both dialects. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class ReportServiceTest {
    final WorkspaceFixture f;
    final ReportService reports;

    ReportServiceTest(Dialect dialect) {
        this.f = new WorkspaceFixture(dialect);
        this.reports = f.ws.reports();
    }

    @BeforeEach
    void data() {
        f.ws.tables().create(f.ann, new TableSpec("customers", null, List.of(ColumnSpec.of("name", TEXT),
                ColumnSpec.of("country", CHOICE).withChoices("DE", "FR"))));
        f.ws.tables().create(f.ann, new TableSpec("orders", null, List.of(
                ColumnSpec.of("customer", REFERENCE).referencing("customers"), ColumnSpec.of("total", MONEY),
                ColumnSpec.of("items", INTEGER), ColumnSpec.of("status", CHOICE).withChoices("open", "paid"),
                ColumnSpec.of("note", TEXT))));
        long acme = customer("Acme", "DE");
        long beta = customer("Beta", "FR");
        order(acme, "10.00", "EUR", 1, "open", "=HYPERLINK(\"http://evil\")");
        order(acme, "20.50", "EUR", 3, "paid", "+1 call");
        order(acme, "5.00", "USD", 2, "paid", "-2");
        order(beta, "7.25", "EUR", 4, "open", "@admin <b>x</b>");
        order(beta, "-1.25", "EUR", 1, "open", null);
    }

    @AfterEach
    void close() {
        f.close();
    }

    long customer(String name, String country) {
        return (Long) f.records().create(f.ann, "customers", json("{'name': '" + name + "', 'country': '"
                + country + "'}")).get("id");
    }

    void order(long customer, String amount, String currency, int items, String status, String note) {
        var body = json("{'customer': " + customer + ", 'total': {'amount': '" + amount + "', 'currency': '"
                + currency + "'}, 'items': " + items + ", 'status': '" + status + "'}");
        if (note != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("note", note);
        }
        f.records().create(f.ann, "orders", body);
    }

    static ReportSpec grouped(List<String> groupBy, List<ReportSpec.Aggregate> aggregates,
            List<ReportSpec.Filter> filters, List<ReportSpec.Sort> sort) {
        return new ReportSpec(null, "r", "orders", null, filters, groupBy, aggregates, sort, null);
    }

    @Test
    void groupsAndAggregatesThroughAReferenceAndPerCurrency() {
        var result = reports.preview(f.ann, grouped(List.of("customer.name"), List.of(
                new ReportSpec.Aggregate("count", null), new ReportSpec.Aggregate("sum", "total"),
                new ReportSpec.Aggregate("sum", "items"), new ReportSpec.Aggregate("avg", "items"),
                new ReportSpec.Aggregate("max", "total")), null,
                List.of(new ReportSpec.Sort("count", true))));
        assertThat(result.columns()).extracting(ReportResult.ResultColumn::name).containsExactly("customer.name",
                "count", "sum_total", "sum_items", "avg_items", "max_total");
        assertThat(JsonRecords.wireRows(result.rows())).containsExactly(
                List.of("Acme", 2L, Map.of("amount", "30.50", "currency", "EUR"), 4L, new BigDecimal("2.00"),
                        Map.of("amount", "20.50", "currency", "EUR")),
                List.of("Beta", 2L, Map.of("amount", "6.00", "currency", "EUR"), 5L, new BigDecimal("2.50"),
                        Map.of("amount", "7.25", "currency", "EUR")),
                List.of("Acme", 1L, Map.of("amount", "5.00", "currency", "USD"), 2L, new BigDecimal("2.00"),
                        Map.of("amount", "5.00", "currency", "USD")));
    }

    @Test
    void listsSelectedColumnsFilteredThroughAReference() {
        var result = reports.preview(f.ann, new ReportSpec(null, "r", "orders", List.of("customer.name", "items",
                "status"), List.of(new ReportSpec.Filter("customer.country", "eq", TextNode.valueOf("DE"), null),
                new ReportSpec.Filter("items", "gte", IntNode.valueOf(2), null),
                new ReportSpec.Filter("status", "in", null, List.of(TextNode.valueOf("paid")))), null, null,
                List.of(new ReportSpec.Sort("items", false)), 10));
        assertThat(JsonRecords.wireRows(result.rows())).containsExactly(List.of("Acme", 2L, "paid"),
                List.of("Acme", 3L, "paid"));
        var all = reports.preview(f.ann, new ReportSpec(null, "r", "customers", null, null, null, null, null, null));
        assertThat(all.columns()).extracting(ReportResult.ResultColumn::name).containsExactly("name", "country");
    }

    @Test
    void badDefinitionsNameTheirFieldsAndUserTextNeverBecomesSql() {
        assertThatThrownBy(() -> reports.preview(f.ann, new ReportSpec(null, "r", "orders", null,
                List.of(new ReportSpec.Filter("note; DROP TABLE r_1", "eq", TextNode.valueOf("x"), null),
                        new ReportSpec.Filter("items", "contains", TextNode.valueOf("1"), null)),
                List.of("customer.name.first"), List.of(new ReportSpec.Aggregate("sum", "note"),
                new ReportSpec.Aggregate("median", "items")), List.of(new ReportSpec.Sort("nope", false)),
                0))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("groupBy[0]",
                                "aggregates[0].column", "aggregates[1].fn", "filters[0].column", "filters[1]",
                                "sort[0].column", "limit"));
        var hostile = reports.preview(f.ann, new ReportSpec(null, "r", "orders", List.of("note"),
                List.of(new ReportSpec.Filter("note", "eq", TextNode.valueOf("x'); DROP TABLE ws_changes; --"),
                        null)), null, null, null, null));
        assertThat(hostile.rows()).isEmpty();
        assertThat(f.records().list(f.ann, "orders", JsonRecords.query(List.of(), null, null, 10, 0)).records())
                .hasSize(5);
    }

    @Test
    void savedReportsFollowRenamesAndProtectTheirColumns() {
        var saved = reports.create(f.ann, grouped(List.of("status"), List.of(new ReportSpec.Aggregate("sum",
                "items")), List.of(new ReportSpec.Filter("customer.name", "contains", TextNode.valueOf("a"),
                null)), List.of(new ReportSpec.Sort("sum_items", true))));
        assertThatThrownBy(() -> reports.create(f.ann, grouped(List.of("status"), null, null, null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.ALREADY_EXISTS));
        f.ws.tables().patch(f.ann, "orders", new TablePatch(null, null, List.of(new TablePatch.Rename("items",
                "quantity")), null, null, null));
        f.ws.tables().patch(f.ann, "customers", new TablePatch(null, null, List.of(new TablePatch.Rename("name",
                "company")), null, null, null));
        var reloaded = reports.get(f.ann, saved.id());
        assertThat(reloaded.aggregates()).containsExactly(new ReportSpec.Aggregate("sum", "quantity"));
        assertThat(reloaded.filters().getFirst().column()).isEqualTo("customer.company");
        assertThat(reloaded.sort()).containsExactly(new ReportSpec.Sort("sum_quantity", true));
        assertThat(JsonRecords.wireRows(reports.run(f.ann, saved.id()).rows())).containsExactly(List.of("open", 6L),
                List.of("paid", 5L));
        assertThatThrownBy(() -> f.ws.tables().patch(f.ann, "orders", new TablePatch(null, null, null,
                List.of("quantity"), null, null))).isInstanceOfSatisfying(ReportsInUseException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IN_USE);
                    assertThat(e.getMessage()).contains("saved report(s) 'r'");
                    assertThat(e.column()).isEqualTo("orders.quantity");
                    assertThat(e.reports()).containsExactly("r");
                });
        assertThatThrownBy(() -> f.ws.tables().patch(f.ann, "customers", new TablePatch(null, null, null,
                List.of("company"), null, null))).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.IN_USE));
        assertThat(f.ws.tables().get(f.ann, "orders").columns()).extracting(ColumnSpec::name)
                .contains("quantity");
        reports.delete(f.ann, saved.id());
        f.ws.tables().patch(f.ann, "orders", new TablePatch(null, null, null, List.of("quantity"), null, null));
    }

    @Test
    void csvNeutralisesFormulaTextButNotNumbers() {
        var result = reports.preview(f.ann, new ReportSpec(null, "r", "orders", List.of("note", "total"), null,
                null, null, List.of(new ReportSpec.Sort("total", false)), null));
        String csv = ReportCsv.write(result);
        assertThat(csv.split("\r\n")).containsExactly(
                "note,total,total_currency",
                ",-1.25,EUR",
                "'-2,5.00,USD",
                "'@admin <b>x</b>,7.25,EUR",
                "\"'=HYPERLINK(\"\"http://evil\"\")\",10.00,EUR",
                "'+1 call,20.50,EUR");
    }
}
