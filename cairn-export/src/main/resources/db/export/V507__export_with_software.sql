-- Escrow (issue 16, ADR 35): with_software = 1 puts the running cairn distribution (jar, source archive, checksums,
-- ESCROW.md) into the bundle. Asked for per export (default off) and per schedule (default on: its full exports carry
-- it whenever the server runs from a distribution).
ALTER TABLE exports ADD COLUMN with_software INTEGER NOT NULL DEFAULT 0;
ALTER TABLE export_schedules ADD COLUMN with_software INTEGER NOT NULL DEFAULT 1;
