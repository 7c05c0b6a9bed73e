package dev.cairn.server.http;

import dev.cairn.server.auth.Principal;
import dev.cairn.server.web.SessionBridge;
import io.javalin.http.Context;

/** The web UI's view of the session machinery: {@link Requests} for the principal, {@link SessionCookies} for cookies. */
final class WebBridge implements SessionBridge {
    private final SessionCookies cookies;

    private final Authenticator authenticator;

    WebBridge(SessionCookies cookies, Authenticator authenticator) {
        this.cookies = cookies;
        this.authenticator = authenticator;
    }

    @Override
    public java.util.Optional<Principal> signedIn(Context ctx) {
        Principal p = Requests.principalOrNull(ctx);
        if (p != null) {
            return p.via() == Principal.Via.SESSION ? java.util.Optional.of(p) : java.util.Optional.empty();
        }
        try {
            return authenticator.fromSession(ctx);
        } catch (RuntimeException e) { // a suspended account's or a broken database's session: show the public page
            return java.util.Optional.empty();
        }
    }

    @Override
    public Principal principal(Context ctx) {
        return Requests.principal(ctx);
    }

    @Override
    public String start(Context ctx, long accountId) {
        return cookies.start(ctx, accountId);
    }

    @Override
    public void end(Context ctx) {
        cookies.end(ctx);
    }

    @Override
    public boolean secure(Context ctx) {
        return cookies.secure(ctx);
    }

    @Override
    public void clear(Context ctx) {
        cookies.clear(ctx);
    }
}
