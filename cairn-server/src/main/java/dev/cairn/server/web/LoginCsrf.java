package dev.cairn.server.web;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.auth.RandomBytes;
import dev.cairn.server.auth.Secrets;
import dev.cairn.server.error.ServiceException;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * CSRF protection for the forms shown before login (log in, sign up), which have no session yet: a double-submit
 * token. The form page sets a random token in an HttpOnly, SameSite=Strict cookie and in a hidden field; the POST must
 * bring both, equal. A cross-site page can neither read the cookie nor make the browser send it. Thread-safe.
 */
public final class LoginCsrf {
    static final String COOKIE = "cairn_csrf";
    /** What {@link Secrets#newSecret} makes of 32 random bytes: 43 base64url characters. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final RandomBytes random;
    private final SessionBridge sessions;

    LoginCsrf(RandomBytes random, SessionBridge sessions) {
        this.random = random;
        this.sessions = sessions;
    }

    /**
     * The token for a form's hidden field: the browser's existing cookie token if it has a well-formed one (so several
     * open tabs keep working), else a fresh one, set as the cookie.
     */
    public String issue(Context ctx) {
        String existing = ctx.cookie(COOKIE);
        if (existing != null && WELL_FORMED.matcher(existing).matches()) {
            return existing;
        }
        String token = Secrets.newSecret(random, "");
        Cookie cookie = new Cookie(COOKIE, token);
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setSecure(sessions.secure(ctx));
        cookie.setPath("/");
        ctx.cookie(cookie);
        return token;
    }

    /**
     * Checks the form's hidden field against the cookie.
     *
     * @throws ServiceException {@code csrf} (403) when either is missing or they differ
     */
    public static void check(Context ctx) {
        String cookie = ctx.cookie(COOKIE);
        String field = Forms.field(ctx, WebUi.CSRF_FIELD);
        if (cookie == null || field == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8),
                field.getBytes(StandardCharsets.UTF_8))) {
            throw new ServiceException(ErrorCode.CSRF, "the form expired or was not sent from this site; reload the "
                    + "page and try again");
        }
    }
}
