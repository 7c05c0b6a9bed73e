/**
 * The server-rendered web UI: JTE templates ({@code src/main/jte}, precompiled at build time into
 * {@code dev.cairn.server.web.templates}) enhanced by htmx, over the same services as the JSON API.
 *
 * <p>Contracts every page keeps:
 * <ul>
 *   <li>Everything works without JavaScript: plain forms, {@code POST} then a {@code 303} redirect on success; a form
 *       with a mistake is re-rendered with its messages tied to the fields ({@code aria-describedby}). htmx only adds
 *       in-place updates (token revocation, the live quota bar, the records table, the report builder's live preview,
 *       which re-renders the whole builder form).</li>
 *   <li>Every state-changing form carries a CSRF token: the session's token after login (checked by the HTTP layer's
 *       guard before the handler runs), a double-submit cookie token before login ({@link LoginCsrf}).</li>
 *   <li>All text goes through JTE's HTML auto-escaping; no template uses {@code $unsafe}.</li>
 *   <li>Pages are never cached ({@code Cache-Control: no-store}) and carry a strict Content-Security-Policy
 *       (scripts and styles only from this origin).</li>
 * </ul>
 * The HTTP layer ({@code dev.cairn.server.http}) routes to the handlers here and hands them a {@link SessionBridge};
 * this package does not depend on it.
 */

package dev.cairn.server.web;

