/**
 * Bulk import of CSV and XLSX files into one table (ADR 15): one streaming pass that maps, checks and writes each row
 * (multi-row statements on SQLite, {@code COPY} on PostgreSQL), all rows or none, every problem named by row and
 * column. Entry point: {@link dev.cairn.workspace.imports.Importer}.
 */
package dev.cairn.workspace.imports;
