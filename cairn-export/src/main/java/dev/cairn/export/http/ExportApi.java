package dev.cairn.export.http;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import dev.cairn.export.service.ExportModule;
import dev.cairn.server.http.Role;
import dev.cairn.server.http.Route;
import java.util.List;

/** The export's JSON API (section 13 of {@code docs/spec/http-api.md}): its routes with their roles. */
public final class ExportApi {
    public static final String RECIPIENTS = "/api/v1/workspace/export/recipients";
    public static final String EXPORTS = "/api/v1/workspace/exports";
    public static final String SCHEDULE = "/api/v1/workspace/export/schedule";
    public static final String SIGNING_KEY = "/api/v1/export/signing-key";

    private ExportApi() {
    }

    /** The API routes, in order. */
    public static List<Route> routes(ExportModule module) {
        ExportAccess owner = new ExportAccess(module.workspaces(), false);
        ExportHandlers h = new ExportHandlers(module);
        ScheduleHandlers s = new ScheduleHandlers(module);
        return List.of(
                new Route(GET, SIGNING_KEY, Role.PUBLIC, h::signingKey),
                new Route(GET, RECIPIENTS, owner, h::listRecipients),
                new Route(POST, RECIPIENTS, owner, h::addRecipient),
                new Route(DELETE, RECIPIENTS + "/{id}", owner, h::removeRecipient),
                new Route(GET, EXPORTS, owner, h::listExports),
                new Route(POST, EXPORTS, owner, h::startExport),
                new Route(GET, EXPORTS + "/{id}", owner, h::download),
                new Route(DELETE, EXPORTS + "/{id}", owner, h::deleteExport),
                new Route(GET, SCHEDULE, owner, s::get),
                new Route(PUT, SCHEDULE, owner, s::put),
                new Route(DELETE, SCHEDULE, owner, s::delete));
    }

    /** The role of the export's web page (session only). */
    public static ExportAccess pageRole(ExportModule module) {
        return new ExportAccess(module.workspaces(), true);
    }
}
