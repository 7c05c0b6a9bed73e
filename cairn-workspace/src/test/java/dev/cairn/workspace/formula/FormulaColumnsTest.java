package dev.cairn.workspace.formula;

import static dev.cairn.workspace.WorkspaceFixture.json;
import static dev.cairn.workspace.model.ColumnType.BOOLEAN;
import static dev.cairn.workspace.model.ColumnType.DATE;
import static dev.cairn.workspace.model.ColumnType.INTEGER;
import static dev.cairn.workspace.model.ColumnType.MONEY;
import static dev.cairn.workspace.model.ColumnType.REFERENCE;
import static dev.cairn.workspace.model.ColumnType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.server.db.Dialect;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceFixture;
import dev.cairn.workspace.members.Caller;
import dev.cairn.workspace.model.ColumnType;
import dev.cairn.workspace.model.ValidationException;
import dev.cairn.workspace.reports.ReportSpec;
import dev.cairn.workspace.schema.ColumnSpec;
import dev.cairn.workspace.schema.TablePatch;
import dev.cairn.workspace.schema.TableSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Formula and auto-number columns computed by the database on both dialects: arithmetic on money, text, dates,
 * conditionals, lookups through references, rollups over referring records, filters, sorts and reports on them, errors
 * in the user's words with positions, cycles refused, and text that tries to reach the SQL kept out of it.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Dialect.class)
class FormulaColumnsTest {
    /** One database per dialect for the whole class: each test works in a workspace of its own. */
    private static final Map<Dialect, WorkspaceFixture> FIXTURES = new java.util.EnumMap<>(Dialect.class);
    final WorkspaceFixture f;
    final JsonRecords records;

    FormulaColumnsTest(Dialect dialect) {
        this.f = FIXTURES.computeIfAbsent(dialect, WorkspaceFixture::new);
        this.records = f.records();
    }

    @AfterAll
    static void close() {
        FIXTURES.values().forEach(WorkspaceFixture::close);
        FIXTURES.clear();
    }

    /** A fresh workspace with customers, orders (auto-numbered) and order lines. */
    Caller shop(String name) {
        Caller c = f.caller(f.account(name), name);
        var tables = f.ws.tables();
        tables.create(c, new TableSpec("customers", "Customers", List.of(ColumnSpec.of("name", TEXT).asRequired(),
                ColumnSpec.of("country", TEXT))));
        tables.create(c, new TableSpec("orders", "Orders", List.of(ColumnSpec.autoNumber("number", "SO-", 1001),
                ColumnSpec.of("customer", REFERENCE).referencing("customers"), ColumnSpec.of("order_date", DATE),
                ColumnSpec.of("paid", BOOLEAN))));
        tables.create(c, new TableSpec("order_lines", "Order lines", List.of(
                ColumnSpec.of("order", REFERENCE).referencing("orders").asRequired(),
                ColumnSpec.of("quantity", INTEGER).labelled("Quantity"),
                ColumnSpec.of("unit_price", MONEY).inCurrency("EUR").labelled("Unit price"),
                ColumnSpec.formula("line_total", "quantity * [Unit price]"))));
        tables.patch(c, "orders", add(ColumnSpec.formula("total", "sum(order_lines.line_total)"),
                ColumnSpec.formula("customer_name", "upper(customer.name) & \" (\" & customer.country & \")\""),
                ColumnSpec.formula("due", "add_days(order_date, 30)"),
                ColumnSpec.formula("lines", "count(order_lines)"),
                ColumnSpec.formula("state", "if(paid, \"paid\", if(total > 100, \"to chase\", \"open\"))")));
        return c;
    }

    static TablePatch add(ColumnSpec... columns) {
        return new TablePatch(null, null, null, null, null, List.of(columns));
    }

    long create(Caller c, String table, String body) {
        return ((Number) records.create(c, table, json(body)).get("id")).longValue();
    }

