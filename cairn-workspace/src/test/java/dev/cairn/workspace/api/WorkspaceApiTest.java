package dev.cairn.workspace.api;

import static dev.cairn.workspace.api.Api.json;
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

/** The workspace REST API over real HTTP: tables, records, problems with field paths, versions, history, restore. */
class WorkspaceApiTest {
    @TempDir
    Path dir;
    TestServer server;
    Api ann;

    @BeforeEach
    void start() throws IOException {
        server = WorkspaceServer.start(dir);
        server.account("ann");
        ann = Api.bearer(server, server.token("ann", TokenScope.FULL));
        var created = ann.post("/tables", "{'name': 'customers', 'label': 'Customers', 'columns': ["
                + "{'name': 'name', 'type': 'text', 'required': true},"
                + "{'name': 'email', 'type': 'email', 'unique': true},"
                + "{'name': 'tier', 'type': 'choice', 'choices': ['gold', 'silver'], 'default': 'silver'},"
                + "{'name': 'balance', 'type': 'money', 'currency': 'EUR'}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(json(r).get("code").asText()).isEqualTo(code);
    }

    @Test
    void tablesAreListedAndDescribed() {
        var list = ann.get("/tables");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode table = json(list).get(0);
        assertThat(table.get("name").asText()).isEqualTo("customers");
        assertThat(table.get("columns").get(2).get("choices").toString()).isEqualTo("[\"gold\",\"silver\"]");
        assertThat(table.get("columns").get(2).get("default").asText()).isEqualTo("silver");
        assertThat(json(ann.get("/tables/customers")).get("columns")).hasSize(4);
        var patched = ann.patch("/tables/customers", "{'add': [{'name': 'since', 'type': 'date'}], "
                + "'rename': [{'from': 'tier', 'to': 'level'}]}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).get("columns").findValuesAsText("name")).containsExactly("name", "email", "level",
                "balance", "since");
        assertProblem(ann.get("/tables/nope"), 404, "not-found");
        assertProblem(ann.post("/tables", "{'name': 'x', 'columns': [{'name': 'a', 'type': 'colour'}]}"), 422,
                "validation-failed");
        assertProblem(ann.post("/tables", "{'name': 'x', 'colums': []}"), 400, "bad-request");
    }

    @Test
    void recordsCarryTheirVersionAndStaleUpdatesGet409WithTheCurrentRecord() {
        var created = ann.post("/tables/customers/records", "{'name': 'Acme', 'email': 'ops@acme.test', "
                + "'balance': '10.5'}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode record = json(created);
        assertThat(record.get("tier").asText()).isEqualTo("silver");
        assertThat(record.get("balance").toString()).isEqualTo("{\"amount\":\"10.50\",\"currency\":\"EUR\"}");
        String path = "/tables/customers/records/" + record.get("id").asLong();

        var updated = ann.patch(path, "{'tier': 'gold'}", "If-Match", "\"1\"");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).hasValue("\"2\"");

        var stale = ann.patch(path, "{'name': 'Acme Ltd'}", "If-Match", "\"1\"");
        assertProblem(stale, 409, "version-conflict");
        assertThat(json(stale).get("current").get("tier").asText()).isEqualTo("gold");
        assertThat(json(stale).get("current").get("version").asLong()).isEqualTo(2);
        assertProblem(ann.patch(path, "{'name': 'Acme Ltd'}"), 428, "version-required");
        assertThat(ann.patch(path, "{'name': 'Acme Ltd', 'version': 2}").statusCode()).isEqualTo(200);
        assertThat(json(ann.get(path)).get("name").asText()).isEqualTo("Acme Ltd");

        assertProblem(ann.delete(path, "If-Match", "\"2\""), 409, "version-conflict");
        assertThat(ann.delete(path, "If-Match", "\"3\"").statusCode()).isEqualTo(204);
        assertProblem(ann.get(path), 404, "not-found");
        var history = json(ann.get(path + "/history"));
        assertThat(history.findValuesAsText("op")).containsExactly("insert", "update", "update", "delete");
        assertThat(history.get(1).get("old").get("tier").asText()).isEqualTo("silver");
        assertThat(history.get(1).get("new").get("tier").asText()).isEqualTo("gold");
        assertThat(history.get(1).get("actor").asText()).isEqualTo("ann");
        assertThat(json(ann.get("/tables/customers/deleted")).get(0).get("name").asText()).isEqualTo("Acme Ltd");
        var restored = ann.post(path + "/restore", "");
        assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
        assertThat(json(restored).get("version").asLong()).isEqualTo(4);
        assertThat(json(ann.get(path)).get("name").asText()).isEqualTo("Acme Ltd");
    }

    @Test
    void badValuesGet422WithEveryFieldPathAndStoreNothing() {
        ann.post("/tables/customers/records", "{'name': 'Acme', 'email': 'ops@acme.test'}");
        var bad = ann.post("/tables/customers/records", "{'name': 42, 'email': 'not-an-email', 'tier': 'bronze', "
                + "'balance': {'amount': 'ten', 'currency': 'EUR'}, 'colour': 'red'}");
        assertProblem(bad, 422, "validation-failed");
        JsonNode errors = json(bad).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("name", "email", "tier",
                "balance.amount", "colour");
        assertThat(errors.toString()).contains("expected a string").contains("'bronze' is not one of [gold, silver]");
        var missing = ann.post("/tables/customers/records", "{'email': 'x@acme.test'}");
        assertProblem(missing, 422, "validation-failed");
        assertThat(json(missing).get("errors").get(0).toString()).isEqualTo(
                "{\"field\":\"name\",\"message\":\"is required\"}");
        var duplicate = ann.post("/tables/customers/records", "{'name': 'B', 'email': 'ops@acme.test'}");
        assertProblem(duplicate, 409, "already-exists");
        assertThat(json(duplicate).get("errors").get(0).get("field").asText()).isEqualTo("email");
        assertProblem(ann.post("/tables/customers/records", "[1, 2]"), 422, "validation-failed");
        assertProblem(ann.post("/tables/customers/records", "{'name': "), 400, "bad-request");
        assertProblem(ann.get("/tables/customers/records/abc"), 404, "not-found");
        assertProblem(ann.get("/tables/customers/records?filter=nope:eq:1&limit=0"), 422, "validation-failed");
        assertThat(json(ann.get("/tables/customers/records")).get("records")).hasSize(1);
    }

    @Test
    void htmlInTextIsStoredAndReturnedAsIsAsJsonNeverAsAPage() {
        String html = "<script>alert(1)</script><b onmouseover=\\\"x()\\\">hi</b>";
        var created = ann.post("/tables/customers/records", "{'name': '" + html + "'}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var read = ann.with("Accept", "text/html").get("/tables/customers/records/" + json(created).get("id"));
        assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(read.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(json(read).get("name").asText()).isEqualTo("<script>alert(1)</script><b onmouseover=\"x()\">hi</b>");
    }

    @Test
    void listingsFilterSortAndPageOverHttp() {
        for (String name : new String[] {"Delta", "Alpha", "Charlie", "Bravo"}) {
            ann.post("/tables/customers/records", "{'name': '" + name + "', 'tier': '"
                    + (name.startsWith("A") || name.startsWith("C") ? "gold" : "silver") + "'}");
        }
        var page = json(ann.get("/tables/customers/records?filter=tier:eq:gold&sort=-name&limit=1"));
        assertThat(page.get("records").findValuesAsText("name")).containsExactly("Charlie");
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        var next = json(ann.get("/tables/customers/records?filter=tier:eq:gold&sort=-name&limit=1&offset=1"));
        assertThat(next.get("records").findValuesAsText("name")).containsExactly("Alpha");
        assertThat(json(ann.get("/tables/customers/records?q=rav")).get("records").findValuesAsText("name"))
                .containsExactly("Bravo");
    }

    @Test
    void templatesAreListedAndApplied() {
        assertThat(json(ann.get("/templates")).findValuesAsText("title")).containsExactly("Orders and billing",
                "Client matters", "Patients and appointments");
        var applied = ann.post("/templates/patients-and-appointments", "");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        assertThat(json(ann.get("/tables/appointments")).get("columns").get(0).get("references").asText())
                .isEqualTo("patients");
        assertProblem(ann.post("/templates/patients-and-appointments", ""), 409, "already-exists");
        assertProblem(ann.post("/templates/bakery", ""), 404, "not-found");
    }

    @Test
    void csvImportsPreviewThenInsert() {
        String csv = "Name,email,Tier\nAcme,ops@acme.test,gold\nBeta,not-an-email,silver\n";
        var dry = ann.send(ann.request("/tables/customers/import?dryRun=true&map=Tier:tier").header("Content-Type",
                "text/csv").POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)));
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(json(dry).get("valid").asInt()).isEqualTo(1);
        assertThat(json(dry).get("errors").get(0).get("field").asText()).isEqualTo("row 3: email");
        var refused = ann.send(ann.request("/tables/customers/import").header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)));
        assertProblem(refused, 422, "validation-failed");
        assertThat(json(ann.get("/tables/customers/records")).get("records")).isEmpty();
        var done = ann.send(ann.request("/tables/customers/import").header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv.replace("not-an-email", "b@beta.test"))));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        assertThat(json(done).get("inserted").asInt()).isEqualTo(2);
        assertProblem(ann.send(ann.request("/tables/customers/import").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))), 415, "unsupported-media-type");
        Api reader = Api.bearer(server, server.token("ann", TokenScope.READ));
        assertProblem(reader.send(reader.request("/tables/customers/import").header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv))), 403, "forbidden");
    }

    @Test
    void reportsAreSavedAndRenderedAsJsonCsvAndEscapedHtml() {
        ann.post("/tables/customers/records", "{'name': '<script>alert(1)</script>', 'tier': 'gold', "
                + "'balance': '-3'}");
        ann.post("/tables/customers/records", "{'name': '=1+2', 'tier': 'gold', 'balance': '10'}");
        var saved = ann.post("/reports", "{'name': 'Gold <i>list</i>', 'table': 'customers', "
                + "'columns': ['name', 'balance'], 'filters': [{'column': 'tier', 'op': 'eq', 'value': 'gold'}], "
                + "'sort': [{'column': 'balance', 'desc': false}]}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        String path = "/reports/" + json(saved).get("id").asLong();
        var result = json(ann.get(path + "/result"));
        assertThat(result.get("rows").get(0).get(0).asText()).isEqualTo("<script>alert(1)</script>");
        var csv = ann.get(path + "/result?format=csv");
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/csv"));
        assertThat(csv.body()).isEqualTo("name,balance,balance_currency\r\n<script>alert(1)</script>,-3.00,EUR\r\n"
                + "'=1+2,10.00,EUR\r\n");
        var html = ann.get(path + "/result?format=html");
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(html.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "Gold &lt;i&gt;list&lt;/i&gt;")
                .doesNotContain("<script>", "<i>list");
        var preview = ann.post("/reports/preview", "{'name': 'p', 'table': 'customers', 'groupBy': ['tier'], "
                + "'aggregates': [{'fn': 'sum', 'column': 'balance'}]}");
        assertThat(json(preview).get("rows").get(0).toString()).isEqualTo(
                "[\"gold\",{\"amount\":\"7.00\",\"currency\":\"EUR\"}]");
        assertProblem(ann.post("/reports/preview", "{'name': 'p', 'table': 'customers', 'groupBy': ['nope']}"),
                422, "validation-failed");
        assertProblem(ann.patch("/tables/customers", "{'remove': ['tier']}"), 409, "in-use");
        Api reader = Api.bearer(server, server.token("ann", TokenScope.READ));
        assertThat(reader.get(path + "/result").statusCode()).isEqualTo(200);
        assertProblem(reader.delete(path), 403, "forbidden");
        assertThat(ann.delete(path).statusCode()).isEqualTo(204);
    }
}
