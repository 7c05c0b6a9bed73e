/**
 * Report results as PDF documents ({@link dev.cairn.workspace.pdf.ReportPdf}), rendered with OpenPDF in fonts bundled
 * with the server (DejaVu Sans, Droid Sans Fallback; see ADR 13), so that every character of any workspace's data is
 * printed or visibly replaced, never silently dropped. No class here depends on HTTP or the database.
 */
package dev.cairn.workspace.pdf;
