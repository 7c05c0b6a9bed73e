-- Incremental exports (ADR 30): mode is what was asked (full | incremental); kind what the export is once built (an
-- incremental asked for with no previous finished export is built full); previous_id the export an incremental
-- chains to (its manifest SHA-256 is in the incremental's manifest). A schedule's mode, and for incremental ones how
-- many exports a chain has before the next full one (full_every).
ALTER TABLE exports ADD COLUMN mode VARCHAR(16) NOT NULL DEFAULT 'full';
ALTER TABLE exports ADD COLUMN kind VARCHAR(16);
ALTER TABLE exports ADD COLUMN previous_id BIGINT;
UPDATE exports SET kind = 'full' WHERE status = 'done';
ALTER TABLE export_schedules ADD COLUMN mode VARCHAR(16) NOT NULL DEFAULT 'full';
ALTER TABLE export_schedules ADD COLUMN full_every INTEGER NOT NULL DEFAULT 7;
