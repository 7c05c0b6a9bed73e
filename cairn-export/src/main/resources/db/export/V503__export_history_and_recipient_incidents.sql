-- Record history in an export is optional (issue 15): history = 1 (the default) puts workspace/history.jsonl in the
-- bundle, 0 leaves it out; asked for per export and per schedule.
ALTER TABLE exports ADD COLUMN history INTEGER NOT NULL DEFAULT 1;
ALTER TABLE export_schedules ADD COLUMN history INTEGER NOT NULL DEFAULT 1;
-- A schedule whose workspace has no recipient left (they were all removed after it was set) is an incident: it starts
-- nothing; no_recipient_since is when the job first saw it, no_recipient_mailed_at when the owner was emailed (taken
-- by one conditional update, so one email per incident, by any process). A recipient added ends it (both cleared).
ALTER TABLE export_schedules ADD COLUMN no_recipient_since BIGINT;
ALTER TABLE export_schedules ADD COLUMN no_recipient_mailed_at BIGINT;
