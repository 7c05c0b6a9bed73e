package dev.cairn.server.http;

import dev.cairn.server.auth.Principal;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The platform's ways of authenticating a request, for {@link FeatureRole}s: header credentials (an API token as
 * Bearer or HTTP Basic, or the account password), the web session (with the session's CSRF token required for unsafe
 * methods), and the redirect of a browser without a session to the login page. Thread-safe.
 */
public interface Authentication {
    /** The caller named by the request's {@code Authorization} header, if any. */
    Optional<Principal> fromHeader(Context ctx);

    /**
     * The caller of the request's web session, if any.
     *
     * @throws dev.cairn.server.error.ServiceException {@code csrf} for an unsafe method without the session's token
     */
    Optional<Principal> fromSession(Context ctx);

    /** Sends a browser asking for a page (GET or HEAD, HTML) to the login page; returns whether it did. */
    boolean redirectToLogin(Context ctx);

    /**
     * The caller of an API request (header credentials, else the session) or of a web page ({@code page}: the session
     * only, since a browser's cached HTTP Basic credentials could otherwise drive its forms from another site).
     *
     * @return the caller, or null if a page request without a session was sent to the login page
     * @throws dev.cairn.server.error.ServiceException {@code unauthenticated} without credentials, {@code csrf}
     */
    default Principal caller(Context ctx, boolean page) {
        Principal p = page ? null : fromHeader(ctx).orElse(null);
        if (p != null) {
            return p;
        }
        var session = fromSession(ctx);
        if (session.isEmpty() && page && redirectToLogin(ctx)) {
            return null;
        }
        return session.orElseThrow(() -> new dev.cairn.server.error.ServiceException(
                dev.cairn.protocol.ErrorCode.UNAUTHENTICATED,
                "authenticate with a session, an API token (Bearer) or the account password"));
    }
}
