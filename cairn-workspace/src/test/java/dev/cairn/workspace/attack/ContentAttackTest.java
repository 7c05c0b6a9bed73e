package dev.cairn.workspace.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.attack.Tally;
import dev.cairn.workspace.WorkspaceServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile content in every field a page or a report renders, and hostile query parameters, as a tenant of the
 * workspace: script payloads in table and column labels, record values, a report name and a share link, read back
 * from every workspace page of the route table, the report pages, the share page and the HTML result (never an
 * unescaped payload); spreadsheet formulas in values, read back as CSV (every cell a spreadsheet would run is
 * neutralised) and PDF (a PDF, its file name header intact); SQL injection in every filter, sort and search parameter
 * of the listings and reports (no 5xx, no extra rows, no other tenant's data, nothing dropped); and passphrase guessing
 * on a share link (throttled, the right passphrase included, after a few guesses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentAttackTest {
    private static final String MARKER = "BOBSECRET";
    private static final List<String> XSS = List.of("<script>alert('x1')</script>", "\"><img src=x onerror=alert(2)>",
            "'><svg onload=alert(3)>", "</textarea><script>alert(4)</script>", "{{7*7}}<iframe src=javascript:alert(5)>");
    private static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://evil.example\",\"x\")",
            "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1");
    private static final List<String> SQL = List.of("' OR '1'='1", "x' OR 1=1 --", "1; DROP TABLE notes; --",
            "\" OR \"\"=\"", "%' OR 1=1 --", "x' UNION SELECT name, name, name FROM sqlite_master --",
            "name) OR (1=1", "(SELECT 1)", "name; DELETE FROM notes", "title COLLATE NOCASE, (SELECT 1/0)",
            "1 UNION ALL SELECT NULL--", "\\' OR 1=1 #");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Tally tally = new Tally();
    private TestServer server;
    private String bob;
    private String cookie;
    private String csrf;
    private String mallory;
    private String report;
    private String shareToken;
    private String share;
    private String record;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = WorkspaceServer.start(dir);
        server.account("bob");
        server.account("mallory");
        bob = "Bearer " + server.token("bob", TokenScope.FULL);
        mallory = "Bearer " + server.token("mallory", TokenScope.FULL);
        var login = server.post("/api/v1/session", "application/json",
                "{\"name\":\"bob\",\"password\":\"" + TestServer.password("bob") + "\"}");
        cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        csrf = JSON.readTree(login.body()).path("csrfToken").asText();
        call(bob, "POST", "/api/v1/workspace/tables", "{\"name\":\"notes\",\"label\":" + q(XSS.get(0)) + ",\"columns\":["
                + "{\"name\":\"title\",\"label\":" + q(XSS.get(1)) + ",\"type\":\"text\"},"
                + "{\"name\":\"body\",\"label\":" + q(XSS.get(2)) + ",\"type\":\"long_text\"},"
                + "{\"name\":\"amount\",\"type\":\"decimal\"}]}", 201);
        for (int i = 0; i < Math.max(XSS.size(), FORMULAS.size()); i++) {
            record = call(bob, "POST", "/api/v1/workspace/tables/notes/records", "{\"title\":"
                    + q(XSS.get(i % XSS.size()) + " " + MARKER) + ",\"body\":" + q(FORMULAS.get(i % FORMULAS.size()))
                    + ",\"amount\":" + (i - 3) + "}", 201).path("id").asText();
        }
        call(bob, "POST", "/api/v1/workspace/tables/notes/records", "{\"title\":" + q(FORMULAS.get(0)) + ",\"body\":"
                + q(XSS.get(3)) + "}", 201);
        report = call(bob, "POST", "/api/v1/workspace/reports", "{\"name\":" + q(XSS.get(4) + " \"q\" ; x") + ","
                + "\"table\":\"notes\",\"columns\":[\"title\",\"body\",\"amount\"]}", 201).path("id").asText();
        JsonNode created = call(bob, "POST", "/api/v1/workspace/shares", "{\"report\":" + report
                + ",\"passphrase\":\"correct horse battery staple\"}", 201);
        shareToken = created.path("token").asText();
        share = created.path("share").path("id").asText();
        call(mallory, "POST", "/api/v1/workspace/templates/orders-and-billing?samples=true", "", 201);
    }

    @AfterAll
    void stop() throws Exception {
        tally.report(getClass().getSimpleName());
        server.close();
    }

    private static String q(String s) throws Exception {
        return JSON.writeValueAsString(s);
    }

    private JsonNode call(String auth, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = server.send(server.request(path).header("Authorization", auth)
                .header("Content-Type", "application/json").method(method, body.isEmpty()
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private HttpResponse<String> page(String path) throws Exception {
        return server.send(server.request(path).header("Cookie", cookie).header("Accept", "text/html").GET().build());
    }

    /** Every GET page of the workspace in the route table, with Bob's values; each free of unescaped payloads. */
    @Test
    void noPageRendersAPayloadUnescaped() throws Exception {
        Map<String, String> values = Map.of("ws", "bob", "table", "notes", "id", record, "report", report,
                "share", share, "token", shareToken, "column", "title", "member", "bob");
        List<String> pages = new ArrayList<>();
        for (var route : server.app().http().registeredRoutes()) {
            String p = route.path();
            if (!route.method().equals("GET") || !(p.startsWith("/web/workspace") || p.startsWith("/workspace")
                    || p.startsWith("/share/"))) {
                continue;
            }
            for (var e : values.entrySet()) {
                p = p.replace("{" + e.getKey() + "}", e.getValue());
            }
            if (!p.contains("{")) {
                pages.add(p);
            }
        }
        pages.addAll(List.of("/api/v1/workspace/reports/" + report + "/result?format=html",
                "/web/workspace/bob/tables/notes?sort=title&q=" + URLEncoder.encode(XSS.get(0), StandardCharsets.UTF_8),
                "/web/workspace/bob/tables/notes/records/" + record + "/history"));
        assertThat(pages).as("workspace pages in the route table").hasSizeGreaterThan(15);
        for (String p : pages) {
            HttpResponse<String> r = p.startsWith("/api/") ? server.send(server.request(p).header("Authorization", bob)
                    .GET().build()) : page(p);
            unescaped("xss-page", p, r);
        }
        HttpResponse<String> shared = unlockedShare();
        unescaped("xss-share-page", "/share/…", shared);
        assertThat(tally.failures()).isEmpty();
    }

    private void unescaped(String kind, String path, HttpResponse<String> r) {
        String body = r.body().toLowerCase(Locale.ROOT);
        List<String> raw = XSS.stream().map(x -> x.toLowerCase(Locale.ROOT)).map(x -> x.substring(x.indexOf('<')))
                .filter(body::contains).toList();
        tally.attack(kind, r.statusCode() < 500 && raw.isEmpty() && !body.contains("href=\"javascript:"),
                path + " -> " + r.statusCode() + " renders " + raw);
    }

    /** The share page after the passphrase (the unlock cookie it sets). */
    private HttpResponse<String> unlockedShare() throws Exception {
        String path = "/share/" + shareToken;
        var locked = server.send(server.request(path).GET().build());
        String loginCsrf = locked.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var unlocked = server.send(server.request(path).header("Cookie", loginCsrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + loginCsrf.substring(loginCsrf.indexOf('=') + 1)
                        + "&passphrase=correct+horse+battery+staple")).build());
        assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(303);
        String unlock = unlocked.headers().allValues("Set-Cookie").stream().filter(c -> !c.startsWith("cairn_csrf"))
                .findFirst().orElseThrow().split(";")[0];
        return server.send(server.request(path).header("Cookie", unlock).GET().build());
    }

    /** CSV downloads (API, page and share link): no cell a spreadsheet would run as a formula. */
    @Test
    void noCsvCellRunsAsAFormula() throws Exception {
        List<HttpResponse<String>> csvs = List.of(
                server.send(server.request("/api/v1/workspace/reports/" + report + "/result?format=csv")
                        .header("Authorization", bob).GET().build()),
                page("/web/workspace/bob/reports/" + report + "/result?format=csv"));
        for (HttpResponse<String> csv : csvs) {
            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
            int formulas = 0;
            List<String> cells = cells(csv.body());
            for (String cell : cells) {
                boolean runs = !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
                        && !cell.matches("-?\\d+(\\.\\d+)?");
                tally.attack("csv-formula", !runs, csv.uri() + " has the cell " + cell);
                formulas += cell.startsWith("'") ? 1 : 0;
            }
            assertThat(formulas).as("neutralised cells in " + csv.uri()).isGreaterThanOrEqualTo(FORMULAS.size());
            header("csv-header", csv);
        }
        assertThat(tally.failures()).isEmpty();
    }

    /** RFC 4180 cells of a CSV text. */
    private static List<String> cells(String csv) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == '\n') {
                out.add(cell.toString().replaceAll("\r$", ""));
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return out;
    }

    /** A download's Content-Disposition: one header, a quoted file name without quotes or controls of its own. */
    private void header(String kind, HttpResponse<?> r) {
        String d = r.headers().firstValue("Content-Disposition").orElse("");
        boolean ok = d.matches("attachment; filename=\"[^\"\\\\\\p{Cntrl}]*\"(; filename\\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]*)?");
        tally.attack(kind, ok && r.headers().allValues("Content-Disposition").size() == 1, r.uri() + " sends " + d);
    }

    /** The PDF of a report with hostile text: a PDF, with an intact file name header. */
    @Test
    void pdfOfHostileTextIsAPdf() throws Exception {
        HttpResponse<byte[]> pdf = server.sendBytes(server.request("/api/v1/workspace/reports/" + report
                + "/result?format=pdf").header("Authorization", bob).GET().build());
        tally.attack("pdf", pdf.statusCode() == 200 && new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)
                .equals("%PDF-"), "the PDF answer " + pdf.statusCode());
        header("pdf-header", pdf);
        assertThat(tally.failures()).isEmpty();
    }

    /**
     * SQL injection as Mallory in every filter, sort and search parameter of her listings and report previews: no
     * 5xx, no row that does not match, never Bob's marked data, and Bob's and her tables whole afterwards.
     */
    @Test
    void sqlInjectionChangesNothingAndLeaksNothing() throws Exception {
        int customers = call(mallory, "GET", "/api/v1/workspace/tables/customers/records", "", 200)
                .path("records").size();
        int bobs = call(bob, "GET", "/api/v1/workspace/tables/notes/records?limit=100", "", 200).path("records").size();
        for (String s : SQL) {
            String e = URLEncoder.encode(s, StandardCharsets.UTF_8);
            for (String query : List.of("filter=name:eq:" + e, "filter=name:contains:" + e, "filter=" + e + ":eq:x",
                    "filter=name:" + e + ":x", "q=" + e, "filter=customer_since:gt:" + e, "filter=name:in:" + e)) {
                injected("sql-filter", "/api/v1/workspace/tables/customers/records?" + query, 0);
            }
            injected("sql-sort", "/api/v1/workspace/tables/customers/records?sort=" + e, customers);
            injected("sql-sort", "/api/v1/workspace/tables/customers/records?sort=-" + e, customers);
            injected("sql-page", "/web/workspace/mallory/tables/customers?q=" + e, -1);
            for (String spec : List.of("{\"table\":\"customers\",\"columns\":[\"name\"],\"filters\":[{\"column\":\"name\","
                    + "\"op\":\"eq\",\"value\":" + q(s) + "}]}", "{\"table\":\"customers\",\"columns\":[" + q(s) + "]}",
                    "{\"table\":" + q(s) + ",\"columns\":[\"name\"]}", "{\"table\":\"customers\",\"columns\":[\"name\"],"
                    + "\"sort\":[{\"column\":" + q(s) + ",\"desc\":true}]}", "{\"table\":\"customers\",\"groupBy\":"
                    + "[\"name\"],\"aggregates\":[{\"fn\":" + q(s) + ",\"column\":\"name\"}]}")) {
                var r = server.send(server.request("/api/v1/workspace/reports/preview").header("Authorization", mallory)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec))
                        .build());
                boolean extra = r.statusCode() == 200 && spec.contains("\"op\":\"eq\"")
                        && JSON.readTree(r.body()).path("rows").size() > 0;
                tally.attack("sql-report", r.statusCode() < 500 && !extra && !r.body().contains(MARKER),
                        spec + " -> " + r.statusCode() + " " + abbreviate(r.body()));
            }
        }
        assertThat(call(mallory, "GET", "/api/v1/workspace/tables/customers/records", "", 200).path("records").size())
                .isEqualTo(customers);
        assertThat(call(bob, "GET", "/api/v1/workspace/tables/notes/records?limit=100", "", 200).path("records").size())
                .isEqualTo(bobs);
        assertThat(tally.failures()).isEmpty();
    }

    /** One injected listing: no 5xx, never Bob's marker, and (when {@code rows} ≥ 0 and it answers) that many rows. */
    private void injected(String kind, String path, int rows) throws Exception {
        var r = server.send(path.startsWith("/web/") ? server.request(path).header("Cookie", malloryCookie())
                .GET().build() : server.request(path).header("Authorization", mallory).GET().build());
        boolean rowsOk = rows < 0 || r.statusCode() != 200 || JSON.readTree(r.body()).path("records").size() == rows;
        tally.attack(kind, r.statusCode() < 500 && rowsOk && !r.body().contains(MARKER), path + " -> " + r.statusCode()
                + " " + abbreviate(r.body()));
    }

    private String malloryCookieValue;

    private String malloryCookie() throws Exception {
        if (malloryCookieValue == null) {
            var login = server.post("/api/v1/session", "application/json",
                    "{\"name\":\"mallory\",\"password\":\"" + TestServer.password("mallory") + "\"}");
            malloryCookieValue = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        }
        return malloryCookieValue;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Guessing a share link's passphrase: refused with 429 within ten guesses, and then the right one too. */
    @Test
    void sharePassphraseGuessingIsThrottled() throws Exception {
        JsonNode created = call(bob, "POST", "/api/v1/workspace/shares", "{\"report\":" + report
                + ",\"passphrase\":\"another good passphrase\"}", 201);
        String path = "/share/" + created.path("token").asText();
        var locked = server.send(server.request(path).GET().build());
        String loginCsrf = locked.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String field = "_csrf=" + loginCsrf.substring(loginCsrf.indexOf('=') + 1);
        int throttledAt = -1;
        for (int i = 1; i <= 10 && throttledAt < 0; i++) {
            var r = server.send(server.request(path).header("Cookie", loginCsrf)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(field + "&passphrase=guess-" + i)).build());
            throttledAt = r.statusCode() == 429 ? i : -1;
        }
        var right = server.send(server.request(path).header("Cookie", loginCsrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(field + "&passphrase=another+good+passphrase")).build());
        tally.attack("share-passphrase-guessing", throttledAt > 0 && right.statusCode() == 429,
                "throttled after " + throttledAt + " guesses; the right passphrase then -> " + right.statusCode());
        assertThat(tally.failures()).isEmpty();
    }
}
