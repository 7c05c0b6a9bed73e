package dev.cairn.workspace.http;

import dev.cairn.server.error.ServiceException;
import dev.cairn.server.http.Json;
import dev.cairn.workspace.shares.Share;
import dev.cairn.workspace.shares.ShareRequest;
import dev.cairn.workspace.shares.ShareService;
import io.javalin.http.Context;

/**
 * Share links of the workspace's reports ({@code /api/v1/workspace/shares}): list, create (the link's URL and token
 * are in the response only), revoke, and each link's access log. Roles are in the route table.
 */
final class ShareHandlers {
    private final ShareService shares;
    private final String publicUrl;

    /** @param publicUrl the server's public URL for links (null: as the client reached the server) */
    ShareHandlers(ShareService shares, String publicUrl) {
        this.shares = shares;
        this.publicUrl = publicUrl;
    }

    /** The answer to a create: the link's URL and token (shown only here) and the link as lists show it. */
    record Created(String url, String token, Share share) {
    }

    void list(Context ctx) {
        WorkspaceHandlers.write(ctx, 200, shares.list(WorkspaceCalls.caller(ctx)));
    }

    void get(Context ctx) {
        WorkspaceHandlers.write(ctx, 200, shares.get(WorkspaceCalls.caller(ctx), id(ctx)));
    }

    void create(Context ctx) {
        var created = shares.create(WorkspaceCalls.caller(ctx), Json.read(ctx, ShareRequest.class));
        ctx.header("Cache-Control", "no-store");
        WorkspaceHandlers.write(ctx, 201, new Created(ShareLinks.url(ctx, publicUrl, created.token()),
                created.token(), created.share()));
    }

    void revoke(Context ctx) {
        shares.revoke(WorkspaceCalls.caller(ctx), id(ctx));
        ctx.status(204);
    }

    void accesses(Context ctx) {
        WorkspaceHandlers.write(ctx, 200, shares.accesses(WorkspaceCalls.caller(ctx), id(ctx)));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("share"));
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no share link '" + ctx.pathParam("share") + "': share ids are numbers");
        }
    }
}
