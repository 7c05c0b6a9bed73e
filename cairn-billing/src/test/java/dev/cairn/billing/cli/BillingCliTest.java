package dev.cairn.billing.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.billing.BillingFeature;
import dev.cairn.server.cli.ServerCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The billing's {@code cairn server} commands on a data directory, through the platform's command line with the
 * feature plugged in: settings, {@code plan add} with prices, {@code account set-plan}, {@code invoices preview --json}
 * (lines sum to the total), {@code invoices issue} refusing a month not ended, the audit log with before and after,
 * and bad input in the user's words with exit code 2.
 */
class BillingCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--data-dir", dir.resolve("data").toString())).toArray(String[]::new);
        int code = ServerCli.run(all, Map.of("HOME", dir.toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                List.of(new BillingFeature()));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void plansPricesPreviewIssueAndAudit() throws Exception {
        assertThat(run("ann's long password\n", "account", "add", "ann", "--email", "ann@example.com",
                "--password-stdin").code()).isZero();
        Run currency = run("", "billing", "set", "currency", "USD");
        assertThat(currency.code()).as(currency.err()).isZero();
        Run add = run("", "plan", "add", "basic", "--included-storage", "100GB", "--storage-price", "0.004/GB-month",
                "--egress-price", "0.01/GB", "--monthly-fee", "4.00");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("plan basic").contains("4.00 USD").contains("0.004 USD/GB-month");
        JsonNode prices = JSON.readTree(run("", "plan", "prices", "--json").out());
        assertThat(prices.findValues("name")).extracting(JsonNode::asText).contains("basic", "default");

        Run setPlan = run("", "account", "set-plan", "ann", "basic");
        assertThat(setPlan.code()).as(setPlan.err()).isZero();
        Run preview = run("", "invoices", "preview", "ann", "--json");
        assertThat(preview.code()).as(preview.err()).isZero();
        JsonNode p = JSON.readTree(preview.out()).get("preview");
        assertThat(p.get("currency").asText()).isEqualTo("USD");
        long sum = 0;
        for (JsonNode line : p.get("lines")) {
            sum += line.get("amountMinor").asLong();
        }
        assertThat(p.get("totalMinor").asLong()).isEqualTo(sum);
        assertThat(p.get("lines").findValues("kind")).extracting(JsonNode::asText).contains("plan", "storage", "egress");

        Run future = run("", "invoices", "issue", "--month", "2999-01");
        assertThat(future.code()).isEqualTo(2);
        assertThat(future.err()).contains("has not ended");
        Run list = run("", "invoices", "list", "--account", "ann", "--json");
        assertThat(JSON.readTree(list.out()).get("invoices")).isEmpty();

        run("", "plan", "add", "basic", "--included-storage", "200GB", "--storage-price", "0.003");
        Run audit = run("", "billing", "audit");
        assertThat(audit.out()).contains("plan add basic").contains("plan change basic")
                .contains("\"includedStorageBytes\":100000000000").contains("\"includedStorageBytes\":200000000000")
                .contains("setting currency: EUR -> USD");

        Run bad = run("", "plan", "add", "x", "--storage-price", "cheap");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'cheap' is not an amount");
        Run unknown = run("", "invoices", "preview", "nobody");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no account named 'nobody'");
    }
}
