/**
 * User tables and columns (ADR 12): definitions in {@code ws_tables}/{@code ws_columns}, one physical table
 * {@code r_<table id>} per user table with one column {@code c_<column id>} per user column (names users type never
 * reach SQL text), changes that hide rather than drop (until {@link dev.cairn.workspace.schema.Purger} purges), starter
 * templates, and definitions cached per schema version ({@link dev.cairn.workspace.schema.Schema}, ADR 15 decision 9).
 * Entry points: {@link dev.cairn.workspace.schema.TableService} (the API's operations) and
 * {@link dev.cairn.workspace.schema.Schema} (definitions, for the other parts). What uses tables from outside
 * (reports) is asked through {@link dev.cairn.workspace.schema.SchemaUsers}.
 */
package dev.cairn.workspace.schema;
