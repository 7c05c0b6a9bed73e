package dev.cairn.billing.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.billing.BillingFeature;
import dev.cairn.billing.service.BillingModule;
import dev.cairn.billing.plan.PricedPlan;
import dev.cairn.billing.usage.BillingMonth;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.testkit.MutableClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer's billing API over HTTP (docs/spec/http-api.md §15) on a real server: the account's invoices as JSON,
 * PDF and CSV (whose total row is the sum of its lines), another account's invoice not found, the month so far, and an
 * upload of a restricted account refused with 402 {@code payment-required}.
 */
class BillingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    final MutableClock clock = MutableClock.at(Instant.parse("2027-01-10T00:00:00Z"));
    TestServer server;
    BillingModule billing;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir, c -> c, clock, List.of(new BillingFeature()));
        billing = ((BillingFeature.Started) server.core().features().getFirst()).module();
        billing.plans().put(new PricedPlan("basic", 300, 0, 0, 0, 0, 0, null), null, 0);
        for (String name : List.of("ann", "bob")) {
            server.account(name);
            server.core().accounts().setPlan(name, "basic");
        }
        clock.set(Instant.parse("2027-02-01T00:00:01Z"));
        billing.invoicing().issue(BillingMonth.parse("2027-01", ZoneOffset.UTC), "test");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theAccountGetsItsInvoicesAsJsonPdfAndCsv() throws Exception {
        JsonNode list = JSON.readTree(get("ann", "/api/v1/account/invoices").body());
        assertThat(list.get("invoices")).hasSize(1);
        JsonNode inv = list.get("invoices").get(0);
        assertThat(inv.get("account").asText()).isEqualTo("ann");
        assertThat(inv.get("month").asText()).isEqualTo("2027-01");
        assertThat(inv.get("totalMinor").asLong()).isEqualTo(213); // 3.00 for 22 of 31 days: 212.9
        long id = inv.get("id").asLong();

        HttpResponse<byte[]> pdf = server.client().send(auth("ann", "/api/v1/account/invoices/" + id + ".pdf").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        HttpResponse<String> csv = get("ann", "/api/v1/account/invoices/" + id + ".csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("number,account,month,line");
        long sum = 0;
        for (int i = 1; i < rows.length - 1; i++) {
            sum += Long.parseLong(rows[i].split(",")[7]);
        }
        assertThat(rows[rows.length - 1]).contains("\"total\"").contains("," + sum + ",");
        assertThat(sum).isEqualTo(213);

        assertThat(get("bob", "/api/v1/account/invoices/" + id + ".pdf").statusCode()).isEqualTo(404);
        assertThat(get("bob", "/api/v1/account/invoices/" + id).statusCode()).isEqualTo(404);
        assertThat(server.send(server.request("/api/v1/account/invoices").GET().build()).statusCode()).isEqualTo(401);
    }

    @Test
    void theMonthSoFarAndItsForecast() throws Exception {
        clock.set(Instant.parse("2027-02-08T00:00:00Z"));
        JsonNode b = JSON.readTree(get("ann", "/api/v1/account/billing").body());
        assertThat(b.get("plan").asText()).isEqualTo("basic");
        assertThat(b.get("preview").get("totalMinor").asLong()).isEqualTo(75); // 3.00 × 7/28
        assertThat(b.get("forecast").get("totalMinor").asLong()).isEqualTo(300);
    }

    @Test
    void aRestrictedAccountsUploadIsRefusedWithPaymentRequired() throws Exception {
        String token = server.token("ann", TokenScope.FULL);
        billing.jdbi().useHandle(h -> billing.accounts().setState(h, server.core().accounts().require("ann").id(),
                "restricted", clock.millis(), false));
        HttpResponse<String> r = server.send(server.request("/api/v1/repos/r/objects/data/" + "ab".repeat(32))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[100])).build());
        assertThat(r.statusCode()).isEqualTo(402);
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("code").asText()).isEqualTo("payment-required");
        assertThat(p.get("detail").asText()).contains("INV-202701-").contains("/web/billing").contains("restores");
    }

    private HttpResponse<String> get(String account, String path) throws Exception {
        return server.send(auth(account, path).GET().build());
    }

    private HttpRequest.Builder auth(String account, String path) {
        return server.request(path).header("Authorization", TestServer.basic(account, TestServer.password(account)));
    }
}
