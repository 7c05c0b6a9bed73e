package dev.cairn.server.http;

import dev.cairn.server.auth.Principal;
import dev.cairn.server.storage.Tenant;
import io.javalin.http.Context;

/** Per-request values the guard sets for handlers. */
public final class Requests {
    private static final String PRINCIPAL = "cairn.principal";

    private Requests() {
    }

    static void setPrincipal(Context ctx, Principal principal) {
        ctx.attribute(PRINCIPAL, principal);
    }

    /** The authenticated caller; only routes with a non-public role have one. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no principal on " + ctx.path() + ": the route's role does not authenticate");
        }
        return p;
    }

    /**
     * The request path as logs may show it, matched by a route or not: for a route with a {@code {token}} parameter (a
     * secret in the path) the route's pattern, else the path with secrets redacted by {@link LoggedPaths}.
     */
    public static String loggablePath(Context ctx) {
        var matched = ctx.endpoints().matchedHttpEndpoint();
        return matched != null && matched.path.contains("{token}") ? matched.path : LoggedPaths.loggable(ctx.path());
    }

    /** The client's address, for throttles. */
    static String clientAddress(Context ctx) {
        return ctx.ip();
    }

    /** The value of a numeric id path parameter; {@code not-found} naming {@code what} when it is not a number. */
    static long idParam(Context ctx, String what) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw dev.cairn.server.error.ServiceException.notFound("no " + what + " '" + ctx.pathParam("id") + "'");
        }
    }

    public static Principal principalOrNull(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    public static Tenant tenant(Context ctx) {
        Principal p = principal(ctx);
        return new Tenant(p.accountId(), p.accountName(), p.tokenId());
    }
}
