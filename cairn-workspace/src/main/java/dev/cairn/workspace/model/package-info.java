/**
 * The workspace's vocabulary: column types ({@link dev.cairn.workspace.model.ColumnType}), the values of user columns
 * and their forms (canonical, wire, SQL), filter operators, columns and tables as stored, and the validation failure
 * every service reports ({@link dev.cairn.workspace.model.ValidationException} with field paths). Depends on no other
 * part of the workspace.
 */
package dev.cairn.workspace.model;
