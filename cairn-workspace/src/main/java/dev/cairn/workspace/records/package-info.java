/**
 * The hosted records workspace (issue 5; ADR 12): per-tenant tables with typed columns, records with validation,
 * optimistic concurrency, history and restore, members and roles, starter templates, CSV/XLSX import and reports.
 *
 * <p>Entry point: {@link dev.cairn.workspace.WorkspaceModule#create}. Storage: each user table is one physical
 * table {@code r_<table id>} with one column {@code c_<column id>} per user column; names users type live only in the
 * metadata ({@code ws_tables}, {@code ws_columns}) and never reach SQL text. Every write runs in a {@code WriteTx}
 * that locks the workspace's row and appends to {@code ws_changes}, the gap-free per-workspace change log that is the
 * history, the source of restores and the cut point of consistent exports. Services throw
 * {@link dev.cairn.workspace.records.ValidationException} (field paths), {@link
 * dev.cairn.workspace.records.VersionConflictException} (current record) or {@link dev.cairn.server.error.ServiceException};
 * the HTTP layer maps them. No class here depends on HTTP.
 */
package dev.cairn.workspace.records;
