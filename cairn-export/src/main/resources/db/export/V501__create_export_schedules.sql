-- Export schedules and retention (issue 15, ADR 27). One row per workspace with a schedule: how often (every = hours,
-- day or week; hours 1-168 for "hours", at_minute = minute of the UTC day and weekday = 1 (Monday)-7 for day/week),
-- the formats, how many finished exports and days the retention keeps, and when the next export is due (next_at,
-- epoch ms; a run moves it past "now" by one conditional update, so missed runs collapse into one).
CREATE TABLE export_schedules (
    workspace_id BIGINT       NOT NULL PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    every        VARCHAR(8)   NOT NULL,
    hours        INTEGER,
    at_minute    INTEGER,
    weekday      INTEGER,
    formats      VARCHAR(200) NOT NULL,
    keep_last    INTEGER      NOT NULL,
    keep_days    INTEGER      NOT NULL,
    next_at      BIGINT       NOT NULL,
    updated_by   VARCHAR(64)  NOT NULL,
    updated_at   BIGINT       NOT NULL
);
CREATE INDEX export_schedules_due ON export_schedules (next_at);
