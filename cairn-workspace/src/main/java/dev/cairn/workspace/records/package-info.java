/**
 * Records of user tables (ADR 12): create, read, list, update, delete, history and restore
 * ({@link dev.cairn.workspace.records.RecordService}). Every write runs in a {@link dev.cairn.workspace.write.WriteTx}
 * that appends to {@code ws_changes}, the gap-free per-workspace change log that is the history, the source of
 * restores and the cut point of consistent exports. Refusals are {@link dev.cairn.workspace.model.ValidationException}
 * (field paths), {@link dev.cairn.workspace.records.VersionConflictException} (current record) or
 * {@link dev.cairn.server.error.ServiceException}; the HTTP layer maps them. No class here depends on HTTP.
 */
package dev.cairn.workspace.records;
