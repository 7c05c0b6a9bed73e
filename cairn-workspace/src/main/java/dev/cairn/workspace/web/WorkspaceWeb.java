package dev.cairn.workspace.web;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.cairn.server.http.Role;
import dev.cairn.server.http.Route;
import dev.cairn.server.web.NavLink;
import dev.cairn.server.web.Pages;
import dev.cairn.server.web.Views;
import dev.cairn.server.web.WebKit;
import dev.cairn.workspace.WorkspaceModule;
import dev.cairn.workspace.http.WorkspaceAccess;
import java.util.List;

/**
 * The records workspace's web pages: their routes with roles, built on the platform's {@link WebKit} with this
 * module's templates (see {@code docs/web-ui.md}).
 */
public final class WorkspaceWeb {
    /** The generated template classes' package; must match this module's jte-maven-plugin {@code packageName}. */
    static final String TEMPLATES = "dev.cairn.workspace.web.templates";
    /** The key of the workspace's entry in the main navigation. */
    static final String NAV_KEY = "records";
    /** The main navigation entry of the workspace. */
    public static final NavLink NAV = new NavLink(NAV_KEY, "Records", "/workspace", false);
    /** The web pages of a records workspace; {@code {ws}} names the workspace's owner. */
    static final String WS_WEB = "/web/workspace/{ws}";
    /** The public page of a share link; {@code {token}} is the link's secret (kept out of the access log). */
    static final String SHARE_PAGE = "/share/{token}";

    private WorkspaceWeb() {
    }

