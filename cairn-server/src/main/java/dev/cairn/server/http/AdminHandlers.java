package dev.cairn.server.http;

import dev.cairn.protocol.QuotaRequest;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.account.SignupMode;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.storage.RetentionLocks;
import io.javalin.http.Context;
import java.util.Map;

/** Administrator JSON API: list, suspend, unsuspend accounts; set plans and quotas; sign-up mode. */
final class AdminHandlers {
    private final AccountService accounts;
    private final RetentionLocks retention;

    AdminHandlers(AccountService accounts, RetentionLocks retention) {
        this.accounts = accounts;
        this.retention = retention;
    }

    /** {@code GET /api/v1/admin/accounts} */
    void list(Context ctx) {
        Json.write(ctx, 200, accounts.list().stream().map(AccountHandlers::info).toList());
    }

    /** The optional body of a suspension: why, shown to the account's owner. */
    record SuspendRequest(String reason) {
    }

    /** {@code POST /api/v1/admin/accounts/{name}/suspend}, with no body or {@code {"reason": "..."}}. */
    void suspend(Context ctx) {
        String reason = ctx.contentLength() > 0 ? Json.read(ctx, SuspendRequest.class).reason() : null;
        Json.write(ctx, 200, AccountHandlers.info(accounts.suspend(ctx.pathParam("name"),
                Requests.principal(ctx).accountId(), reason)));
    }

    /** {@code POST /api/v1/admin/accounts/{name}/unsuspend} */
    void unsuspend(Context ctx) {
        Json.write(ctx, 200, AccountHandlers.info(accounts.unsuspend(ctx.pathParam("name"))));
    }

    /** {@code PUT /api/v1/admin/accounts/{name}/quota} */
    void setQuota(Context ctx) {
        QuotaRequest request = Json.read(ctx, QuotaRequest.class);
        String name = ctx.pathParam("name");
        if (request.plan() != null) {
            accounts.setPlan(name, request.plan());
        }
        Json.write(ctx, 200, AccountHandlers.info(accounts.setQuota(name, request.quotaBytes())));
    }

    /**
     * {@code PUT /api/v1/admin/settings}: {@code {"signup": "open|invite|closed", "retentionLockDays": N}}, each
     * optional; answers both settings.
     */
    @SuppressWarnings("unchecked")
    void settings(Context ctx) {
        Map<String, Object> body = Json.read(ctx, Map.class);
        Object signup = body.get("signup");
        if (signup != null) {
            try {
                accounts.setSignupMode(SignupMode.parse(signup.toString()));
            } catch (IllegalArgumentException e) {
                throw ServiceException.badRequest(e.getMessage());
            }
        }
        Object lockDays = body.get("retentionLockDays");
        if (lockDays != null) {
            if (!(lockDays instanceof Integer days)) {
                throw ServiceException.badRequest("retentionLockDays must be a whole number of days, 0-"
                        + RetentionLocks.MAX_DAYS);
            }
            retention.setServerDefault(days);
        }
        Json.write(ctx, 200, Map.of("signup", accounts.signupMode().wireName(), "retentionLockDays",
                retention.serverDefault()));
    }
}
