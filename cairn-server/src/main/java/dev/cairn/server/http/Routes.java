package dev.cairn.server.http;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.HEAD;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import dev.cairn.protocol.ApiPaths;
import dev.cairn.server.web.WebUi;
import java.util.List;

/**
 * THE route table: every HTTP route of the server, with the {@link Role} it needs. Order matters where patterns
 * overlap (Javalin takes the first match): fixed paths first, the restic catch-all patterns last. A test asserts that
 * every route registered with Javalin carries exactly one role; {@link AccessGuard} denies any that does not.
 */
final class Routes {
    /** The web pages of a records workspace; {@code {ws}} is {@link WorkspaceCalls#PATH_PARAM}. */
    static final String WS_WEB = "/web/workspace/{ws}";
    /** The public page of a share link; {@code {token}} is the link's secret (kept out of the access log). */
    static final String SHARE_PAGE = "/share/{token}";

    private Routes() {
    }

    static List<Route> table(Handlers h) {
        return List.of(
                // operations
                new Route(GET, ApiPaths.HEALTHZ, Role.PUBLIC, h.ops()::health),
                new Route(GET, ApiPaths.READYZ, Role.PUBLIC, h.ops()::ready),
                new Route(GET, ApiPaths.METRICS, Role.OPS, h.ops()::metrics),
                // web UI (dev.cairn.server.web): pages, forms (POST + redirect), htmx fragments, static files
                new Route(GET, "/static/{file}", Role.PUBLIC, h.ui().assets()::serve),
                new Route(GET, "/login", Role.PUBLIC, h.ui().auth()::loginPage),
                new Route(POST, "/login", Role.PUBLIC, h.ui().auth()::login),
                new Route(GET, "/signup", Role.PUBLIC, h.ui().auth()::signupPage),
                new Route(POST, "/signup", Role.PUBLIC, h.ui().auth()::signUp),
                new Route(POST, "/logout", Role.SESSION_USER, h.ui().auth()::logout),
                new Route(GET, "/", Role.SESSION_USER, h.ui().dashboard()::page),
                new Route(GET, "/dashboard/quota", Role.SESSION_USER, h.ui().dashboard()::quotaFragment),
                new Route(GET, "/tokens", Role.SESSION_USER, h.ui().tokens()::page),
                new Route(POST, "/tokens", Role.SESSION_USER, h.ui().tokens()::create),
                new Route(POST, "/tokens/{id}/revoke", Role.SESSION_USER, h.ui().tokens()::revoke),
                new Route(GET, "/account/password", Role.SESSION_USER, h.ui().account()::passwordPage),
                new Route(POST, "/account/password", Role.SESSION_USER, h.ui().account()::changePassword),
                new Route(GET, "/account/delete", Role.SESSION_USER, h.ui().account()::deletePage),
                new Route(POST, "/account/delete", Role.SESSION_USER, h.ui().account()::delete),
                new Route(GET, "/web/admin/accounts", Role.ADMIN, h.ui().admin()::page),
                new Route(POST, "/web/admin/accounts/{name}/suspend", Role.ADMIN, h.ui().admin()::suspend),
                new Route(POST, "/web/admin/accounts/{name}/unsuspend", Role.ADMIN, h.ui().admin()::unsuspend),
                new Route(POST, "/web/admin/accounts/{name}/quota", Role.ADMIN, h.ui().admin()::setQuota),
                new Route(POST, "/web/admin/signup", Role.ADMIN, h.ui().admin()::setSignup),
                new Route(POST, "/web/admin/invites", Role.ADMIN, h.ui().admin()::createInvite),
                // records workspace pages ({ws} names the workspace's owner; the guard checks membership and role)
                new Route(GET, "/workspace", Role.SESSION_USER, h.ui().workspace()::home),
                new Route(GET, WS_WEB + "/tables", Role.WORKSPACE_VIEWER, h.ui().workspace()::tables),
                new Route(POST, WS_WEB + "/templates", Role.WORKSPACE_OWNER, h.ui().workspace()::applyTemplate),
                new Route(GET, WS_WEB + "/tables/{table}", Role.WORKSPACE_VIEWER, h.ui().workspace()::table),
                new Route(GET, WS_WEB + "/tables/{table}/new", Role.WORKSPACE_EDITOR, h.ui().workspace()::newRecord),
                new Route(POST, WS_WEB + "/tables/{table}/records", Role.WORKSPACE_EDITOR,
                        h.ui().workspace()::create),
                new Route(GET, WS_WEB + "/tables/{table}/records/{id}", Role.WORKSPACE_VIEWER,
                        h.ui().workspace()::record),
                new Route(POST, WS_WEB + "/tables/{table}/records/{id}", Role.WORKSPACE_EDITOR,
                        h.ui().workspace()::update),
                new Route(GET, WS_WEB + "/tables/{table}/records/{id}/delete", Role.WORKSPACE_EDITOR,
                        h.ui().workspace()::confirmDelete),
                new Route(POST, WS_WEB + "/tables/{table}/records/{id}/delete", Role.WORKSPACE_EDITOR,
                        h.ui().workspace()::delete),
                new Route(GET, WS_WEB + "/tables/{table}/records/{id}/history", Role.WORKSPACE_VIEWER,
                        h.ui().workspace()::history),
                new Route(POST, WS_WEB + "/tables/{table}/records/{id}/restore", Role.WORKSPACE_EDITOR,
                        h.ui().workspace()::restore),
                new Route(GET, WS_WEB + "/shares", Role.WORKSPACE_VIEWER, h.ui().shares()::list),
                new Route(GET, WS_WEB + "/shares/new", Role.WORKSPACE_EDITOR, h.ui().shares()::newShare),
                new Route(POST, WS_WEB + "/shares", Role.WORKSPACE_EDITOR, h.ui().shares()::create),
                new Route(GET, WS_WEB + "/shares/{share}", Role.WORKSPACE_EDITOR, h.ui().shares()::detail),
                new Route(GET, WS_WEB + "/shares/{share}/revoke", Role.WORKSPACE_EDITOR,
                        h.ui().shares()::confirmRevoke),
                new Route(POST, WS_WEB + "/shares/{share}/revoke", Role.WORKSPACE_EDITOR, h.ui().shares()::revoke),
                // a share link's public page: the token in the path is the only credential (ADR 13)
                new Route(GET, SHARE_PAGE, Role.PUBLIC, h.ui().sharePage()::show),
                new Route(POST, SHARE_PAGE, Role.PUBLIC, h.ui().sharePage()::unlock),
                // table designer (owner; viewers and editors see the design read-only)
                new Route(GET, WS_WEB + "/new-table", Role.WORKSPACE_OWNER, h.ui().designer()::newTable),
                new Route(POST, WS_WEB + "/tables", Role.WORKSPACE_OWNER, h.ui().designer()::createTable),
                new Route(GET, WS_WEB + "/tables/{table}/design", Role.WORKSPACE_VIEWER, h.ui().designer()::design),
                new Route(POST, WS_WEB + "/tables/{table}/design", Role.WORKSPACE_OWNER, h.ui().designer()::saveTable),
                new Route(POST, WS_WEB + "/tables/{table}/columns", Role.WORKSPACE_OWNER,
                        h.ui().designer()::addColumn),
                new Route(POST, WS_WEB + "/tables/{table}/columns/{column}", Role.WORKSPACE_OWNER,
                        h.ui().designer()::changeColumn),
                new Route(POST, WS_WEB + "/tables/{table}/columns/{column}/remove", Role.WORKSPACE_OWNER,
                        h.ui().designer()::removeColumn),
                new Route(GET, WS_WEB + "/tables/{table}/delete-table", Role.WORKSPACE_OWNER,
                        h.ui().designer()::confirmDeleteTable),
                new Route(POST, WS_WEB + "/tables/{table}/delete-table", Role.WORKSPACE_OWNER,
                        h.ui().designer()::deleteTable),
                new Route(GET, WS_WEB + "/purge", Role.WORKSPACE_OWNER, h.ui().designer()::confirmPurge),
                new Route(POST, WS_WEB + "/purge", Role.WORKSPACE_OWNER, h.ui().designer()::purge),
                // import (editor)
                new Route(GET, WS_WEB + "/tables/{table}/import", Role.WORKSPACE_EDITOR, h.ui().imports()::page),
                new Route(POST, WS_WEB + "/tables/{table}/import", Role.WORKSPACE_EDITOR, h.ui().imports()::upload),
                // reports: builder with live preview, results
                new Route(GET, WS_WEB + "/reports", Role.WORKSPACE_VIEWER, h.ui().reports()::list),
                new Route(GET, WS_WEB + "/reports/new", Role.WORKSPACE_VIEWER, h.ui().reports()::builder),
                new Route(POST, WS_WEB + "/reports/preview", Role.WORKSPACE_VIEWER, h.ui().reports()::preview),
                new Route(POST, WS_WEB + "/reports", Role.WORKSPACE_EDITOR, h.ui().reports()::save),
                new Route(GET, WS_WEB + "/reports/{report}", Role.WORKSPACE_VIEWER, h.ui().reports()::edit),
                new Route(POST, WS_WEB + "/reports/{report}", Role.WORKSPACE_EDITOR, h.ui().reports()::update),
                new Route(GET, WS_WEB + "/reports/{report}/result", Role.WORKSPACE_VIEWER, h.ui().reports()::result),
                new Route(POST, WS_WEB + "/reports/{report}/delete", Role.WORKSPACE_EDITOR,
                        h.ui().reports()::delete),
                // members and invitations
                new Route(GET, WS_WEB + "/members", Role.WORKSPACE_VIEWER, h.ui().members()::page),
                new Route(POST, WS_WEB + "/members/{member}/role", Role.WORKSPACE_OWNER, h.ui().members()::setRole),
                new Route(POST, WS_WEB + "/members/{member}/remove", Role.WORKSPACE_OWNER, h.ui().members()::remove),
                new Route(POST, WS_WEB + "/invites", Role.WORKSPACE_OWNER, h.ui().members()::invite),
                new Route(POST, WS_WEB + "/invites/{invite}/revoke", Role.WORKSPACE_OWNER,
                        h.ui().members()::revoke),
                new Route(GET, "/web/invitation", Role.SESSION_USER, h.ui().members()::acceptPage),
                new Route(POST, "/web/invitation", Role.SESSION_USER, h.ui().members()::accept),
                // account self-service API
                new Route(POST, ApiPaths.SIGNUP, Role.PUBLIC, h.account()::signUp),
                new Route(POST, ApiPaths.API_V1 + "/session", Role.PUBLIC, h.account()::login),
                new Route(DELETE, ApiPaths.API_V1 + "/session", Role.SESSION_USER, h.account()::logout),
                new Route(GET, ApiPaths.ACCOUNT, Role.ACCOUNT, h.account()::get),
                new Route(DELETE, ApiPaths.ACCOUNT, Role.ACCOUNT, h.account()::delete),
                new Route(PUT, ApiPaths.ACCOUNT_PASSWORD, Role.ACCOUNT, h.account()::changePassword),
                new Route(GET, ApiPaths.ACCOUNT + "/usage", Role.ACCOUNT, h.account()::usage),
                new Route(GET, ApiPaths.TOKENS, Role.ACCOUNT, h.account()::listTokens),
                new Route(POST, ApiPaths.TOKENS, Role.ACCOUNT, h.account()::createToken),
                new Route(DELETE, ApiPaths.TOKEN, Role.ACCOUNT, h.account()::revokeToken),
                // administration
                new Route(GET, ApiPaths.ADMIN_ACCOUNTS, Role.ADMIN, h.admin()::list),
                new Route(POST, ApiPaths.ADMIN_ACCOUNT + "/suspend", Role.ADMIN, h.admin()::suspend),
                new Route(POST, ApiPaths.ADMIN_ACCOUNT + "/unsuspend", Role.ADMIN, h.admin()::unsuspend),
                new Route(PUT, ApiPaths.ADMIN_ACCOUNT + "/quota", Role.ADMIN, h.admin()::setQuota),
                new Route(PUT, ApiPaths.ADMIN_SETTINGS, Role.ADMIN, h.admin()::settings),
                // native object API
                new Route(GET, ApiPaths.REPOS, Role.STORAGE_READ, h.objects()::listRepos),
                new Route(PUT, ApiPaths.REPO, Role.STORAGE_APPEND, h.objects()::createRepo),
                new Route(GET, ApiPaths.OBJECTS, Role.STORAGE_READ, h.objects()::list),
                new Route(HEAD, ApiPaths.OBJECT, Role.STORAGE_READ, h.objects()::get),
                new Route(GET, ApiPaths.OBJECT, Role.STORAGE_READ, h.objects()::get),
                new Route(PUT, ApiPaths.OBJECT, Role.STORAGE_APPEND, h.objects()::put),
                new Route(DELETE, ApiPaths.OBJECT, Role.STORAGE_DELETE, h.objects()::delete),
                // records workspace (before the restic patterns, which would match its 4-segment paths)
                new Route(GET, ApiPaths.WS_TABLES, Role.WORKSPACE_VIEWER, h.workspace()::listTables),
                new Route(POST, ApiPaths.WS_TABLES, Role.WORKSPACE_OWNER, h.workspace()::createTable),
                new Route(GET, ApiPaths.WS_TABLE, Role.WORKSPACE_VIEWER, h.workspace()::getTable),
                new Route(PATCH, ApiPaths.WS_TABLE, Role.WORKSPACE_OWNER, h.workspace()::patchTable),
                new Route(DELETE, ApiPaths.WS_TABLE, Role.WORKSPACE_OWNER, h.workspace()::deleteTable),
                new Route(GET, ApiPaths.WS_RECORDS, Role.WORKSPACE_VIEWER, h.workspace()::listRecords),
                new Route(POST, ApiPaths.WS_RECORDS, Role.WORKSPACE_EDITOR, h.workspace()::createRecord),
                new Route(POST, ApiPaths.WS_TABLE + "/import", Role.WORKSPACE_EDITOR, h.workspace()::importRecords),
                new Route(GET, ApiPaths.WS_TABLE + "/deleted", Role.WORKSPACE_VIEWER, h.workspace()::deleted),
                new Route(GET, ApiPaths.WS_RECORD, Role.WORKSPACE_VIEWER, h.workspace()::getRecord),
                new Route(PATCH, ApiPaths.WS_RECORD, Role.WORKSPACE_EDITOR, h.workspace()::patchRecord),
                new Route(DELETE, ApiPaths.WS_RECORD, Role.WORKSPACE_EDITOR, h.workspace()::deleteRecord),
                new Route(GET, ApiPaths.WS_RECORD + "/history", Role.WORKSPACE_VIEWER, h.workspace()::history),
                new Route(POST, ApiPaths.WS_RECORD + "/restore", Role.WORKSPACE_EDITOR, h.workspace()::restore),
                new Route(POST, ApiPaths.WORKSPACE + "/purge", Role.WORKSPACE_OWNER, h.workspace()::purge),
                new Route(GET, ApiPaths.WS_TEMPLATES, Role.WORKSPACE_VIEWER, h.workspace()::listTemplates),
                new Route(POST, ApiPaths.WS_TEMPLATES + "/{template}", Role.WORKSPACE_OWNER,
                        h.workspace()::applyTemplate),
                new Route(GET, ApiPaths.WS_REPORTS, Role.WORKSPACE_VIEWER, h.reports()::list),
                new Route(POST, ApiPaths.WS_REPORTS, Role.WORKSPACE_EDITOR, h.reports()::create),
                new Route(POST, ApiPaths.WS_REPORTS + "/preview", Role.WORKSPACE_VIEWER, h.reports()::preview),
                new Route(GET, ApiPaths.WS_REPORT, Role.WORKSPACE_VIEWER, h.reports()::get),
                new Route(PUT, ApiPaths.WS_REPORT, Role.WORKSPACE_EDITOR, h.reports()::update),
                new Route(DELETE, ApiPaths.WS_REPORT, Role.WORKSPACE_EDITOR, h.reports()::delete),
                new Route(GET, ApiPaths.WS_REPORT + "/result", Role.WORKSPACE_VIEWER, h.reports()::result),
                new Route(GET, ApiPaths.WS_SHARES, Role.WORKSPACE_VIEWER, h.shares()::list),
                new Route(POST, ApiPaths.WS_SHARES, Role.WORKSPACE_EDITOR, h.shares()::create),
                new Route(GET, ApiPaths.WS_SHARE, Role.WORKSPACE_VIEWER, h.shares()::get),
                new Route(DELETE, ApiPaths.WS_SHARE, Role.WORKSPACE_EDITOR, h.shares()::revoke),
                new Route(GET, ApiPaths.WS_SHARE + "/accesses", Role.WORKSPACE_EDITOR, h.shares()::accesses),
                new Route(GET, ApiPaths.WS_MEMBERS, Role.WORKSPACE_VIEWER, h.members()::list),
                new Route(PUT, ApiPaths.WS_MEMBERS + "/{member}", Role.WORKSPACE_OWNER, h.members()::setRole),
                new Route(DELETE, ApiPaths.WS_MEMBERS + "/{member}", Role.WORKSPACE_OWNER, h.members()::remove),
                new Route(POST, ApiPaths.WS_INVITES, Role.WORKSPACE_OWNER, h.members()::invite),
                new Route(POST, ApiPaths.WS_INVITES + "/accept", Role.ACCOUNT, h.members()::accept),
                // restic REST v2, last: its patterns match almost anything with 2-4 segments
                new Route(POST, "/{account}/{repo}", Role.STORAGE_APPEND, h.restic()::createRepo),
                new Route(HEAD, "/{account}/{repo}/config", Role.STORAGE_READ, h.restic()::getConfig),
                new Route(GET, "/{account}/{repo}/config", Role.STORAGE_READ, h.restic()::getConfig),
                new Route(POST, "/{account}/{repo}/config", Role.STORAGE_APPEND, h.restic()::postConfig),
                new Route(DELETE, "/{account}/{repo}/config", Role.STORAGE_DELETE, h.restic()::deleteConfig),
                new Route(GET, "/{account}/{repo}/{type}", Role.STORAGE_READ, h.restic()::list),
                new Route(HEAD, "/{account}/{repo}/{type}/{name}", Role.STORAGE_READ, h.restic()::get),
                new Route(GET, "/{account}/{repo}/{type}/{name}", Role.STORAGE_READ, h.restic()::get),
                new Route(POST, "/{account}/{repo}/{type}/{name}", Role.STORAGE_APPEND, h.restic()::post),
                new Route(DELETE, "/{account}/{repo}/{type}/{name}", Role.STORAGE_DELETE, h.restic()::delete));
    }

    /**
     * {@code routes} plus, for each GET route without a HEAD route of its own, a HEAD route with the same role and
     * handler (Jetty sends the headers of the handler's response without its body), next to the GET route so that the
     * order of overlapping patterns is kept.
     */
    static List<Route> withHeadForGet(List<Route> routes) {
        java.util.Set<String> heads = new java.util.HashSet<>();
        routes.stream().filter(r -> r.method() == HEAD).forEach(r -> heads.add(r.path()));
        List<Route> out = new java.util.ArrayList<>();
        for (Route route : routes) {
            if (route.method() == GET && !heads.contains(route.path())) {
                out.add(new Route(HEAD, route.path(), route.role(), route.handler()));
            }
            out.add(route);
        }
        return List.copyOf(out);
    }

    /** The handler objects the table points into. */
    record Handlers(OpsHandlers ops, WebUi ui, AccountHandlers account, AdminHandlers admin,
            ObjectHandlers objects, ResticHandlers restic, WorkspaceHandlers workspace, MemberHandlers members,
            ReportHandlers reports, ShareHandlers shares) {
    }
}
