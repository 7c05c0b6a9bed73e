package dev.cairn.server.http;

import dev.cairn.protocol.Lease;
import dev.cairn.protocol.LeaseRequest;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.lease.LeaseModes;
import dev.cairn.server.lease.LeaseService;
import io.javalin.http.Context;

/**
 * Leases on a repository (docs/spec/http-api.md section 12.4). A shared lease needs any storage credential, an
 * exclusive one a {@code full} token or the password ({@code append-only} for append tokens); renewing and releasing
 * need what acquiring needed.
 */
final class LeaseHandlers {
    private final LeaseService leases;

    LeaseHandlers(LeaseService leases) {
        this.leases = leases;
    }

    /** {@code POST /api/v1/repos/{repo}/leases} */
    void acquire(Context ctx) {
        LeaseRequest request = Json.read(ctx, LeaseRequest.class);
        String mode = LeaseModes.require(request.mode());
        Principal p = Requests.principal(ctx);
        requireScope(p, mode);
        Json.write(ctx, 201, leases.acquire(p.accountId(), ObjectHandlers.repo(ctx), mode, request.holder(),
                request.ttlSeconds()));
    }

    /** {@code PUT /api/v1/repos/{repo}/leases/{id}} */
    void renew(Context ctx) {
        Principal p = Requests.principal(ctx);
        String repo = ObjectHandlers.repo(ctx);
        leases.find(p.accountId(), repo, ctx.pathParam("id")).ifPresent(l -> requireScope(p, l.mode()));
        Json.write(ctx, 200, leases.renew(p.accountId(), repo, ctx.pathParam("id")));
    }

    /** {@code DELETE /api/v1/repos/{repo}/leases/{id}} */
    void release(Context ctx) {
        Principal p = Requests.principal(ctx);
        String repo = ObjectHandlers.repo(ctx);
        leases.find(p.accountId(), repo, ctx.pathParam("id")).ifPresent(l -> requireScope(p, l.mode()));
        leases.release(p.accountId(), repo, ctx.pathParam("id"));
        ctx.status(204);
    }

    /** {@code GET /api/v1/repos/{repo}/leases} */
    void list(Context ctx) {
        Json.write(ctx, 200, leases.list(Requests.principal(ctx).accountId(), ObjectHandlers.repo(ctx)));
    }

    /** {@code DELETE /api/v1/repos/{repo}/leases} */
    void removeAll(Context ctx) {
        Json.write(ctx, 200, leases.removeAll(Requests.principal(ctx).accountId(), ObjectHandlers.repo(ctx)));
    }

    private static void requireScope(Principal p, String mode) {
        if (Lease.EXCLUSIVE.equals(mode)) {
            AccessGuard.requireFull(p, "take an exclusive lease");
        }
    }
}
