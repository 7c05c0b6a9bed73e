/**
 * The hosted records workspace (issue 5; ADR 12, 15, 22, 23): per-tenant tables with typed columns, records with
 * validation, optimistic concurrency, history and restore, members and roles, starter templates, CSV/XLSX import,
 * reports, PDF and share links. A feature plugged into the platform ({@link dev.cairn.workspace.WorkspaceFeature}).
 *
 * <p>Its parts, each a package, with the arrows between them pointing one way (ADR 23):
 * {@code model} (values and column types) ← {@code members} (workspaces, callers, roles) ← {@code write} (the write
 * path: one transaction per batch, group commit) ← {@code schema} (tables and columns) ← {@code query} (filters as
 * SQL) ← {@code records} (records and history), {@code imports} (CSV/XLSX), {@code reports} ← {@code shares},
 * {@code pdf}; {@code mail} sends invitations. The services know no HTTP: {@code http} (the JSON API) and {@code web}
 * (the pages) are the edges, the only places that parse JSON and forms. {@link dev.cairn.workspace.RecordsServices}
 * composes the services over one database, {@link dev.cairn.workspace.WorkspaceModule} over the platform.
 */
package dev.cairn.workspace;
