package dev.cairn.server.http;

import dev.cairn.server.auth.Principal;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

/**
 * A role a feature defines for its routes (such as a workspace's viewer, editor and owner). The guard calls
 * {@link #authorize} before the route's handler: it authenticates the caller with the platform's {@link
 * Authentication} and decides. Implementations are stateless or thread-safe.
 */
public interface FeatureRole extends RouteRole {
    /**
     * Authenticates and authorizes the request.
     *
     * @return the caller, or null if the role answered the request itself (a browser sent to the login page)
     * @throws dev.cairn.server.error.ServiceException to refuse ({@code unauthenticated}, {@code forbidden}, ...)
     */
    Principal authorize(Context ctx, Authentication authentication);
}
