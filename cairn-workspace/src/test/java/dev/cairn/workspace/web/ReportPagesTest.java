package dev.cairn.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.server.TestServer;
import dev.cairn.server.account.Account;
import dev.cairn.server.web.WebClient;
import dev.cairn.workspace.JsonRecords;
import dev.cairn.workspace.WorkspaceServer;
import dev.cairn.workspace.members.Caller;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report builder without JavaScript (the htmx live preview posts the same form to the same endpoint): preview of a
 * grouped sum through a reference, errors next to their fields, switching tables, save, result page and CSV, the
 * designer refusing to remove a column a report uses (naming it) while a rename carries over, roles and escaping.
 */
class ReportPagesTest {
    private static final Pattern REPORT = Pattern.compile("/reports/(\\d+)\\?done=report-saved");
    @TempDir
    static Path dir;
    static TestServer server;
    static WebClient owner;
    static final String BASE = "/web/workspace/rpowner";

    @BeforeAll
    static void start() throws Exception {
        server = WorkspaceServer.start(dir.resolve("server"));
        owner = new WebClient(server);
        assertThat(owner.signUp("rpowner", "rpowner-password").statusCode()).isEqualTo(303);
        owner.get(BASE + "/tables");
        assertThat(owner.post(BASE + "/templates", "template", "orders-and-billing").statusCode()).isEqualTo(303);
        Account a = server.core().accounts().require("rpowner");
        Caller c = WorkspaceServer.module(server).workspaces().resolve(a.id(), "rpowner", null, false);
        long acme = customer(c, "Acme <script>x</script>");
        long beta = customer(c, "Beta");
        invoice(c, "I-1", acme, "10.00");
        invoice(c, "I-2", acme, "20.00");
        invoice(c, "I-3", beta, "5.50");
    }

    private static long customer(Caller c, String name) {
        return ((Number) new JsonRecords(WorkspaceServer.module(server).records()).create(c, "customers",
                JsonNodeFactory.instance.objectNode().put("name", name)).get("id")).longValue();
    }

    /** An invoice; its number ({@code number}) is the template's auto-number, INV-1 onwards. */
    private static void invoice(Caller c, String number, long customer, String amount) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("customer", customer)
                .put("issue_date", "2026-11-23");
        body.putObject("total").put("amount", amount).put("currency", "EUR");
        new JsonRecords(WorkspaceServer.module(server).records()).create(c, "invoices", body);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static final String[] GROUPED_SUM = {"table", "invoices", "shown_table", "invoices", "g0",
        "customer.name", "a0_fn", "sum", "a0_column", "total", "a1_fn", "count", "s0", "sum_total", "s0_desc", "on"};

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void thePreviewShowsAGroupedSumThroughAReferenceAndMarksBadFields() throws Exception {
        var builder = owner.get(BASE + "/reports/new?table=invoices");
        assertThat(builder.body()).contains("hx-post=\"" + BASE + "/reports/preview\"")
                .contains("hx-trigger=\"change, input delay:600ms\"")
                .contains("value=\"customer.name\"").contains("id=\"preview-button\"");
        var preview = owner.post(BASE + "/reports/preview", GROUPED_SUM);
        assertThat(preview.statusCode()).isEqualTo(200);
        String body = preview.body();
        assertThat(body).contains("id=\"preview-table\"").contains("<th scope=\"col\" class=\"num\">Total (sum)</th>")
                .contains("<th scope=\"col\">Customer › Name</th>").doesNotContain(">sum_total<")
                .contains("Acme &lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x")
                .contains("30.00 EUR").contains("5.50 EUR");
        assertThat(body.indexOf("30.00 EUR")).isLessThan(body.indexOf("5.50 EUR"));

        var bad = owner.post(BASE + "/reports/preview", "table", "invoices", "shown_table", "invoices",
                "a0_fn", "sum", "a0_column", "number", "f1_column", "issue_date", "f1_op", "gt", "f1_value", "soon",
                "limit", "0");
        assertThat(bad.body()).contains("id=\"a0_column-error\"").contains("Sum needs an integer, decimal or money")
                .contains("id=\"f0_value-error\"").contains("id=\"report-limit-error\"") // rows are read without gaps
                .contains("value=\"soon\"").doesNotContain("id=\"preview-table\"");

        var typed = owner.post(BASE + "/reports/preview", with(GROUPED_SUM, "f0_column", "issue_date", "f0_op", "gte",
                "f0_value", "2026-01-01"));
        assertThat(select(typed.body(), "f0_op")).contains("value=\"gte\" selected").doesNotContain("\"contains\"");
        assertThat(select(typed.body(), "a0_column")).contains("value=\"total\" selected")
                .doesNotContain("value=\"number\"").doesNotContain("value=\"customer.name\"");
        assertThat(select(typed.body(), "g0")).contains("value=\"number\"");
        assertThat(typed.body()).contains("30.00 EUR");

        var switched = owner.post(BASE + "/reports/preview", with(GROUPED_SUM, "table", "customers"));
        assertThat(switched.body()).contains("id=\"preview-table\"").doesNotContain("-error\"")
                .contains("<option value=\"customers\" selected>");
    }

