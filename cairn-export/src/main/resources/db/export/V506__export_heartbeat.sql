-- A running export's heartbeat (ADR 30): the process running it sets heartbeat_at every 30 s; a running export whose
-- heartbeat is older than two minutes lost its process (a server that died) and is marked failed by any process's
-- job, so it never stays "running"; its schedule retries it.
ALTER TABLE exports ADD COLUMN heartbeat_at BIGINT;
UPDATE exports SET heartbeat_at = started_at WHERE status = 'running';
