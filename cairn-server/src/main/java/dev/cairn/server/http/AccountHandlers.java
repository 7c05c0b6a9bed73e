package dev.cairn.server.http;

import dev.cairn.protocol.AccountInfo;
import dev.cairn.protocol.LoginRequest;
import dev.cairn.protocol.PasswordChangeRequest;
import dev.cairn.protocol.SignupRequest;
import dev.cairn.protocol.TokenRequest;
import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.quota.UsageMeter;
import dev.cairn.server.storage.RetentionLocks;
import io.javalin.http.Context;
import java.util.Map;

/** Account self-service JSON API: sign-up, login/logout, the account, its password, its tokens, its metering. */
final class AccountHandlers {
    private final AccountService accounts;
    private final TokenService tokens;
    private final UsageMeter meter;
    private final SessionCookies cookies;
    private final RetentionLocks retention;

    AccountHandlers(AccountService accounts, TokenService tokens, UsageMeter meter, SessionCookies cookies,
            RetentionLocks retention) {
        this.retention = retention;
        this.accounts = accounts;
        this.tokens = tokens;
        this.meter = meter;
        this.cookies = cookies;
    }

    /** {@code POST /api/v1/signup} */
    void signUp(Context ctx) {
        Account account = accounts.signUp(Json.read(ctx, SignupRequest.class));
        Json.write(ctx, 201, info(account));
    }

    /** {@code POST /api/v1/session}: password login; sets the session cookie, returns the CSRF token. */
    void login(Context ctx) {
        LoginRequest request = Json.read(ctx, LoginRequest.class);
        Account account = accounts.login(request.name(), request.password(), ctx.ip());
        String csrf = cookies.start(ctx, account.id());
        Json.write(ctx, 200, Map.of("account", account.name(), "csrfToken", csrf));
    }

    /** {@code DELETE /api/v1/session} */
    void logout(Context ctx) {
        cookies.end(ctx);
        ctx.status(204);
    }

    /** {@code GET /api/v1/account} */
    void get(Context ctx) {
        Json.write(ctx, 200, info(accounts.require(Requests.principal(ctx).accountId())));
    }

    /**
     * {@code DELETE /api/v1/account}: deletion after the grace period. While a repository has a retention lock, only
     * the owner (password or web session) may delete the account, never an API token: the purge after the grace
     * period deletes every object, locked or not.
     */
    void delete(Context ctx) {
        Principal p = Requests.principal(ctx);
        if (p.via() == Principal.Via.TOKEN && retention.anyLock(p.accountId())) {
            throw new ServiceException(dev.cairn.protocol.ErrorCode.PASSWORD_REQUIRED, "a repository of this account "
                    + "has a retention lock: deleting the account (and so every object) needs the account password "
                    + "or a web session, not an API token");
        }
        Account account = accounts.requestDeletion(p.accountId());
        cookies.clear(ctx);
        Json.write(ctx, 202, info(account));
    }

    /** {@code PUT /api/v1/account/password} */
    void changePassword(Context ctx) {
        PasswordChangeRequest request = Json.read(ctx, PasswordChangeRequest.class);
        accounts.changePassword(Requests.principal(ctx).accountId(), request.currentPassword(), request.newPassword(),
                ctx.ip());
        ctx.status(204);
    }

    /** {@code GET /api/v1/account/tokens} */
    void listTokens(Context ctx) {
        Json.write(ctx, 200, tokens.list(Requests.principal(ctx).accountId()));
    }

    /** {@code POST /api/v1/account/tokens} */
    void createToken(Context ctx) {
        TokenRequest request = Json.read(ctx, TokenRequest.class);
        Json.write(ctx, 201, tokens.create(Requests.principal(ctx).accountId(), request.name(), request.scope(),
                request.expiresAt()));
    }

    /** {@code DELETE /api/v1/account/tokens/{id}} */
    void revokeToken(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ServiceException.notFound("no token '" + ctx.pathParam("id") + "'");
        }
        tokens.revoke(Requests.principal(ctx).accountId(), id);
        ctx.status(204);
    }

    /** {@code GET /api/v1/account/usage}: per-day metering. */
    void usage(Context ctx) {
        Principal p = Requests.principal(ctx);
        meter.flush();
        Json.write(ctx, 200, meter.days(p.accountId()));
    }

    static AccountInfo info(Account a) {
        return new AccountInfo(a.name(), a.email(), a.admin(), a.status().wireName(), a.plan(), a.quotaBytes(),
                a.storedBytes());
    }
}
