package dev.cairn.server.web;

import dev.cairn.protocol.Problem;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.SignupMode;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.mail.InvitationSender;
import dev.cairn.server.records.WorkspaceModule;
import dev.cairn.server.shares.ShareService;
import dev.cairn.server.storage.RepoRegistry;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.InstantSource;

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
    private final TokenPages tokens;
    private final AccountPages account;
    private final AdminPages admin;
    private final ErrorPages errors;
    private final WorkspacePages workspace;
    private final SharePages shares;
    private final PublicSharePage sharePage;
    private final DesignerPages designer;
    private final ReportPages reports;
    private final MemberPages members;
    private final ImportPages imports;
    private final Assets assets;

    /** Everything the pages call into. */
    public record Services(AccountService accounts, TokenService tokens, RepoRegistry repos, SessionBridge sessions,
            RandomBytes random, InstantSource clock, Duration accountDeletionGrace,
            WorkspaceModule workspace, ShareService shares, String publicUrl,
            InvitationSender invitations) {
    }

    public WebUi(Services s) {
        this.assets = new Assets();
        Views views = new Views();
        Pages pages = new Pages(views, assets, s.sessions(),
                () -> s.accounts().signupMode() != SignupMode.CLOSED);
        LoginCsrf csrf = new LoginCsrf(s.random(), s.sessions());
        this.auth = new AuthPages(pages, s.accounts(), csrf);
        this.dashboard = new DashboardPage(pages, s.accounts(), s.repos());
        this.tokens = new TokenPages(pages, s.tokens(), s.clock());
        this.account = new AccountPages(pages, s.accounts(), s.accountDeletionGrace());
        this.admin = new AdminPages(pages, s.accounts());
        this.errors = new ErrorPages(pages);
        this.workspace = new WorkspacePages(pages, s.workspace());
        this.shares = new SharePages(pages, s.workspace(), s.shares(), s.publicUrl());
        this.sharePage = new PublicSharePage(views, assets, csrf, s.sessions(), s.shares());
        WsScope scope = new WsScope(pages);
        this.designer = new DesignerPages(scope, s.workspace());
        this.reports = new ReportPages(scope, s.workspace().reports(), s.workspace().tables(),
                s.workspace().workspaces());
        this.members = new MemberPages(scope, s.workspace().workspaces(), s.invitations());
        this.imports = new ImportPages(scope, s.workspace(), new ImportUploads(s.random(), s.clock()));
    }

    public AuthPages auth() {
        return auth;
    }

    public DashboardPage dashboard() {
        return dashboard;
    }

    public TokenPages tokens() {
        return tokens;
    }

    public AccountPages account() {
        return account;
    }

    public AdminPages admin() {
        return admin;
    }

    public WorkspacePages workspace() {
        return workspace;
    }

    /** The workspace's share links (members). */
    public SharePages shares() {
        return shares;
    }

    /** The public page of a share link (anyone with the token). */
    public PublicSharePage sharePage() {
        return sharePage;
    }

    public DesignerPages designer() {
        return designer;
    }

    public ReportPages reports() {
        return reports;
    }

    public MemberPages members() {
        return members;
    }

    public ImportPages imports() {
        return imports;
    }

    public Assets assets() {
        return assets;
    }

    /**
     * Writes the HTML error page for a problem, with the page headers (the error mapper's renderer for browsers). The
     * response status is the caller's: it has already set the problem's status.
     */
    public void writeErrorPage(Context ctx, Problem problem) {
        Views.writeHtml(ctx, problem.status(), errors.render(problem));
    }
}
