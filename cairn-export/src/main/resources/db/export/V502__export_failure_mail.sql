-- A failed export emails the workspace's owner once (issue 15, ADR 27): mailed_at is set (by one conditional update)
-- when the job takes the failure to mail, so no failure is mailed twice, by this process or another. Failures from
-- before this version count as mailed: their owners saw them on the page already.
ALTER TABLE exports ADD COLUMN mailed_at BIGINT;
UPDATE exports SET mailed_at = finished_at WHERE status = 'failed';