    /** The page routes, in order. */
    public static List<Route> routes(WebKit web, WorkspaceModule ws, WorkspaceAccess.Roles r) {
        Pages pages = web.pages().withTemplates(TEMPLATES);
        WsScope scope = new WsScope(pages);
        TablesPage tables = new TablesPage(scope, ws);
        WsAssets assets = new WsAssets();
        TablePage table = new TablePage(scope, ws, assets.paths());
        RecordPages records = new RecordPages(scope, ws);
        CellEdits cells = new CellEdits(scope, ws);
        HistoryPage history = new HistoryPage(scope, ws);
        SharePages sharesPages = new SharePages(scope, ws, ws.shares(), ws.publicUrl());
        PublicSharePage sharePage = new PublicSharePage(new Views(TEMPLATES), web.assets(), web.loginCsrf(),
                web.sessions(), ws.shares());
        DesignerPages designerPages = new DesignerPages(scope, ws);
        ReportPages reportsPages = new ReportPages(scope, ws.reports(), ws.tables(), ws.records(), ws.workspaces());
        MemberPages membersPages = new MemberPages(scope, ws.workspaces(), ws.invitations());
        ImportPages importsPages = new ImportPages(scope, ws, new ImportUploads(ws.random(), ws.clock()));
        return List.of(
                // records workspace pages ({ws} names the workspace's owner; the guard checks membership and role)
                new Route(GET, "/workspace", Role.SESSION_USER, tables::home),
                new Route(GET, WS_WEB + "/tables", r.viewer(), tables::tables),
                new Route(POST, WS_WEB + "/templates", r.owner(), tables::applyTemplate),
                new Route(GET, WS_WEB + "/tables/{table}", r.viewer(), table::table),
                new Route(GET, WS_WEB + "/tables/{table}/new", r.editor(), records::newRecord),
                new Route(POST, WS_WEB + "/tables/{table}/records", r.editor(),
                        records::create),
                new Route(GET, WS_WEB + "/tables/{table}/records/{id}", r.viewer(),
                        records::record),
                new Route(POST, WS_WEB + "/tables/{table}/records/{id}", r.editor(),
                        records::update),
                new Route(POST, WS_WEB + "/tables/{table}/records/{id}/cell", r.editor(), cells::save),
                new Route(GET, WsAssets.ROUTE, Role.PUBLIC, assets::serve),
                new Route(GET, WS_WEB + "/files/{id}", r.viewer(), records::file),
                new Route(GET, WS_WEB + "/tables/{table}/records/{id}/delete", r.editor(),
                        records::confirmDelete),
                new Route(POST, WS_WEB + "/tables/{table}/records/{id}/delete", r.editor(),
                        records::delete),
                new Route(GET, WS_WEB + "/tables/{table}/records/{id}/history", r.viewer(),
                        history::history),
                new Route(POST, WS_WEB + "/tables/{table}/records/{id}/restore", r.editor(),
                        history::restore),
                new Route(GET, WS_WEB + "/shares", r.viewer(), sharesPages::list),
                new Route(GET, WS_WEB + "/shares/new", r.editor(), sharesPages::newShare),
                new Route(POST, WS_WEB + "/shares", r.editor(), sharesPages::create),
                new Route(GET, WS_WEB + "/shares/{share}", r.editor(), sharesPages::detail),
                new Route(GET, WS_WEB + "/shares/{share}/revoke", r.editor(),
                        sharesPages::confirmRevoke),
                new Route(POST, WS_WEB + "/shares/{share}/revoke", r.editor(), sharesPages::revoke),
                // a share link's public page: the token in the path is the only credential (ADR 13)
                new Route(GET, SHARE_PAGE, Role.PUBLIC, sharePage::show),
                new Route(POST, SHARE_PAGE, Role.PUBLIC, sharePage::unlock),
                // table designer (owner; viewers and editors see the design read-only)
                new Route(GET, WS_WEB + "/new-table", r.owner(), designerPages::newTable),
                new Route(POST, WS_WEB + "/tables", r.owner(), designerPages::createTable),
                new Route(GET, WS_WEB + "/tables/{table}/design", r.viewer(), designerPages::design),
                new Route(POST, WS_WEB + "/tables/{table}/design", r.owner(), designerPages::saveTable),
                new Route(POST, WS_WEB + "/tables/{table}/columns", r.owner(),
                        designerPages::addColumn),
                new Route(POST, WS_WEB + "/tables/{table}/columns/{column}", r.owner(),
                        designerPages::changeColumn),
                new Route(POST, WS_WEB + "/tables/{table}/columns/{column}/remove", r.owner(),
                        designerPages::removeColumn),
                new Route(GET, WS_WEB + "/tables/{table}/delete-table", r.owner(),
                        designerPages::confirmDeleteTable),
                new Route(POST, WS_WEB + "/tables/{table}/delete-table", r.owner(),
                        designerPages::deleteTable),
                new Route(GET, WS_WEB + "/purge", r.owner(), designerPages::confirmPurge),
                new Route(POST, WS_WEB + "/purge", r.owner(), designerPages::purge),
                // import (editor)
                new Route(GET, WS_WEB + "/tables/{table}/import", r.editor(), importsPages::page),
                new Route(POST, WS_WEB + "/tables/{table}/import", r.editor(), importsPages::upload),
                // reports: builder with live preview, results
                new Route(GET, WS_WEB + "/reports", r.viewer(), reportsPages::list),
                new Route(GET, WS_WEB + "/reports/new", r.viewer(), reportsPages::builder),
                new Route(POST, WS_WEB + "/reports/preview", r.viewer(), reportsPages::preview),
                new Route(POST, WS_WEB + "/reports", r.editor(), reportsPages::save),
                new Route(GET, WS_WEB + "/reports/{report}", r.viewer(), reportsPages::edit),
                new Route(POST, WS_WEB + "/reports/{report}", r.editor(), reportsPages::update),
                new Route(GET, WS_WEB + "/reports/{report}/result", r.viewer(), reportsPages::result),
                new Route(POST, WS_WEB + "/reports/{report}/delete", r.editor(),
                        reportsPages::delete),
                // members and invitations
                new Route(GET, WS_WEB + "/members", r.viewer(), membersPages::page),
                new Route(POST, WS_WEB + "/members/{member}/role", r.owner(), membersPages::setRole),
                new Route(POST, WS_WEB + "/members/{member}/remove", r.owner(), membersPages::remove),
                new Route(POST, WS_WEB + "/invites", r.owner(), membersPages::invite),
                new Route(POST, WS_WEB + "/invites/{invite}/revoke", r.owner(),
                        membersPages::revoke),
                new Route(GET, "/web/invitation", Role.SESSION_USER, membersPages::acceptPage),
                new Route(POST, "/web/invitation", Role.SESSION_USER, membersPages::accept));
    }
}