    @Test
    void computesRowFormulasLookupsAndRollups() {
        Caller c = shop("calc");
        long ann = create(c, "customers", "{'name':'Ann','country':'NL'}");
        long o1 = create(c, "orders", "{'customer':" + ann + ",'order_date':'2026-01-15','paid':false}");
        long o2 = create(c, "orders", "{'customer':" + ann + ",'order_date':'2026-02-27','paid':true}");
        create(c, "order_lines", "{'order':" + o1 + ",'quantity':3,'unit_price':{'amount':'12.50','currency':'EUR'}}");
        create(c, "order_lines", "{'order':" + o1 + ",'quantity':2,'unit_price':{'amount':'40','currency':'EUR'}}");

        Map<String, Object> first = records.get(c, "orders", o1);
        assertThat(first.get("number")).isEqualTo("SO-1001");
        assertThat(first.get("total")).isEqualTo(Map.of("amount", "117.50", "currency", "EUR"));
        assertThat(first.get("customer_name")).isEqualTo("ANN (NL)");
        assertThat(first.get("due")).isEqualTo("2026-02-14");
        assertThat(first.get("lines")).isEqualTo(2L);
        assertThat(first.get("state")).isEqualTo("to chase");
        Map<String, Object> second = records.get(c, "orders", o2);
        assertThat(second).containsEntry("number", "SO-1002").containsEntry("lines", 0L).containsEntry("state", "paid")
                .containsEntry("due", "2026-03-29");
        assertThat(second.get("total")).isEqualTo(Map.of("amount", "0.00", "currency", "EUR"));
    }

    @Test
    void autoNumbersAreNeverReusedAfterADelete() {
        Caller c = shop("numbers");
        long a = create(c, "orders", "{}");
        long b = create(c, "orders", "{}");
        records.delete(c, "orders", b, null);
        long d = create(c, "orders", "{}");
        assertThat(records.get(c, "orders", a).get("number")).isEqualTo("SO-1001");
        assertThat(records.get(c, "orders", d).get("number")).isEqualTo("SO-1003");
    }

