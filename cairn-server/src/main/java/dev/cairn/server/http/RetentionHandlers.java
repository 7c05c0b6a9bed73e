package dev.cairn.server.http;

import dev.cairn.protocol.RetentionRequest;
import dev.cairn.server.account.PasswordConfirmation;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.RetentionLocks;
import io.javalin.http.Context;

/** A repository's retention lock (docs/spec/http-api.md section 12.3): read it, set it (lowering needs the password). */
final class RetentionHandlers {
    private final RetentionLocks retention;
    private final PasswordConfirmation passwords;

    RetentionHandlers(RetentionLocks retention, PasswordConfirmation passwords) {
        this.retention = retention;
        this.passwords = passwords;
    }

    /** {@code GET /api/v1/repos/{repo}/retention} */
    void get(Context ctx) {
        Json.write(ctx, 200, retention.get(Requests.principal(ctx).accountId(), ObjectHandlers.repo(ctx)));
    }

    /** {@code PUT /api/v1/repos/{repo}/retention} */
    void set(Context ctx) {
        RetentionRequest request = Json.read(ctx, RetentionRequest.class);
        if (request.lockDays() == null) {
            throw ServiceException.badRequest("lockDays is required: the lock in days, 0-" + RetentionLocks.MAX_DAYS);
        }
        Principal p = Requests.principal(ctx);
        Json.write(ctx, 200, retention.set(p.accountId(), ObjectHandlers.repo(ctx), request.lockDays(),
                () -> passwords.confirm(p.accountId(), request.currentPassword(), Requests.clientAddress(ctx),
                        "lowering the retention lock")));
    }
}
