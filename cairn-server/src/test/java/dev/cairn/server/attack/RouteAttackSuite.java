package dev.cairn.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.TestServer;
import dev.cairn.server.feature.Feature;
import dev.cairn.server.http.HttpApi;
import dev.cairn.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile tenant against every route of the route table, as Javalin registered it: a new route is attacked without
 * touching this suite, and a route whose role or path parameter has no attack plan fails the run. Mallory (the
 * attacker) holds valid credentials of her own; Bob (the victim) has a repository, tokens and whatever the features'
 * {@link #prepareVictim} gives him, all carrying the marker {@link #MARKER}. For each route:
 * <ul>
 * <li>credentials that must not work: none, an expired token, a revoked token, token and name swapped in HTTP Basic,
 * the token in the query string ({@code access_token}, {@code token}, {@code api_key}): refused (401, 403 or a redirect
 * to the login page) on every route that is not public;</li>
 * <li>scopes: a {@code read} and an {@code append} token where the route's role does not admit them (a read token
 * writing, an append token deleting, either on account, admin and page routes): refused;</li>
 * <li>CSRF: every unsafe method with Mallory's session cookie and no CSRF token, and with Bob's CSRF token: refused;</li>
 * <li>another tenant's ids and names: Mallory's own credentials with Bob's values in every path parameter (and, for
 * workspace routes, Bob's workspace named in {@code X-Cairn-Workspace}): no answer may carry Bob's marker;</li>
 * <li>path tricks ({@link Tricks}) in each path parameter, the others Bob's: no 5xx, no marker.</li>
 * </ul>
 * No answer may be a 5xx, and Bob's data (the {@link #fingerprintPaths}) must stay unchanged: read back after every
 * unsafe route in full mode, after every tenth (and every self-ending one) by default.
 * {@code -Dcairn.attack.full=true} applies every trick to every parameter, every open-redirect target and both forms
 * (Bearer and Basic) of each bad credential to every route; by default (CI) each parameter gets the dot segments and a
 * rotating sixth of the other tricks, each route one redirect target and one form, rotating, so that every variant is
 * still tried on many routes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RouteAttackSuite {
    /** In every piece of the victim's data that a route could hand out. */
    protected static final String MARKER = "BOBSECRET";
    /** Script payloads the victim's data carries too (token names, the features' records): never rendered raw. */
    protected static final List<String> XSS = List.of("<script>alert('bob1')</script>",
            "\"><img src=x onerror=alert('bob2')>");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> KNOWN_ROLES = Set.of("PUBLIC", "SESSION_USER", "ACCOUNT", "ADMIN",
            "STORAGE_READ", "STORAGE_APPEND", "STORAGE_DELETE", "OPS", "WORKSPACE_VIEWER", "WORKSPACE_EDITOR",
            "WORKSPACE_OWNER", "EXPORT_OWNER", "EXPORT_OWNER_PAGE");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = MutableClock.at(Instant.now());
    private final Map<String, String[]> plans = new HashMap<>();
    protected TestServer server;
    protected RawClient http;
    protected Tenant bob;
    protected Tenant mallory;
    private int attackers;
    private final Tally tally = new Tally();

    /** The features plugged into the server under test. */
    protected abstract List<Feature> features();

    /**
     * Gives Bob the features' data (each piece carrying {@link #MARKER}) and registers, with {@link #plan}, the value
     * of every path parameter the features' routes have.
     */
    protected void prepareVictim(TestServer server, Tenant bob) throws Exception {
    }

    /** Gives Mallory what the features' routes need to reach their handlers (her own workspace, ...). */
    protected void prepareAttacker(TestServer server, String fullToken) throws Exception {
    }

    /** Bob's data read back after each route (paths read with Bob's full token); the features add theirs. */
    protected List<String> fingerprintPaths() {
        return List.of("/api/v1/account", "/api/v1/account/tokens", "/api/v1/repos", "/bob/secret/config",
                "/bob/secret/data/", "/api/v1/account/devices", "/api/v1/account/alerts");
    }

    /**
     * The attack plan of path parameter {@code param} after the literal segment {@code segment} ({@code null}: any
     * segment): Bob's value, Mallory's own, and whether the value names something a tenant owns (a template name or a
     * static file does not).
     */
    protected final void plan(String segment, String param, String victim, String attacker, boolean owned) {
        plans.put((segment == null ? "" : segment) + "/{" + param + "}", new String[] {victim, attacker,
            Boolean.toString(owned)});
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.start(dir.resolve("server"), c -> c, clock, features());
        http = new RawClient(server.app().port());
        server.account("bob");
        bob = tenant("bob");
        var objects = server.core().objects();
        var t = new dev.cairn.server.storage.Tenant(bob.id, "bob");
        byte[] config = (MARKER + " config").getBytes(StandardCharsets.UTF_8);
        objects.put(t, "secret", dev.cairn.blob.BlobName.CONFIG, new java.io.ByteArrayInputStream(config),
                config.length, false);
        String pack = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(config));
        objects.put(t, "secret", dev.cairn.blob.BlobName.of(dev.cairn.blob.BlobKind.PACK, pack),
                new java.io.ByteArrayInputStream(config), config.length, true);
        platformPlans(pack);
        prepareVictim(server, bob);
        newAttacker();
    }

    @AfterAll
    void stop() throws Exception {
        tally.report(getClass().getSimpleName());
        System.out.println("ATTACK " + getClass().getSimpleName() + " slowest answer: " + http.slowest());
        if (server != null) {
            server.close();
        }
    }

    private void platformPlans(String pack) {
        plan(null, "account", "bob", "mallory", true);
        plan(null, "repo", "secret", "mine", true);
        plan(null, "type", "data", "data", false);
        plan(null, "kind", "data", "data", false);
        plan("{type}", "name", pack, pack, true);
        plan("{kind}", "id", pack, pack, true);
        plan("accounts", "name", "bob", "mallory", true);
        plan("repos", "repo", "secret", "mine", true);
        plan("tokens", "id", Long.toString(bob.fullId), "1", true);
        plan("devices", "id", Long.toString(bob.fullId), "1", true);
        plan("devices", "device", "bob-laptop", "laptop", true);
        plan("leases", "id", "00000000-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000001", true);
        plan("repositories", "repo", "secret", "mine", true);
        plan("static", "file", "cairn.css", "cairn.css", false);
    }

    private Tenant tenant(String name) throws Exception {
        Tenant t = new Tenant(name, server.core().accounts().require(name).id());
        String label = (name.equals("bob") ? MARKER : "") + XSS.get(0) + " full of " + name;
        var full = server.core().tokens().create(t.id, label, TokenScope.FULL, null);
        server.core().tokens().create(t.id, XSS.get(1), TokenScope.READ, null);
        t.full = full.token();
        t.fullId = full.id();
        t.read = server.token(name, TokenScope.READ);
        t.append = server.token(name, TokenScope.APPEND);
        t.expired = server.core().tokens().create(t.id, "expiring", TokenScope.FULL, clock.instant()
                .plus(Duration.ofMinutes(1))).token();
        var revoked = server.core().tokens().create(t.id, "revoked", TokenScope.FULL, null);
        t.revoked = revoked.token();
        server.core().tokens().revoke(t.id, revoked.id());
        clock.advance(Duration.ofMinutes(2));
        login(t);
        return t;
    }

    private void login(Tenant t) throws Exception {
        var r = http.send("POST", "/api/v1/session", Map.of("Content-Type", "application/json"),
                ("{\"name\":\"" + t.name + "\",\"password\":\"" + t.password() + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        t.cookie = r.header("set-cookie").split(";")[0];
        t.csrf = JSON.readTree(r.body()).path("csrfToken").asText();
        assertThat(t.csrf).isNotBlank();
    }

    /** A fresh attacker (the previous one may have ended her own account or session through a route). */
    private void newAttacker() throws Exception {
        String name = "mallory" + (attackers++ == 0 ? "" : Integer.toString(attackers));
        server.account(name);
        mallory = tenant(name);
        server.core().objects().createRepo(new dev.cairn.server.storage.Tenant(mallory.id, "mine"), "mine");
        prepareAttacker(server, mallory.full);
    }

    private void ensureAttacker() throws Exception {
        clock.advance(Duration.ofMinutes(6)); // past the login throttle's window: each route starts unthrottled
        var me = http.send("GET", "/api/v1/account", Map.of("Authorization", "Bearer " + mallory.full), new byte[0]);
        var page = http.send("GET", "/tokens", Map.of("Cookie", mallory.cookie), new byte[0]);
        if (me.status() != 200 || page.status() != 200) {
            newAttacker();
        }
    }

    @Test
    void everyRouteResistsEveryAttack() throws Exception {
        List<HttpApi.RegisteredRoute> routes = new ArrayList<>(server.app().http().registeredRoutes());
        routes.sort(Comparator.comparing(r -> selfEnding(r)));
        Map<String, String> before = fingerprint();
        int unsafe = 0;
        for (HttpApi.RegisteredRoute route : routes) {
            ensureAttacker();
            tally.route();
            attackRoute(route, routes.indexOf(route));
            if (UNSAFE.contains(route.method()) && (full() || ++unsafe % 10 == 0 || selfEnding(route))) {
                Map<String, String> after = fingerprint();
                if (!after.equals(before)) {
                    tally.failure(route.method() + " " + route.path() + " (or an unsafe route up to 9 before it, in "
                            + "quick mode) changed Bob's data: " + diff(before, after));
                    before = after;
                }
            }
        }
        Map<String, String> end = fingerprint();
        if (!end.equals(before)) {
            tally.failure("the last unsafe routes changed Bob's data: " + diff(before, end));
        }
        assertThat(tally.routes()).isEqualTo(routes.size());
        assertThat(tally.failures()).as(tally.summary(getClass().getSimpleName())).isEmpty();
    }

    /** Routes that end the caller's own session or account go last (the attacker is replaced if one did). */
    private static boolean selfEnding(HttpApi.RegisteredRoute r) {
        return r.path().endsWith("/logout") || r.path().endsWith("/session") || r.path().endsWith("/delete")
                || r.path().equals("/api/v1/account") || r.path().endsWith("/purge");
    }

    private void attackRoute(HttpApi.RegisteredRoute route, int index) throws Exception {
        String what = route.method() + " " + route.path();
        String role = route.roles().size() == 1 ? route.roles().iterator().next().toString() : route.roles().toString();
        if (!KNOWN_ROLES.contains(role)) {
            tally.failure(what + ": no attack plan for role " + role);
            return;
        }
        List<String> params = params(route.path());
        for (String p : params) {
            if (planOf(route.path(), p) == null) {
                tally.failure(what + ": no attack plan for path parameter {" + p + "}");
                return;
            }
        }
        String victimPath = fill(route.path(), null, null);
        if (!role.equals("PUBLIC") && !role.equals("OPS")) {
            credentialAttacks(route, role, victimPath);
        }
        if (params.stream().anyMatch(p -> Boolean.parseBoolean(planOf(route.path(), p)[2]))) {
            String ownPath = fillOwn(route.path());
            check(route, "another-tenant", victimPath, asMallory(route, role, true), false);
            check(route, "another-tenant", victimPath, asMallory(route, role, false), false);
            if (!ownPath.equals(victimPath)) {
                check(route, "another-tenant-workspace", ownPath, asMallory(route, role, true), false);
            }
        }
        openRedirect(route, role, victimPath, index);
        if (route.method().equals("GET")) {
            sqlInQuery(route, role, params.isEmpty() ? victimPath : fillOwn(route.path()), index);
        }
        for (int j = 0; j < params.size(); j++) {
            String p = params.get(j);
            String[] plan = planOf(route.path(), p);
            for (int k = 0; k < Tricks.ALL.size(); k++) {
                Tricks.Trick trick = Tricks.ALL.get(k);
                if (!full() && k > 1 && (k + index + j) % 6 != 0) {
                    continue;
                }
                String path = fill(route.path(), p, trick.apply().apply(plan[0], plan[1]));
                check(route, "path-trick", path, asMallory(route, role, false), false);
            }
        }
    }

    /** Off-site targets in every parameter a route might redirect to: any 3xx must stay on this server. */
    private void openRedirect(HttpApi.RegisteredRoute route, String role, String path, int index) throws Exception {
        for (int k = 0; k < REDIRECTS.size(); k++) {
            if (!full() && (k + index) % REDIRECTS.size() != 0) {
                continue; // quick: one target on each route, rotating (each target on many routes)
            }
            String target = REDIRECTS.get(k);
            String q = "next=" + target + "&return=" + target + "&redirect=" + target + "&url=" + target;
            String sep = path.contains("?") ? "&" : "?";
            Map<String, String> h = new LinkedHashMap<>(asMallory(route, role, false));
            h.put("Accept", "text/html");
            var a = http.send(route.method(), path + sep + q, h, new byte[0]);
            tally.attack("open-redirect", !offSite(a), route.method() + " " + abbreviate(path) + " -> "
                    + a.status() + " Location: " + a.header("location"));
        }
    }

    /** SQL injection in the query parameters listings read (filters, sorts, searches, paging), as Mallory. */
    private void sqlInQuery(HttpApi.RegisteredRoute route, String role, String path, int index) throws Exception {
        for (int k = 0; k < SQL.size(); k++) {
            if (!full() && (k + index) % SQL.size() != 0) {
                continue;
            }
            String v = java.net.URLEncoder.encode(SQL.get(k), StandardCharsets.UTF_8);
            String q = "q=" + v + "&sort=" + v + "&filter=" + v + "&filter=name:eq:" + v + "&status=" + v + "&limit="
                    + v + "&offset=" + v + "&from=" + v + "&to=" + v + "&format=" + v + "&search=" + v;
            var a = http.send("GET", path + (path.contains("?") ? "&" : "?") + q, asMallory(route, role, false),
                    new byte[0]);
            boolean leak = a.body().toUpperCase(Locale.ROOT).contains(MARKER);
            tally.attack("sql-query", a.status() < 500 && !leak, (leak ? "leaked Bob's data: " : "") + "GET "
                    + abbreviate(path) + "?" + SQL.get(k) + " -> " + a.status() + " " + abbreviate(a.body()));
        }
    }

    private static final List<String> SQL = List.of("' OR '1'='1", "x' UNION SELECT name, email FROM accounts --",
            "1; DROP TABLE accounts; --", "name) OR (1=1", "\" OR \"\"=\"", "(SELECT 1/0)", "1 OR 1=1",
            "%' OR 1=1 --");

    /** Encoded forms of off-site targets (as they would stand in a link an attacker sends). */
    private static final List<String> REDIRECTS = List.of("%2F%2Fevil.example", "https%3A%2F%2Fevil.example",
            "%2F%5Cevil.example", "%2F%09%2Fevil.example", "javascript%3Aalert(1)", "%2F%2F%2Fevil.example",
            "http%3Aevil.example");

    /** Whether an answer sends the browser off this server (a Location with a scheme, {@code //} or {@code /\}). */
    static boolean offSite(RawClient.Answer a) {
        if (a.status() < 300 || a.status() >= 400) {
            return false;
        }
        String location = a.header("location").replaceAll("[\\t\\r\\n ]", "").replaceFirst("^http://127\\.0\\.0\\.1:\\d+/", "/");
        return !location.startsWith("/") || location.startsWith("//") || location.startsWith("/\\");
    }

    /**
     * Session fixation: a session id the attacker planted (an invented one, or her own live session) is never what
     * the victim's login leaves him with, and logging out ends the session server-side.
     */
    @Test
    void loginNeverKeepsAPlantedSessionAndLogoutEndsIt() throws Exception {
        for (String planted : List.of("cairn_session=attacker-chosen-value-0123456789", mallory.cookie)) {
            var form = http.send("GET", "/login", Map.of(), new byte[0]);
            String loginCsrf = form.header("set-cookie").split(";")[0];
            var login = http.send("POST", "/login", Map.of("Content-Type", "application/x-www-form-urlencoded",
                    "Cookie", planted + "; " + loginCsrf), ("name=bob&password=" + bob.password() + "&_csrf="
                    + loginCsrf.substring(loginCsrf.indexOf('=') + 1)).getBytes(StandardCharsets.UTF_8));
            String issued = login.header("set-cookie").split(";")[0];
            tally.attack("session-fixation", (login.status() == 303 || login.status() == 302) && !issued.isEmpty()
                    && !issued.equals(planted), "login with " + planted + " -> " + login.status() + " " + issued);
            var asPlanted = http.send("GET", "/api/v1/account", Map.of("Cookie", planted, "Accept",
                    "application/json"), new byte[0]);
            tally.attack("session-fixation", !asPlanted.body().contains("\"bob\""), "the planted cookie reads "
                    + asPlanted.status() + " " + abbreviate(asPlanted.body()));
            var out = http.send("POST", "/logout", Map.of("Cookie", issued, "Content-Type",
                    "application/x-www-form-urlencoded"), ("_csrf=" + csrfOf(issued)).getBytes(StandardCharsets.UTF_8));
            var after = http.send("GET", "/api/v1/account", Map.of("Cookie", issued, "Accept", "application/json"),
                    new byte[0]);
            tally.attack("logout-ends-session", out.status() < 400 && after.status() == 401, "logout -> "
                    + out.status() + ", then the old cookie -> " + after.status());
        }
        assertThat(tally.failures()).as(tally.summary(getClass().getSimpleName())).isEmpty();
    }

    /**
     * Every GET route with Bob's values, as Bob (his session for pages, his full token for the API): an HTML answer
     * never carries a payload of his data unescaped, and an answer that carries one raw is not served as HTML.
     */
    @Test
    void noPageRendersAPayloadUnescaped() throws Exception {
        int pages = 0;
        for (HttpApi.RegisteredRoute route : server.app().http().registeredRoutes()) {
            if (!route.method().equals("GET") || params(route.path()).stream().anyMatch(p -> planOf(route.path(), p)
                    == null)) {
                continue;
            }
            String path = fill(route.path(), null, null);
            boolean api = path.startsWith("/api/") || path.startsWith("/bob/");
            var a = http.send("GET", path, api ? Map.of("Authorization", "Bearer " + bob.full)
                    : Map.of("Cookie", bob.cookie, "Accept", "text/html"), new byte[0]);
            boolean html = a.header("content-type").startsWith("text/html");
            pages += html ? 1 : 0;
            List<String> raw = XSS.stream().filter(x -> a.body().contains(x.substring(x.indexOf('<')))).toList();
            tally.attack("xss-page", a.status() < 500 && (raw.isEmpty() || !html && !a.header("content-type")
                    .isEmpty()), "GET " + path + " -> " + a.status() + " " + a.header("content-type") + " renders " + raw);
        }
        assertThat(pages).as("HTML pages read").isGreaterThan(10);
        assertThat(tally.failures()).as(tally.summary(getClass().getSimpleName())).isEmpty();
    }

    /** The CSRF token of a session, read from a page that carries it. */
    private String csrfOf(String cookie) throws IOException {
        var page = http.send("GET", "/tokens", Map.of("Cookie", cookie), new byte[0]);
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        return m.find() ? m.group(1) : "";
    }

    /** After a few wrong passwords an account's logins are throttled (the right one included) for a while. */
    @Test
    void passwordGuessingIsThrottled() throws Exception {
        server.account("carol");
        clock.advance(Duration.ofMinutes(6));
        int throttledAt = -1;
        for (int i = 1; i <= 12 && throttledAt < 0; i++) {
            var a = http.send("POST", "/api/v1/session", Map.of("Content-Type", "application/json"),
                    ("{\"name\":\"carol\",\"password\":\"guess-" + i + "\"}").getBytes(StandardCharsets.UTF_8));
            if (a.status() == 429) {
                throttledAt = i;
            }
        }
        var right = http.send("POST", "/api/v1/session", Map.of("Content-Type", "application/json"),
                ("{\"name\":\"carol\",\"password\":\"" + TestServer.password("carol") + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        tally.attack("password-guessing", throttledAt > 0 && throttledAt <= 11 && right.status() == 429,
                "throttled after " + throttledAt + " guesses; the right password then -> " + right.status());
        assertThat(tally.failures()).as(tally.summary(getClass().getSimpleName())).isEmpty();
    }

    private static boolean full() {
        return Boolean.getBoolean("cairn.attack.full");
    }

    private void credentialAttacks(HttpApi.RegisteredRoute route, String role, String path) throws Exception {
        String m = route.method();
        boolean bearer = full() || path.length() % 2 == 0; // quick: Bearer or Basic, alternating over the routes
        check(route, "no-credentials", path, Map.of(), true);
        if (full() || bearer) {
            check(route, "expired-token", path, Map.of("Authorization", "Bearer " + mallory.expired), true);
            check(route, "revoked-token", path, Map.of("Authorization", "Bearer " + mallory.revoked), true);
            check(route, "token-swap", path, Map.of("Authorization", mallory.swapped()), true);
        }
        if (full() || !bearer) {
            check(route, "expired-token", path, Map.of("Authorization", mallory.basic(mallory.expired)), true);
            check(route, "revoked-token", path, Map.of("Authorization", mallory.basic(mallory.revoked)), true);
            check(route, "token-swap", path, Map.of("Authorization", mallory.basic(bob.full)), true);
        }
        String sep = path.contains("?") ? "&" : "?";
        check(route, "token-in-query", path + sep + "access_token=" + mallory.full + "&token=" + mallory.full
                + "&api_key=" + mallory.full, Map.of(), true);
        if (!admits(role, route.path(), m, TokenScope.READ)) {
            check(route, "scope-read", path, Map.of("Authorization", "Bearer " + mallory.read), true);
        }
        if (!admits(role, route.path(), m, TokenScope.APPEND)) {
            check(route, "scope-append", path, Map.of("Authorization", mallory.basic(mallory.append)), true);
        }
        if (UNSAFE.contains(m)) {
            check(route, "csrf-missing", path, Map.of("Cookie", mallory.cookie), true);
            check(route, "csrf-foreign", path, Map.of("Cookie", mallory.cookie, "X-CSRF-Token", bob.csrf), true);
            checkForm(route, path, Map.of("Cookie", mallory.cookie), "_csrf=" + bob.csrf);
        }
    }

    /** Whether the route's role lets a token of {@code scope} through (the guard's documented rules). */
    private static boolean admits(String role, String path, String method, TokenScope scope) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        boolean page = path.contains("{ws}");
        return switch (role) {
            case "STORAGE_READ" -> true;
            case "STORAGE_APPEND" -> scope != TokenScope.READ;
            case "WORKSPACE_VIEWER" -> !page;
            case "EXPORT_OWNER" -> read;
            default -> false;
        };
    }

    /** Mallory's strongest credentials for the route: the session (with CSRF) for pages, else her full token. */
    private Map<String, String> asMallory(HttpApi.RegisteredRoute route, String role, boolean bobsWorkspace) {
        Map<String, String> h = new LinkedHashMap<>();
        boolean page = role.equals("SESSION_USER") || role.endsWith("_PAGE") || route.path().contains("{ws}")
                || (!route.path().startsWith("/api/") && role.equals("ADMIN"));
        if (page) {
            h.put("Cookie", mallory.cookie);
            h.put("X-CSRF-Token", mallory.csrf);
        } else if (route.path().startsWith("/{account}")) {
            h.put("Authorization", mallory.basic(mallory.full));
        } else {
            h.put("Authorization", "Bearer " + mallory.full);
        }
        if (bobsWorkspace) {
            h.put("X-Cairn-Workspace", "bob");
        }
        h.put("Content-Type", "application/json");
        return h;
    }

    private void check(HttpApi.RegisteredRoute route, String kind, String path, Map<String, String> headers,
            boolean mustRefuse) throws Exception {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Accept", "application/json");
        h.putIfAbsent("Content-Type", "application/json");
        byte[] body = UNSAFE.contains(route.method()) ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        judge(route, kind, path, http.send(route.method(), path, h, body), mustRefuse);
    }

    private void checkForm(HttpApi.RegisteredRoute route, String path, Map<String, String> headers, String form)
            throws Exception {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/x-www-form-urlencoded");
        judge(route, "csrf-form", path, http.send(route.method(), path, h, form.getBytes(StandardCharsets.UTF_8)),
                true);
    }

    private void judge(HttpApi.RegisteredRoute route, String kind, String path, RawClient.Answer a,
            boolean mustRefuse) {
        String what = route.method() + " " + abbreviate(path) + " -> " + a.status() + " " + abbreviate(a.body());
        boolean leak = a.body().toUpperCase(Locale.ROOT).contains(MARKER);
        boolean refused = mustRefuse ? a.status() == 401 || a.status() == 403 || a.status() == 429
                || a.redirectsToLogin() : a.status() < 500;
        tally.attack(kind, refused && !leak, (leak ? "leaked Bob's data: " : "") + what);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }

    private static List<String> params(String pattern) {
        List<String> out = new ArrayList<>();
        Matcher m = PARAM.matcher(pattern);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private String[] planOf(String pattern, String param) {
        int at = pattern.indexOf("{" + param + "}");
        String before = pattern.substring(0, Math.max(0, at - 1));
        String segment = before.substring(before.lastIndexOf('/') + 1);
        String[] specific = plans.get(segment + "/{" + param + "}");
        return specific != null ? specific : plans.get("/{" + param + "}");
    }

    /** The pattern with Bob's values, except {@code param}, which gets {@code value}. */
    private String fill(String pattern, String param, String value) {
        String path = pattern;
        for (String p : params(pattern)) {
            path = path.replace("{" + p + "}", p.equals(param) ? value : planOf(pattern, p)[0]);
        }
        return path;
    }

    /** The pattern with Mallory's own values: with Bob's workspace in the header, Bob's data by Mallory's names. */
    private String fillOwn(String pattern) {
        String path = pattern;
        for (String p : params(pattern)) {
            path = path.replace("{" + p + "}", planOf(pattern, p)[1]);
        }
        return path;
    }

    private Map<String, String> fingerprint() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : fingerprintPaths()) {
            String auth = path.startsWith("/bob/") ? bob.basic(bob.full) : "Bearer " + bob.full;
            var a = http.send("GET", path, Map.of("Authorization", auth, "Accept", "application/json"), new byte[0]);
            out.put(path, a.status() + " " + stable(a.body()));
        }
        var session = http.send("GET", "/tokens", Map.of("Cookie", bob.cookie), new byte[0]);
        out.put("bob's session", Integer.toString(session.status()));
        return out;
    }

    /** The body without the fields that change by reading it (last use, usage counters). */
    private static String stable(String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            strip(tree);
            return tree.toString();
        } catch (IOException notJson) {
            return body;
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.properties().removeIf(e -> e.getKey().toLowerCase(Locale.ROOT).matches(".*(last|used|usage|seen|request).*"));
            o.forEach(RouteAttackSuite::strip);
        } else if (node != null && node.isArray()) {
            node.forEach(RouteAttackSuite::strip);
        }
    }

    private static String diff(Map<String, String> before, Map<String, String> after) {
        StringBuilder d = new StringBuilder();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                d.append(k).append(": ").append(abbreviate(v)).append(" => ").append(abbreviate(after.get(k)))
                        .append("; ");
            }
        });
        return d.toString();
    }
}
