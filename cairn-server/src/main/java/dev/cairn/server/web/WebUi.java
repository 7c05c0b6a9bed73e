package dev.cairn.server.web;

import dev.cairn.protocol.Problem;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.PasswordConfirmation;
import dev.cairn.server.auth.DeviceService;
import dev.cairn.server.storage.RetentionLocks;
import dev.cairn.server.account.SignupMode;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.storage.RepoRegistry;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The web UI's entry point: builds the page handlers the route table points to. Routes, roles and the session/CSRF
 * checks of signed-in pages live in the HTTP layer; this package renders pages and calls the services. Thread-safe.
 */
public final class WebUi {
    /**
     * The form field that carries the CSRF token. The HTTP layer's guard reads the same name for signed-in forms (a
     * test pins that they agree).
     */
    public static final String CSRF_FIELD = "_csrf";

    private final AuthPages auth;
    private final DashboardPage dashboard;
    private final RepositoryPage repository;
    private final TokenPages tokens;
    private final DevicePages devices;
    private final AlertPages alerts;
    private final AccountPages account;
    private final AdminPages admin;
    private final ErrorPages errors;
    private final WebKit kit;
    private final Assets assets;

    /**
     * Everything the pages call into; {@code featureNav} are the navigation entries of the plugged-in features, shown
     * after the dashboard's.
     */
    public record Services(AccountService accounts, TokenService tokens, RepoRegistry repos, SessionBridge sessions,
            RandomBytes random, InstantSource clock, Duration accountDeletionGrace, List<NavLink> featureNav,
            DeviceService devices, RetentionLocks retention, PasswordConfirmation passwords,
            dev.cairn.server.alerts.Monitoring monitoring, dev.cairn.server.storage.ObjectService objects,
            dev.cairn.server.quota.UsageMeter meter, java.util.function.BooleanSupplier ready) {
    }

    public WebUi(Services s) {
        this.assets = new Assets();
        Views views = new Views();
        Pages pages = new Pages(views, assets, s.sessions(),
                () -> s.accounts().signupMode() != SignupMode.CLOSED, navigation(s.featureNav()));
        LoginCsrf csrf = new LoginCsrf(s.random(), s.sessions());
        this.auth = new AuthPages(pages, s.accounts(), csrf);
        RepoHealthSource health = new RepoHealthSource(s.objects(), s.monitoring().usage(), s.clock());
        this.dashboard = new DashboardPage(pages, s.accounts(), s.repos(), s.retention(), s.passwords(),
                s.monitoring(), s.clock(), health);
        this.repository = new RepositoryPage(pages, s.accounts(), s.repos(), s.objects(), health,
                s.monitoring().usage(), s.retention(), s.passwords(), s.clock());
        this.devices = new DevicePages(pages, s.devices(), s.monitoring().runs());
        this.alerts = new AlertPages(pages, s.monitoring(), s.devices());
        this.tokens = new TokenPages(pages, s.tokens(), s.clock());
        this.account = new AccountPages(pages, s.accounts(), s.accountDeletionGrace(), s.clock());
        this.admin = new AdminPages(pages, s.accounts(), s.retention(), new ServerOverview(s.accounts(), s.meter(),
                s.objects().refusals(), s.monitoring().alerts(), s.ready(), s.clock()));
        this.errors = new ErrorPages(pages);
        this.kit = new WebKit(pages, s.sessions(), csrf, assets);
    }

    private static List<NavLink> navigation(List<NavLink> features) {
        List<NavLink> nav = new ArrayList<>();
        nav.add(new NavLink(Chrome.DASHBOARD, "Dashboard", "/", false));
        nav.addAll(features);
        nav.add(new NavLink(Chrome.DEVICES, "Devices", "/devices", false));
        nav.add(new NavLink(Chrome.ALERTS, "Alerts", "/alerts", false));
        nav.add(new NavLink(Chrome.TOKENS, "API tokens", "/tokens", false));
        nav.add(new NavLink(Chrome.ACCOUNT, "Account", "/account/password", false));
        nav.add(new NavLink(Chrome.ADMIN, "Admin", "/web/admin", true));
        return nav;
    }

    /** What feature pages build on: the platform's pages, sessions, the pre-login CSRF and the static files. */
    public WebKit kit() {
        return kit;
    }

    public AuthPages auth() {
        return auth;
    }

    public DashboardPage dashboard() {
        return dashboard;
    }

    public RepositoryPage repository() {
        return repository;
    }

    public TokenPages tokens() {
        return tokens;
    }

    public DevicePages devices() {
        return devices;
    }

    public AlertPages alerts() {
        return alerts;
    }

    public AccountPages account() {
        return account;
    }

    public AdminPages admin() {
        return admin;
    }

    public Assets assets() {
        return assets;
    }

    /**
     * Writes the HTML error page for a problem, with the page headers (the error mapper's renderer for browsers). The
     * response status is the caller's: it has already set the problem's status.
     */
    public void writeErrorPage(Context ctx, Problem problem) {
        Views.writeHtml(ctx, problem.status(), errors.render(problem, ctx));
    }
}
