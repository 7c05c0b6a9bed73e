/**
 * The HTTP layer (Javalin 7): {@link dev.cairn.server.http.Routes} is the one table of every route with the
 * {@link dev.cairn.server.http.Role} it needs; {@link dev.cairn.server.http.AccessGuard} enforces the roles before any
 * handler runs (default deny); {@link dev.cairn.server.http.ErrorMapper} is the one place exceptions become
 * {@code application/problem+json} (or an HTML page for browsers). Handlers ({@code XxxHandlers}, one per resource)
 * only translate between HTTP and the services; they contain no authorization and no error mapping.
 */
package dev.cairn.server.http;
