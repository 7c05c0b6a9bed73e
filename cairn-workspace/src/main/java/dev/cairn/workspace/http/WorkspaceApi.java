package dev.cairn.workspace.http;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import dev.cairn.protocol.ApiPaths;
import dev.cairn.server.http.Role;
import dev.cairn.server.http.Route;
import dev.cairn.workspace.WorkspaceModule;
import java.util.List;

/**
 * The records workspace's JSON API (section 11 of {@code docs/spec/http-api.md}): its routes with their roles, over the
 * workspace's services.
 */
public final class WorkspaceApi {
    private WorkspaceApi() {
    }

    /** The API routes, in order. */
    public static List<Route> routes(WorkspaceModule ws, WorkspaceAccess.Roles r) {
        WorkspaceHandlers tables = new WorkspaceHandlers(ws.tables(), ws.records(), ws.templates(), ws.importer(),
                ws.purger());
        MemberHandlers members = new MemberHandlers(ws.workspaces(), ws.invitations());
        ReportHandlers reports = new ReportHandlers(ws.reports(), ws.workspaces());
        ShareHandlers shares = new ShareHandlers(ws.shares(), ws.publicUrl());
        AttachmentHandlers files = new AttachmentHandlers(ws.attachments());
        return List.of(
                // records workspace (before the restic patterns, which would match its 4-segment paths)
                new Route(GET, ApiPaths.WS_TABLES, r.viewer(), tables::listTables),
                new Route(POST, ApiPaths.WS_TABLES, r.owner(), tables::createTable),
                new Route(GET, ApiPaths.WS_TABLE, r.viewer(), tables::getTable),
                new Route(PATCH, ApiPaths.WS_TABLE, r.owner(), tables::patchTable),
                new Route(DELETE, ApiPaths.WS_TABLE, r.owner(), tables::deleteTable),
                new Route(GET, ApiPaths.WS_RECORDS, r.viewer(), tables::listRecords),
                new Route(POST, ApiPaths.WS_RECORDS, r.editor(), tables::createRecord),
                new Route(POST, ApiPaths.WS_TABLE + "/import", r.editor(), tables::importRecords),
                new Route(GET, ApiPaths.WS_TABLE + "/deleted", r.viewer(), tables::deleted),
                new Route(GET, ApiPaths.WS_RECORD, r.viewer(), tables::getRecord),
                new Route(PATCH, ApiPaths.WS_RECORD, r.editor(), tables::patchRecord),
                new Route(DELETE, ApiPaths.WS_RECORD, r.editor(), tables::deleteRecord),
                new Route(GET, ApiPaths.WS_RECORD + "/history", r.viewer(), tables::history),
                new Route(POST, ApiPaths.WS_RECORD + "/restore", r.editor(), tables::restore),
                new Route(POST, ApiPaths.WORKSPACE + "/purge", r.owner(), tables::purge),
                new Route(POST, AttachmentHandlers.PATH, r.editor(), files::upload),
                new Route(GET, AttachmentHandlers.PATH + "/{id}", r.viewer(), files::download),
                new Route(GET, ApiPaths.WS_TEMPLATES, r.viewer(), tables::listTemplates),
                new Route(POST, ApiPaths.WS_TEMPLATES + "/{template}", r.owner(),
                        tables::applyTemplate),
                new Route(GET, ApiPaths.WS_REPORTS, r.viewer(), reports::list),
                new Route(POST, ApiPaths.WS_REPORTS, r.editor(), reports::create),
                new Route(POST, ApiPaths.WS_REPORTS + "/preview", r.viewer(), reports::preview),
                new Route(GET, ApiPaths.WS_REPORT, r.viewer(), reports::get),
                new Route(PUT, ApiPaths.WS_REPORT, r.editor(), reports::update),
                new Route(DELETE, ApiPaths.WS_REPORT, r.editor(), reports::delete),
                new Route(GET, ApiPaths.WS_REPORT + "/result", r.viewer(), reports::result),
                new Route(GET, ApiPaths.WS_SHARES, r.viewer(), shares::list),
                new Route(POST, ApiPaths.WS_SHARES, r.editor(), shares::create),
                new Route(GET, ApiPaths.WS_SHARE, r.viewer(), shares::get),
                new Route(DELETE, ApiPaths.WS_SHARE, r.editor(), shares::revoke),
                new Route(GET, ApiPaths.WS_SHARE + "/accesses", r.editor(), shares::accesses),
                new Route(GET, ApiPaths.WS_MEMBERS, r.viewer(), members::list),
                new Route(PUT, ApiPaths.WS_MEMBERS + "/{member}", r.owner(), members::setRole),
                new Route(DELETE, ApiPaths.WS_MEMBERS + "/{member}", r.owner(), members::remove),
                new Route(POST, ApiPaths.WS_INVITES, r.owner(), members::invite),
                new Route(POST, ApiPaths.WS_INVITES + "/accept", Role.ACCOUNT, members::accept));
    }
}
