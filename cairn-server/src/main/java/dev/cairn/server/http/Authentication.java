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
}
