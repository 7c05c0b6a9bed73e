package dev.cairn.server.http;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.account.Account;
import dev.cairn.server.account.AccountService;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.auth.Session;
import dev.cairn.server.auth.SessionService;
import dev.cairn.server.auth.TokenGrant;
import dev.cairn.server.auth.TokenService;
import dev.cairn.server.error.ServiceException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns the credentials of a request into a {@link Principal}: {@code Authorization: Basic NAME:SECRET} (SECRET an API
 * token or the account password), {@code Authorization: Bearer TOKEN}, or the session cookie. Presented but invalid
 * credentials are an error, never silently ignored. Thread-safe.
 */
final class Authenticator {
    static final String SESSION_COOKIE = "cairn_session";

    private final AccountService accounts;
    private final TokenService tokens;
    private final SessionService sessions;

    Authenticator(AccountService accounts, TokenService tokens, SessionService sessions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /**
     * The principal of the request's {@code Authorization} header, if it has one.
     *
     * @throws ServiceException {@code unauthenticated}, {@code token-expired}, {@code token-revoked},
     *                          {@code account-suspended} or {@code too-many-requests} for bad credentials
     */
    Optional<Principal> fromHeader(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(fromToken(header.substring(7).strip(), null));
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.of(fromBasic(header.substring(6).strip(), ctx.ip()));
        }
        throw new ServiceException(ErrorCode.UNAUTHENTICATED, "unsupported Authorization scheme; use Basic NAME:TOKEN "
                + "or Bearer TOKEN");
    }

    private Principal fromBasic(String encoded, String clientAddress) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(ErrorCode.UNAUTHENTICATED, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ServiceException(ErrorCode.UNAUTHENTICATED, "malformed Basic credentials: expected NAME:SECRET");
        }
        String name = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        if (secret.startsWith(TokenService.PREFIX)) {
            return fromToken(secret, name);
        }
        Account account = accounts.login(name, secret, clientAddress);
        return new Principal(account.id(), account.name(), account.admin(), TokenScope.FULL, Principal.Via.PASSWORD,
                null, null);
    }

    private Principal fromToken(String secret, String claimedName) {
        TokenGrant grant = tokens.authenticate(secret);
        Account account = accounts.requireUsable(accounts.require(grant.accountId()));
        if (claimedName != null && !claimedName.isEmpty() && !claimedName.equals(account.name())) {
            throw new ServiceException(ErrorCode.UNAUTHENTICATED, "this token does not belong to account '"
                    + claimedName + "'");
        }
        return new Principal(account.id(), account.name(), account.admin(), grant.scope(), Principal.Via.TOKEN,
                grant.tokenId(), null);
    }

    /** The principal of a live session cookie, if any (an unknown or expired cookie is simply no session). */
    Optional<Principal> fromSession(Context ctx) {
        Optional<Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Account account = accounts.requireUsable(accounts.require(session.get().accountId()));
        return Optional.of(new Principal(account.id(), account.name(), account.admin(), TokenScope.FULL,
                Principal.Via.SESSION, null, session.get().csrfToken()));
    }
}