    /** The HTML of the select with {@code id}. */
    private static String select(String page, String id) {
        int start = page.indexOf("<select id=\"" + id + "\"");
        assertThat(start).as(id).isNotNegative();
        return page.substring(start, page.indexOf("</select>", start));
    }

    @Test
    void aSavedReportHasAResultPageAndCsvAndProtectsItsColumnsInTheDesigner() throws Exception {
        owner.get(BASE + "/reports/new");
        var noName = owner.post(BASE + "/reports", GROUPED_SUM);
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(noName.body()).contains("id=\"report-name-error\"");
        var saved = owner.post(BASE + "/reports", with(GROUPED_SUM, "name", "Totals <by> customer"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        Matcher m = REPORT.matcher(saved.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        String report = BASE + "/reports/" + m.group(1);

        assertThat(owner.get(BASE + "/reports").body()).contains("Totals &lt;by&gt; customer");
        var edit = owner.get(report + "?done=report-saved");
        assertThat(edit.body()).contains("The report was saved.").contains("id=\"preview-table\"")
                .contains("<option value=\"sum_total\" selected>").contains("id=\"save-as-button\"");
        var result = owner.get(report + "/result");
        assertThat(result.body()).contains("<h1>Totals &lt;by&gt; customer</h1>").contains("id=\"csv-link\"")
                .contains("30.00 EUR");
        var csv = owner.get(report + "/result?format=csv");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("Customer › Name,Total (sum),Total (sum) currency,Count\r\n");
        assertThat(result.body()).contains("id=\"pdf-link\"");
        var pdf = owner.get(report + "/result?format=pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow()).endsWith(".pdf\"");
        assertThat(pdf.body()).startsWith("%PDF-");

        owner.get(BASE + "/tables/invoices/design");
        var removal = owner.post(BASE + "/tables/invoices/columns/total/remove");
        assertThat(removal.statusCode()).isEqualTo(409);
        assertThat(removal.body()).contains("id=\"col-total-message\"").contains("The column was not removed")
                .contains("'invoices.total'").contains("Totals &lt;by&gt; customer");
        var renamed = owner.post(BASE + "/tables/invoices/columns/total", "name", "gross", "required", "on");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(303);
        assertThat(owner.get(report).body()).contains("<option value=\"gross\" selected>")
                .contains("<option value=\"sum_gross\" selected>");
        assertThat(owner.get(report + "/result").body()).contains("Gross (sum)").contains("30.00 EUR");

        owner.get(report);
        var copy = owner.post(BASE + "/reports", with(GROUPED_SUM, "name", "Copy", "a0_column", "gross",
                "s0", "sum_gross"));
        assertThat(copy.statusCode()).isEqualTo(303);
        owner.get(report);
        assertThat(owner.post(report + "/delete").statusCode()).isEqualTo(303);
        assertThat(owner.get(BASE + "/reports").body()).doesNotContain("Totals &lt;by&gt;").contains(">Copy</a>");
        owner.get(BASE + "/tables/invoices/design");
        assertThat(owner.post(BASE + "/tables/invoices/columns/gross", "name", "total", "required", "on")
                .statusCode()).isEqualTo(303); // as the other tests expect it
    }

    @Test
    void theBuilderShowsEverySortKeyOfASavedReportAndSavesAllOfThem() throws Exception {
        Account a = server.core().accounts().require("rpowner");
        Caller c = WorkspaceServer.module(server).workspaces().resolve(a.id(), "rpowner", null, false);
        var filter = new dev.cairn.workspace.reports.ReportSpec.Filter("number", "notempty", null, null);
        var saved = WorkspaceServer.module(server).reports().create(c, new dev.cairn.workspace.reports.ReportSpec(null,
                "Four filters", "invoices", java.util.List.of("number", "issue_date"), java.util.List.of(filter, filter,
                filter, filter), null, null, java.util.List.of(new dev.cairn.workspace.reports.ReportSpec.Sort("number",
                false), new dev.cairn.workspace.reports.ReportSpec.Sort("issue_date", true)), null));
        var page = owner.get(BASE + "/reports/" + saved.id());
        assertThat(page.body()).doesNotContain("id=\"builder-warning\"")
                .contains("id=\"f3_column\"").contains("id=\"f4_column\"").doesNotContain("id=\"f5_column\"")
                .contains("id=\"c1\"").contains("id=\"c2\"").contains("id=\"s2\"").doesNotContain("id=\"s3\"");
        assertThat(select(page.body(), "s0")).contains("value=\"number\" selected");
        assertThat(select(page.body(), "s1")).contains("value=\"issue_date\" selected");
        assertThat(page.body()).containsPattern("id=\"s1_desc\"[^>]*checked").doesNotContainPattern(
                "id=\"s0_desc\"[^>]*checked");

        var resaved = owner.post(BASE + "/reports/" + saved.id(), "name", "Three keys", "table", "invoices",
                "shown_table", "invoices", "c0", "number", "c1", "issue_date", "c2", "total", "s0", "total",
                "s0_desc", "on", "s1", "issue_date", "s2", "number", "s2_desc", "on");
        assertThat(resaved.statusCode()).as(resaved.body()).isEqualTo(303);
        assertThat(WorkspaceServer.module(server).reports().get(c, saved.id()).sort()).extracting(
                dev.cairn.workspace.reports.ReportSpec.Sort::column, dev.cairn.workspace.reports.ReportSpec.Sort::desc)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("total", true),
                        org.assertj.core.groups.Tuple.tuple("issue_date", false),
                        org.assertj.core.groups.Tuple.tuple("number", true));
    }

    @Test
    void viewersPreviewButCannotSave() throws Exception {
        WebClient viewer = new WebClient(server);
        viewer.signUp("rpviewer", "rpviewer-password");
        Account owner = server.core().accounts().require("rpowner");
        Caller c = WorkspaceServer.module(server).workspaces().resolve(owner.id(), "rpowner", null, false);
        var invite = WorkspaceServer.module(server).workspaces().invite(c, "rpviewer@example.com", "viewer");
        WorkspaceServer.module(server).workspaces().accept(server.core().accounts().require("rpviewer").id(),
                invite.code());
        var builder = viewer.get(BASE + "/reports/new");
        assertThat(builder.statusCode()).isEqualTo(200);
        assertThat(builder.body()).doesNotContain("id=\"save-button\"");
        assertThat(viewer.post(BASE + "/reports/preview", GROUPED_SUM).body()).contains("id=\"preview-table\"");
        viewer.get(BASE + "/reports/new");
        assertThat(viewer.post(BASE + "/reports", with(GROUPED_SUM, "name", "Mine")).statusCode()).isEqualTo(403);
    }
}
