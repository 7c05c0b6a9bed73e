package dev.cairn.server.web;

import dev.cairn.server.auth.Principal;
import io.javalin.http.Context;

/**
 * What the web pages need from the HTTP layer's session machinery. Implemented by {@code dev.cairn.server.http}, so
 * cookie attributes (HttpOnly, SameSite=Lax, Secure under TLS) and the role guard stay in one place.
 */
public interface SessionBridge {
    /**
     * The principal the route's role guard authenticated.
     *
     * @throws IllegalStateException on a {@code PUBLIC} route, which authenticates nobody
     */
    Principal principal(Context ctx);

    /**
     * Who is signed in with a web session, on any route (also where no guard ran, e.g. a 404): the guard's principal
     * if it authenticated a session, else the request's live session cookie; empty otherwise. Never throws.
     */
    java.util.Optional<Principal> signedIn(Context ctx);

    /** Starts a web session for the account and sets its cookie; returns the session's CSRF token. */
    String start(Context ctx, long accountId);

    /** Ends the request's session, if any, and clears its cookie. */
    void end(Context ctx);

    /** Whether cookies set in answer to this request must be {@code Secure} (TLS, or an https public URL). */
    boolean secure(Context ctx);

    /** Clears the session cookie only (the session itself is already gone, e.g. after account deletion). */
    void clear(Context ctx);
}
