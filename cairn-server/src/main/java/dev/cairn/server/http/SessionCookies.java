package dev.cairn.server.http;

import dev.cairn.server.auth.SessionService;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The session cookie: HttpOnly, SameSite=Lax, Secure when the request came over TLS (directly, or per
 * {@code X-Forwarded-Proto} from a trusted proxy) or the server's public URL is https. Thread-safe.
 */
public final class SessionCookies {
    private final SessionService sessions;
    private final boolean alwaysSecure;

    public SessionCookies(SessionService sessions, boolean alwaysSecure) {
        this.sessions = sessions;
        this.alwaysSecure = alwaysSecure;
    }

    /** Starts a session for the account and sets its cookie; returns the session's CSRF token. */
    String start(Context ctx, long accountId) {
        SessionService.Started started = sessions.start(accountId);
        Cookie cookie = new Cookie(Authenticator.SESSION_COOKIE, started.cookieValue());
        cookie.setHttpOnly(true);
        cookie.setSecure(secure(ctx));
        cookie.setSameSite(SameSite.LAX);
        cookie.setPath("/");
        ctx.cookie(cookie);
        return started.session().csrfToken();
    }

    /** Whether cookies set in answer to this request must be {@code Secure}. */
    boolean secure(Context ctx) {
        return alwaysSecure || ctx.req().isSecure();
    }

    /** Ends the request's session (if any) and clears the cookie. */
    void end(Context ctx) {
        sessions.end(ctx.cookie(Authenticator.SESSION_COOKIE));
        clear(ctx);
    }

    void clear(Context ctx) {
        ctx.removeCookie(Authenticator.SESSION_COOKIE, "/");
    }
}
