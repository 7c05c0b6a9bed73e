package dev.cairn.export.http;

import static io.javalin.http.HandlerType.POST;

import dev.cairn.export.restore.RestoreDiff;
import dev.cairn.export.restore.RestoreOptions;
import dev.cairn.export.restore.RestoreService;
import dev.cairn.export.restore.RestoreUploads;
import dev.cairn.export.service.ExportModule;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Json;
import dev.cairn.server.http.Route;
import dev.cairn.workspace.members.Caller;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The restore API (section 13 of {@code docs/spec/http-api.md}, "Restore"): a decrypted copy uploaded as a ZIP
 * ({@code application/zip}), its diff against the workspace, and its apply against the change sequence of a diff. Only
 * an owner of the workspace, with a {@code full} credential or the session (the export's role). Thread-safe.
 */
public final class RestoreApi {
    public static final String DIFF = "/api/v1/workspace/restore/diff";
    public static final String APPLY = "/api/v1/workspace/restore";

    private final RestoreService restore;
    private final RestoreUploads uploads;

    public RestoreApi(RestoreService restore, RestoreUploads uploads) {
        this.restore = restore;
        this.uploads = uploads;
    }

    /** The routes, with the export's owner role. */
    public List<Route> routes(ExportModule module) {
        ExportAccess owner = new ExportAccess(module.workspaces(), false);
        return List.of(new Route(POST, DIFF, owner, this::diff), new Route(POST, APPLY, owner, this::apply));
    }

    void diff(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        RestoreOptions o = options(ctx);
        boolean withFiles = !"true".equals(ctx.queryParam("withoutFiles"));
        RestoreDiff diff = uploads.unpacked(ctx.bodyInputStream(), dir -> restore.diff(c, dir, o, withFiles));
        Json.write(ctx, 200, diff);
    }

    void apply(Context ctx) {
        Caller c = ExportAccess.caller(ctx);
        RestoreOptions o = options(ctx);
        String seq = ctx.queryParam("seq");
        if (seq == null || !seq.matches("\\d{1,18}")) {
            throw ServiceException.badRequest("name the change sequence of the diff you looked at: ?seq=N (from "
                    + DIFF + ")");
        }
        RestoreService.Applied applied = uploads.unpacked(ctx.bodyInputStream(),
                dir -> restore.apply(c, dir, o, Long.parseLong(seq)));
        Json.write(ctx, 200, Map.of("seq", applied.seq(), "diff", applied.diff()));
    }

    static RestoreOptions options(Context ctx) {
        return new RestoreOptions(ctx.queryParam("format"), ctx.queryParam("mode"), ctx.queryParam("signingKey"),
                "true".equals(ctx.queryParam("otherWorkspace")));
    }
}
