package dev.cairn.workspace.api;

import static dev.cairn.workspace.api.WorkspaceApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.workspace.WorkspaceServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, "Bad input": a schema change that would break a saved report (removing a column it uses, directly or
 * through a reference; dropping a choice its filter compares with; deleting its table) is 409 {@code in-use} naming
 * the reports and the column path, and changes nothing; renames carry over into the reports.
 */
class ReportsInUseApiTest {
    @TempDir
    Path dir;
    TestServer server;
    Api ann;

    @BeforeEach
    void start() throws IOException {
        server = WorkspaceServer.start(dir);
        server.account("ann");
        ann = Api.bearer(server, server.token("ann", TokenScope.FULL));
        ok(ann.post("/tables", "{'name': 'customers', 'columns': [{'name': 'name', 'type': 'text'},"
                + "{'name': 'segment', 'type': 'choice', 'choices': ['retail', 'trade', 'staff']}]}"), 201);
        ok(ann.post("/tables", "{'name': 'orders', 'columns': [{'name': 'customer', 'type': 'reference', "
                + "'references': 'customers'}, {'name': 'total', 'type': 'money', 'currency': 'EUR'},"
                + "{'name': 'note', 'type': 'text'}]}"), 201);
        long acme = ok(ann.post("/tables/customers/records", "{'name': 'Acme', 'segment': 'trade'}"), 201)
                .get("id").asLong();
        ok(ann.post("/tables/orders/records", "{'customer': " + acme + ", 'total': '12.50'}"), 201);
        ok(ann.post("/reports", "{'name': 'Totals by customer', 'table': 'orders', 'groupBy': ['customer.name'],"
                + "'aggregates': [{'fn': 'sum', 'column': 'total'}], 'filters': [{'column': 'customer.segment', "
                + "'op': 'in', 'values': ['trade', 'retail']}]}"), 201);
        ok(ann.post("/reports", "{'name': 'Order list', 'table': 'orders', 'columns': ['total', 'note']}"), 201);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : json(r);
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Api.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void removingAColumnThatReportsUseNamesEveryReportAndTheColumnAndChangesNothing() {
        var refused = ann.patch("/tables/orders", "{'remove': ['note', 'total']}");
        assertProblem(refused, 409, "in-use");
        JsonNode p = json(refused);
        assertThat(p.get("column").asText()).isEqualTo("orders.note");
        assertThat(p.get("reports").toString()).isEqualTo("[\"Order list\",\"Totals by customer\"]");
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("remove[0]");
        assertThat(p.get("errors").get(1).get("field").asText()).isEqualTo("remove[1]");
        assertThat(p.get("errors").get(1).get("message").asText()).contains("'orders.total'")
                .contains("'Order list', 'Totals by customer'");
        assertThat(json(ann.get("/tables/orders")).get("columns")).hasSize(3);

        var throughReference = ann.patch("/tables/customers", "{'remove': ['name']}");
        assertProblem(throughReference, 409, "in-use");
        assertThat(json(throughReference).get("column").asText()).isEqualTo("customers.name");
        assertThat(json(throughReference).get("reports").toString()).isEqualTo("[\"Totals by customer\"]");
    }

    @Test
    void droppingAChoiceAReportFiltersOnAndDeletingItsTableAreRefused() {
        var choice = ann.patch("/tables/customers", "{'alter': [{'name': 'segment', "
                + "'choices': ['trade', 'staff']}]}");
        assertProblem(choice, 409, "in-use");
        assertThat(json(choice).get("errors").get(0).get("field").asText()).isEqualTo("alter[0].choices");
        assertThat(json(choice).get("detail").asText()).contains("'retail'").contains("'Totals by customer'");
        ok(ann.patch("/tables/customers", "{'alter': [{'name': 'segment', 'choices': ['retail', 'trade']}]}"), 200);

        ok(ann.post("/tables", "{'name': 'notes', 'columns': [{'name': 'text', 'type': 'text'}]}"), 201);
        ok(ann.post("/reports", "{'name': 'All notes', 'table': 'notes'}"), 201);
        var table = ann.delete("/tables/notes");
        assertProblem(table, 409, "in-use");
        assertThat(json(table).get("column").asText()).isEqualTo("notes");
        assertThat(json(table).get("reports").toString()).isEqualTo("[\"All notes\"]");
    }

    @Test
    void renamesCarryOverIntoSavedReportsInTheSameTransaction() {
        ok(ann.patch("/tables/orders", "{'rename': [{'from': 'total', 'to': 'amount'}]}"), 200);
        ok(ann.patch("/tables/customers", "{'name': 'clients', 'rename': [{'from': 'name', 'to': 'company'}]}"),
                200);
        JsonNode reports = json(ann.get("/reports"));
        JsonNode totals = reports.get(1);
        assertThat(totals.get("groupBy").toString()).isEqualTo("[\"customer.company\"]");
        assertThat(totals.get("aggregates").get(0).get("column").asText()).isEqualTo("amount");
        var result = ok(ann.get("/reports/" + totals.get("id").asLong() + "/result"), 200);
        assertThat(result.get("columns").toString()).contains("sum_amount");
        assertThat(result.get("rows").toString()).contains("Acme").contains("12.50");
    }
}
