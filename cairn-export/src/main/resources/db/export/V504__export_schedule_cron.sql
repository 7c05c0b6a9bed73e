-- Schedules by a Unix cron line (ADR 30): every = 'cron' and cron = the five fields, read in UTC.
ALTER TABLE export_schedules ADD COLUMN cron VARCHAR(200);
