package dev.cairn.server.http;

import dev.cairn.server.auth.Principal;
import dev.cairn.server.web.SessionBridge;
import io.javalin.http.Context;

/** The web UI's view of the session machinery: {@link Requests} for the principal, {@link SessionCookies} for cookies. */
final class WebBridge implements SessionBridge {
    private final SessionCookies cookies;

    WebBridge(SessionCookies cookies) {
        this.cookies = cookies;
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
