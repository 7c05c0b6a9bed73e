-- Issue 17 (docs/spec/http-api.md section 14, ADR 33): run reports, stored-bytes samples, alert settings, incidents
-- and their deliveries. Shared by SQLite and PostgreSQL; times are epoch milliseconds, booleans INTEGER 0/1.

-- One reported run of an agent. run_id is the client's idempotency key (unique per account); device is the token's
-- device name, else the reported host.
CREATE TABLE runs (
    id              ${pk},
    account_id      BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    run_id          VARCHAR(36)  NOT NULL,
    device          VARCHAR(200) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,  -- backup | check | forget | prune | export-pull
    set_name        VARCHAR(200),
    repository      VARCHAR(200),
    host            VARCHAR(200) NOT NULL,
    agent_version   VARCHAR(200),
    started_at      BIGINT       NOT NULL,
    ended_at        BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,  -- success | failed | partial
    snapshot_id     VARCHAR(128),
    files_new       BIGINT       NOT NULL,
    files_changed   BIGINT       NOT NULL,
    files_unchanged BIGINT       NOT NULL,
    bytes_new       BIGINT       NOT NULL,
    bytes_changed   BIGINT       NOT NULL,
    bytes_unchanged BIGINT       NOT NULL,
    bytes_stored    BIGINT       NOT NULL,
    errors          TEXT         NOT NULL,  -- a JSON array of strings
    damage_found    INTEGER      NOT NULL,
    received_at     BIGINT       NOT NULL,
    UNIQUE (account_id, run_id)
);
CREATE INDEX runs_history ON runs (account_id, started_at);
CREATE INDEX runs_device ON runs (account_id, device, kind, status);

-- The account's stored bytes, sampled once a day (the last sample of a UTC day wins).
CREATE TABLE usage_samples (
    account_id   BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day          BIGINT NOT NULL,  -- days since 1970-01-01 (UTC)
    stored_bytes BIGINT NOT NULL,
    sampled_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, day)
);

-- Per account: where alerts go and how often an open one repeats. No row: email on, no webhook, every 24 hours.
CREATE TABLE alert_settings (
    account_id     BIGINT        PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    email          INTEGER       NOT NULL,
    webhook_url    VARCHAR(2000),
    webhook_secret VARCHAR(200),
    repeat_hours   INTEGER       NOT NULL
);

-- Per device: after how many days without a successful backup it alerts (0: never). No row: 3.
CREATE TABLE device_alert_settings (
    account_id     BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    device         VARCHAR(200) NOT NULL,
    no_backup_days INTEGER      NOT NULL,
    PRIMARY KEY (account_id, device)
);

-- One incident per (account, kind, subject) while open; resolved_at closes it. subject names what it is about (a
-- device, a repository, a workspace; '' for the account itself).
CREATE TABLE alert_incidents (
    id           ${pk},
    account_id   BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind         VARCHAR(32)   NOT NULL,
    subject      VARCHAR(200)  NOT NULL,
    device       VARCHAR(200),
    message      VARCHAR(2000) NOT NULL,
    opened_at    BIGINT        NOT NULL,
    last_sent_at BIGINT        NOT NULL,
    resolved_at  BIGINT
);
CREATE UNIQUE INDEX alert_incidents_open ON alert_incidents (account_id, kind, subject) WHERE resolved_at IS NULL;
CREATE INDEX alert_incidents_account ON alert_incidents (account_id, opened_at);

-- The outbox and delivery log: one row per message (open, repeat or resolved) and channel (email or webhook).
CREATE TABLE alert_deliveries (
    id              ${pk},
    account_id      BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    incident_id     BIGINT        NOT NULL REFERENCES alert_incidents (id) ON DELETE CASCADE,
    channel         VARCHAR(16)   NOT NULL,  -- email | webhook
    state           VARCHAR(16)   NOT NULL,  -- pending | delivered | failed
    payload         TEXT          NOT NULL,  -- the webhook's JSON body (the email is written from it)
    attempts        INTEGER       NOT NULL,
    next_attempt_at BIGINT        NOT NULL,
    last_error      VARCHAR(1000),
    created_at      BIGINT        NOT NULL,
    delivered_at    BIGINT
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (state, next_attempt_at);
CREATE INDEX alert_deliveries_account ON alert_deliveries (account_id, id);

-- A revoked or expired device token that was presented again raises 'device signed out' once.
ALTER TABLE api_tokens ADD COLUMN signout_alerted_at BIGINT;
