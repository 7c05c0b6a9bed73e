/**
 * The formula language of computed columns (ADR 42, docs/formulas.md): text parsed into an {@link
 * dev.cairn.workspace.formula.Expr} tree, checked against the workspace's tables, and turned into SQL for SQLite and
 * PostgreSQL that the database evaluates in the table's view. Depends on the model only.
 */
package dev.cairn.workspace.formula;
