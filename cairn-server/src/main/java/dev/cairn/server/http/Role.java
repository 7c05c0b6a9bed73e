package dev.cairn.server.http;

import io.javalin.security.RouteRole;

/**
 * What a platform route requires of the caller. Every route declares exactly one (this, or a feature's
 * {@link FeatureRole}); a route without one is refused (default deny).
 * Storage roles accept API tokens and account passwords (HTTP Basic or Bearer), never session cookies, so storage
 * endpoints are immune to cross-site requests.
 */
public enum Role implements RouteRole {
    /** Anyone (including the public page of a share link, whose token in the path is its only credential). */
    PUBLIC,
    /** A logged-in web session; unsafe methods also need the session's CSRF token. */
    SESSION_USER,
    /** The account itself: a web session (with CSRF for unsafe methods), a {@code full} token or the password. */
    ACCOUNT,
    /** An administrator, authenticated as for {@link #ACCOUNT}. */
    ADMIN,
    /** Read objects: any token scope, or the password. */
    STORAGE_READ,
    /** Create objects: {@code append} or {@code full}, or the password. */
    STORAGE_APPEND,
    /** Delete objects: {@code full} or the password; {@code append} may delete lock files only. */
    STORAGE_DELETE,
    /** Operations data ({@code /metrics}): clients on the loopback interface, or an administrator. */
    OPS
}
