package dev.cairn.server.http;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.protocol.TokenScope;
import dev.cairn.server.account.AccountNames;
import dev.cairn.server.auth.Principal;
import dev.cairn.server.error.ServiceException;
import dev.cairn.server.quota.UsageMeter;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before every matched route and enforces its {@link Role}, or asks a feature's {@link FeatureRole}; a route with
 * no role (or several) is refused, so forgetting a role can only deny, never allow. On success the handler finds the
 * {@link Principal} in {@link Requests#principal}. Routes with an {@code {account}} path parameter (restic REST)
 * additionally require that it names the authenticated account. Feature roles authenticate through this guard's
 * {@link Authentication}. Thread-safe.
 */
final class AccessGuard implements Authentication {
    private static final Logger LOG = LoggerFactory.getLogger(AccessGuard.class);
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final Authenticator authenticator;
    private final UsageMeter meter;

    AccessGuard(Authenticator authenticator, UsageMeter meter) {
        this.authenticator = authenticator;
        this.meter = meter;
    }

    void check(Context ctx) {
        RouteRole declared = roleOf(ctx);
        String account = ctx.pathParamMap().get("account");
        if (account != null && !AccountNames.isValidName(account)) {
            throw ServiceException.notFound("no such resource: " + ctx.path());
        }
        if (declared instanceof FeatureRole feature) {
            Principal p = feature.authorize(ctx, this);
            if (p != null) {
                accept(ctx, p);
            }
            return;
        }
        switch ((Role) declared) {
            case PUBLIC -> { }
            case SESSION_USER -> requireSession(ctx);
            case ACCOUNT -> accept(ctx, accountPrincipal(ctx));
            case ADMIN -> accept(ctx, requireAdmin(accountPrincipal(ctx)));
            case STORAGE_READ -> accept(ctx, storage(ctx, TokenScope.READ));
            case STORAGE_APPEND -> accept(ctx, storage(ctx, TokenScope.APPEND));
            case STORAGE_DELETE -> accept(ctx, storageDelete(ctx));
            case OPS -> ops(ctx);
        }
    }

    private static RouteRole roleOf(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        RouteRole role = roles.size() == 1 ? roles.iterator().next() : null;
        if (!(role instanceof Role || role instanceof FeatureRole)) {
            LOG.error("route {} {} declares roles {}; refusing (every route needs exactly one Role)", ctx.method(),
                    ctx.endpoint() == null ? Requests.loggablePath(ctx) : ctx.endpoint().path, roles);
            throw ServiceException.forbidden("this route is not open to anyone");
        }
        return role;
    }

    private void accept(Context ctx, Principal principal) {
        String account = ctx.pathParamMap().get("account");
        if (account != null && !account.equals(principal.accountName())) {
            throw ServiceException.forbidden("your credentials are for account '" + principal.accountName()
                    + "', not '" + account + "'");
        }
        Requests.setPrincipal(ctx, principal);
        meter.request(principal.accountId());
    }

    private void requireSession(Context ctx) {
        var session = fromSession(ctx);
        if (session.isEmpty()) {
            if (redirectToLogin(ctx)) {
                return;
            }
            throw new ServiceException(ErrorCode.UNAUTHENTICATED, "log in first");
        }
        accept(ctx, session.get());
    }

    @Override
    public Optional<Principal> fromHeader(Context ctx) {
        return authenticator.fromHeader(ctx);
    }

    @Override
    public Optional<Principal> fromSession(Context ctx) {
        Optional<Principal> session = authenticator.fromSession(ctx);
        session.ifPresent(p -> requireCsrf(ctx, p));
        return session;
    }

    @Override
    public boolean redirectToLogin(Context ctx) {
        if (!isRead(ctx.method()) || !ErrorMapper.wantsHtml(ctx)) {
            return false;
        }
        String back = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
        ctx.redirect("/login?next=" + java.net.URLEncoder.encode(back, StandardCharsets.UTF_8));
        ctx.skipRemainingHandlers();
        return true;
    }

    private Principal accountPrincipal(Context ctx) {
        var fromHeader = authenticator.fromHeader(ctx);
        if (fromHeader.isPresent()) {
            Principal p = fromHeader.get();
            if (!p.scope().includes(TokenScope.FULL)) {
                throw ServiceException.forbidden("account management needs a 'full' token, the password or a session");
            }
            return p;
        }
        return fromSession(ctx).orElseThrow(() -> new ServiceException(
                ErrorCode.UNAUTHENTICATED, "authenticate with a session, a 'full' API token or the account password"));
    }

    private static Principal requireAdmin(Principal p) {
        if (!p.admin()) {
            throw ServiceException.forbidden("this needs an administrator");
        }
        return p;
    }

    private Principal storage(Context ctx, TokenScope needed) {
        Principal p = authenticator.fromHeader(ctx).orElseThrow(() -> new ServiceException(ErrorCode.UNAUTHENTICATED,
                "storage requests need HTTP Basic NAME:TOKEN (or the password) or a Bearer token"));
        if (!p.scope().includes(needed)) {
            throw ServiceException.forbidden("this token's scope '" + p.scope().wireName() + "' does not allow this; "
                    + "it needs '" + needed.wireName() + "'");
        }
        return p;
    }

    /** Deletes: lock files with an {@code append} token or more; anything else {@code full} ({@code append-only}). */
    private Principal storageDelete(Context ctx) {
        if (isLockPath(ctx)) {
            return storage(ctx, TokenScope.APPEND);
        }
        Principal p = storage(ctx, TokenScope.READ);
        requireFull(p, "delete");
        return p;
    }

    /**
     * Refuses {@code append} tokens ({@code append-only}) and {@code read} tokens ({@code forbidden}) what only a
     * {@code full} token or the password may do.
     */
    static void requireFull(Principal p, String what) {
        if (p.scope() == TokenScope.APPEND) {
            throw new ServiceException(ErrorCode.APPEND_ONLY, "this token is append-only: it may add backups and "
                    + "remove lock files but not " + what + "; forget and prune need a 'full' token or the account "
                    + "password");
        }
        if (!p.scope().includes(TokenScope.FULL)) {
            throw ServiceException.forbidden("this token's scope '" + p.scope().wireName() + "' does not allow this; "
                    + "it needs 'full'");
        }
    }

    private static boolean isLockPath(Context ctx) {
        String type = ctx.pathParamMap().getOrDefault("type", ctx.pathParamMap().get("kind"));
        return "locks".equals(type);
    }

    private void ops(Context ctx) {
        if (isLoopback(ctx.req().getRemoteAddr())) {
            return;
        }
        accept(ctx, requireAdmin(accountPrincipal(ctx)));
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.ofLiteral(address).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireCsrf(Context ctx, Principal session) {
        if (isSafe(ctx.method())) {
            return;
        }
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null && isForm(ctx)) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw new ServiceException(ErrorCode.CSRF, "missing or wrong CSRF token; reload the page and try again");
        }
    }

    static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("multipart/form-data"));
    }

    /** GET, or HEAD (a GET without the body): where a browser without a session is sent to the login page. */
    private static boolean isRead(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD;
    }

    private static boolean isSafe(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
    }
}
