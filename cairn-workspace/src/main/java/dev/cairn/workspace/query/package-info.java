/**
 * Filters over user tables as SQL: conditions resolved against columns ({@link dev.cairn.workspace.query.Conditions})
 * and the statement text around them ({@link dev.cairn.workspace.query.SqlText}), shared by listings and reports.
 * Identifiers come from column ids only; every value is a bound parameter.
 */
package dev.cairn.workspace.query;
