-- The server process running an export (its instance id among the processes sharing the database; ADR 30): an export
-- whose process the platform has forgotten (found dead by its successor on the same data directory, or silent for
-- 5 minutes) is failed at the next stale-exports job instead of after its two-minute heartbeat limit. Null for rows
-- claimed before this column existed: those wait for the heartbeat limit.
ALTER TABLE exports ADD COLUMN runner TEXT;
