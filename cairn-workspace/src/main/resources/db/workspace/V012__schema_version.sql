-- The schema version of a workspace (ADR 15 decision 9): bumped in the same transaction as every change to its tables'
-- definitions (ws_tables/ws_columns: create, rename, alter, remove, delete, purge). Server processes cache table
-- definitions per workspace and version, and reuse them only while this number is unchanged.
ALTER TABLE workspaces ADD COLUMN schema_version BIGINT NOT NULL DEFAULT 0;
