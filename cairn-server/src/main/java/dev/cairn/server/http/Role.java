package dev.cairn.server.http;

import io.javalin.security.RouteRole;

/**
 * What a route requires of the caller. Every route declares exactly one; a route without one is refused (default deny).
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
    /**
     * Read the records workspace (tables, records, history, reports): a viewer, editor or owner of the workspace, by
     * session (with CSRF for unsafe methods), any token or the password. {@code read}/{@code append} tokens act as
     * viewers whatever the member's role. The workspace is the caller's own unless {@code X-Cairn-Workspace} names the
     * owner of another one they are a member of. The web pages ({@code /web/workspace/{ws}/…}) name it in the path
     * and accept the web session only.
     */
    WORKSPACE_VIEWER,
    /**
     * Change records (create, update, delete, restore, import), save reports, make and revoke share links and read
     * their access logs: an editor or owner, {@code full}.
     */
    WORKSPACE_EDITOR,
    /** Change the schema (tables, columns, templates) and the members: the owner, {@code full}. */
    WORKSPACE_OWNER,
    /** Operations data ({@code /metrics}): clients on the loopback interface, or an administrator. */
    OPS
}