    /** Writers racing on one table: every record gets its own number, none twice, none skipped. */
    @Test
    void autoNumbersAreUniqueUnderConcurrentWriters() throws Exception {
        Caller c = shop("race");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Long>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                ids.add(pool.submit(() -> create(c, "orders", "{}")));
            }
            for (var id : ids) {
                id.get();
            }
        } finally {
            pool.shutdown();
        }
        var numbers = records.list(c, "orders", JsonRecords.query(List.of(), "number", null, 100, 0)).records()
                .stream().map(r -> (String) r.get("number")).toList();
        assertThat(numbers).hasSize(24).doesNotHaveDuplicates().first().isEqualTo("SO-1001");
        assertThat(numbers).last().isEqualTo("SO-1024");
    }

    @Test
    void computedColumnsFilterSortAndReport() {
        Caller c = shop("query");
        long ann = create(c, "customers", "{'name':'Ann','country':'NL'}");
        for (int i = 1; i <= 3; i++) {
            long o = create(c, "orders", "{'customer':" + ann + ",'order_date':'2026-01-0" + i + "'}");
            create(c, "order_lines", "{'order':" + o + ",'quantity':" + i + ",'unit_price':{'amount':'50',"
                    + "'currency':'EUR'}}");
        }
        var big = records.list(c, "orders", JsonRecords.query(List.of("total:gt:60"), "-total", null, 10, 0));
        assertThat(big.records()).extracting(r -> r.get("number")).containsExactly("SO-1003", "SO-1002");
        var byNumber = records.list(c, "orders", JsonRecords.query(List.of("number:eq:SO-1001"), null, null, 10, 0));
        assertThat(byNumber.records()).hasSize(1);
        var report = f.ws.reports().preview(c, new ReportSpec(null, "r", "orders", null, null,
                List.of("customer.name"), List.of(new ReportSpec.Aggregate("sum", "total")), null, null));
        assertThat(JsonRecords.wireRows(report.rows()).getFirst()).containsExactly("Ann",
                Map.of("amount", "300.00", "currency", "EUR"));
        var lines = f.ws.reports().preview(c, new ReportSpec(null, "r", "order_lines", List.of("order.total",
                "line_total"), null, null, null, List.of(new ReportSpec.Sort("line_total", true)), null));
        assertThat(JsonRecords.wireRows(lines.rows()).getFirst()).containsExactly(
                Map.of("amount", "150.00", "currency", "EUR"), Map.of("amount", "150.00", "currency", "EUR"));
    }

    @Test
    void errorsSayWhatAndWhereInTheUsersWords() {
        Caller c = shop("errors");
        assertThat(problem(c, "Qty * 2")).isEqualTo("add[0].formula: unknown column 'Qty' at 1; did you mean "
                + "'Quantity'?");
        assertThat(problem(c, "1 + Qantity")).contains("unknown column 'Qantity' at 5; did you mean 'Quantity'?");
        assertThat(problem(c, "quantity & ")).contains("the formula ends too early; a value was expected at 12");
        assertThat(problem(c, "if(quantity, 1, 2)")).contains("the condition of if(...) needs yes/no, not a number "
                + "at 4");
        assertThat(problem(c, "unit_price + \"x\"")).contains("'+' cannot combine an amount of money (EUR) with text");
        assertThat(problem(c, "summ(quantity)")).contains("unknown function 'summ' at 1; did you mean 'sum'?");
        assertThat(problem(c, "order.nope")).contains("unknown column 'nope' in 'Orders' at 7");
    }

    @Test
    void aCycleBetweenFormulasIsRefused() {
        Caller c = shop("cycle");
        var tables = f.ws.tables();
        tables.patch(c, "order_lines", add(ColumnSpec.formula("a", "line_total + 1")));
        tables.patch(c, "order_lines", add(ColumnSpec.formula("b", "a * 2")));
        assertThatThrownBy(() -> tables.patch(c, "order_lines", new TablePatch(null, null, null, null,
                List.of(ColumnSpec.formula("a", "b + 1")), null)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("formulas use each other in a circle: a → b → a");
        assertThatThrownBy(() -> tables.patch(c, "order_lines", add(ColumnSpec.formula("c", "c + 1"))))
                .hasMessageContaining("a formula cannot use its own column 'c' at 1");
    }

    @Test
    void renamesKeepFormulasAndRemovingAUsedColumnIsRefused() {
        Caller c = shop("rename");
        var tables = f.ws.tables();
        tables.patch(c, "order_lines", new TablePatch(null, null, List.of(new TablePatch.Rename("quantity", "qty")),
                null, null, null));
        var spec = tables.get(c, "order_lines");
        assertThat(spec.columns()).filteredOn(s -> s.name().equals("line_total")).singleElement()
                .satisfies(s -> {
                    assertThat(s.formula()).isEqualTo("qty * unit_price");
                    assertThat(s.type()).isEqualTo(ColumnType.MONEY);
                    assertThat(s.currency()).isEqualTo("EUR");
                });
        assertThatThrownBy(() -> tables.patch(c, "order_lines", new TablePatch(null, null, null, List.of("qty"),
                null, null))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("the formula of 'order_lines.line_total' no longer works");
        assertThatThrownBy(() -> records.create(c, "order_lines", json("{'line_total':1}")))
                .hasMessageContaining("line_total: is computed by the database (a formula); leave it out");
    }

    /** Text meant to break out of the SQL stays a value: quotes, comments and statements are data. */
    @Test
    void injectionThroughFormulasAndFiltersStaysData() {
        Caller c = shop("inject");
        String evil = "x'); DROP TABLE ws_tables; --";
        f.ws.tables().patch(c, "customers", add(ColumnSpec.formula("tag", "name & \"" + evil.replace("\"", "\"\"")
                + "\" & 'it''s' & \"\"\"\"")));
        long id = create(c, "customers", "{'name':'Bob'}");
        assertThat(records.get(c, "customers", id).get("tag")).isEqualTo("Bob" + evil + "it's\"");
        var hit = records.list(c, "customers", JsonRecords.query(List.of("tag:eq:Bob" + evil + "it's\""), null, null,
                10, 0));
        assertThat(hit.records()).hasSize(1);
        var none = records.list(c, "customers", JsonRecords.query(List.of("tag:contains:' OR '1'='1"), null, null,
                10, 0));
        assertThat(none.records()).isEmpty();
        assertThat(problem(c, "quantity; DROP TABLE ws_tables")).contains("';' is not part of the formula language "
                + "at 9");
        assertThat(problem(c, "{c1}")).contains("'{' is not part of the formula language at 1");
        assertThat(f.ws.tables().list(c)).hasSize(3);
        String bobby = "Robert'); DROP TABLE ws_tables;--";
        assertThat(records.create(c, "customers", WorkspaceFixture.JSON.createObjectNode().put("name", bobby)))
                .containsEntry("name", bobby).containsEntry("tag", bobby + evil + "it's\"");
    }

    private String problem(Caller c, String formula) {
        try {
            f.ws.tables().patch(c, "order_lines", add(ColumnSpec.formula("f", formula)));
        } catch (ValidationException e) {
            return e.errors().getFirst().field() + ": " + e.errors().getFirst().message();
        }
        throw new AssertionError("accepted: " + formula);
    }

}
