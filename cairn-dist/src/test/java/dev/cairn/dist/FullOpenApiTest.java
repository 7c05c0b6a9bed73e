package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.billing.BillingFeature;
import dev.cairn.billing.invoice.Draft;
import dev.cairn.billing.invoice.InvoiceStore;
import dev.cairn.billing.invoice.Line;
import dev.cairn.billing.service.BillingModule;
import dev.cairn.billing.usage.BillingMonth;
import dev.cairn.export.crypt.Age;
import dev.cairn.server.TestServer;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.http.OpenApiSuite;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Every route of the shipped server (the platform and all its features) against the OpenAPI document, with the onsite
 * copy's and billing's data in place so their answers are checked with every property filled: a recipient, a finished
 * export (downloaded and decrypted here) with its diff and restore, a schedule, and an invoice with a credit note.
 */
class FullOpenApiTest extends OpenApiSuite {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = TestServer.basic("admin", TestServer.ADMIN_PASSWORD);

    @Override
    protected List<Feature> features() {
        return ServerLauncher.FEATURES;
    }

    @Override
    protected void fill(TestServer server) throws Exception {
        fillExport(server);
        fillBilling(server);
    }

    private void fillExport(TestServer server) throws Exception {
        String[] identity = Age.newIdentity();
        answered("post", "/api/v1/workspace/export/recipients", json(server, "POST",
                "/api/v1/workspace/export/recipients", "{\"name\":\"office\",\"recipient\":\"" + identity[1] + "\"}"));
        json(server, "POST", "/api/v1/workspace/tables", "{\"name\":\"people\",\"columns\":[{\"name\":\"name\","
                + "\"type\":\"text\"},{\"name\":\"born\",\"type\":\"date\"}]}");
        long ada = JSON.readTree(json(server, "POST", "/api/v1/workspace/tables/people/records",
                "{\"name\":\"Ada\",\"born\":\"1815-12-10\"}").body()).get("id").asLong();
        var started = json(server, "POST", "/api/v1/workspace/exports", "{\"formats\":[\"jsonl\"]}");
        answered("post", "/api/v1/workspace/exports", started);
        long id = JSON.readTree(started.body()).get("id").asLong();
        awaitDone(server, id);
        answered("put", "/api/v1/workspace/export/schedule", json(server, "PUT",
                "/api/v1/workspace/export/schedule", "{\"every\":\"week\",\"day\":\"monday\",\"at\":\"02:30\"}"));

        byte[] bundle = server.sendBytes(server.request("/api/v1/workspace/exports/" + id).header("Authorization",
                ADMIN).build()).body();
        byte[] zip;
        try (InputStream in = Age.decrypt(new ByteArrayInputStream(bundle), identity[0])) {
            zip = in.readAllBytes();
        }
        json(server, "POST", "/api/v1/workspace/tables/people/records", "{\"name\":\"Grace\"}");
        json(server, "PATCH", "/api/v1/workspace/tables/people/records/" + ada, "{\"name\":\"Ada L.\","
                + "\"version\":1}");
        var diff = zip(server, "/api/v1/workspace/restore/diff", zip);
        answered("post", "/api/v1/workspace/restore/diff", diff);
        long seq = JSON.readTree(diff.body()).get("seq").asLong();
        answered("post", "/api/v1/workspace/restore", zip(server, "/api/v1/workspace/restore?seq=" + seq, zip));
    }

    private static void awaitDone(TestServer server, long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode export = JSON.readTree(server.send(server.request("/api/v1/workspace/exports")
                    .header("Authorization", ADMIN).build()).body()).get("exports").get(0);
            assertThat(export.get("status").asText()).as(export.toString()).isIn("queued", "running", "done");
            if (export.get("id").asLong() == id && export.get("status").asText().equals("done")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("export " + id + " did not finish in 60 s");
    }

    /** An invoice of last month (open), and a credit note (paid) against it, for the administrator's account. */
    private void fillBilling(TestServer server) throws Exception {
        BillingModule billing = server.core().features().stream().filter(BillingFeature.Started.class::isInstance)
                .map(f -> ((BillingFeature.Started) f).module()).findFirst().orElseThrow();
        long account = server.core().accounts().require("admin").id();
        BillingMonth month = BillingMonth.containing(Instant.now(), ZoneOffset.UTC).previous();
        String number = "INV-" + month.toString().replace("-", "") + "-" + account;
        Draft draft = new Draft(account, month.toString(), month.startMillis(), month.endMillis(), "EUR",
                List.of(new Line("plan", "Plan basic", "1", 300), new Line("tax", "VAT 20%", "0.2", 60)), 0);
        long now = System.currentTimeMillis();
        long id = billing.jdbi().inTransaction(h -> InvoiceStore.insert(h, draft, number, "invoice", month.toString(),
                now, now + Duration.ofDays(14).toMillis(), null));
        billing.invoicing().creditNote(number, 100, "goodwill", "test");
        for (String file : List.of(String.valueOf(id), id + ".csv")) {
            var r = server.send(server.request("/api/v1/account/invoices/" + file).header("Authorization", ADMIN)
                    .build());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            answered("get", "/api/v1/account/invoices/{file}", r);
        }
    }

    private static HttpResponse<String> json(TestServer server, String method, String path, String body)
            throws Exception {
        var r = server.send(server.request(path).header("Authorization", ADMIN).header("Content-Type",
                "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isBetween(200, 299);
        return r;
    }

    private static HttpResponse<String> zip(TestServer server, String path, byte[] zip) throws Exception {
        var r = server.send(server.request(path).header("Authorization", ADMIN).header("Content-Type",
                "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build());
        assertThat(r.statusCode()).as("POST %s: %s", path, r.body()).isEqualTo(200);
        return r;
    }
}
