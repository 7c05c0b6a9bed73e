/**
 * Saved reports (ADR 13): definitions stored by column id, results computed by the database in one statement, and
 * their CSV form. Entry point: {@link dev.cairn.workspace.reports.ReportService}; it tells the schema what uses its
 * tables and columns ({@link dev.cairn.workspace.reports.ReportRefs}).
 */
package dev.cairn.workspace.reports;
