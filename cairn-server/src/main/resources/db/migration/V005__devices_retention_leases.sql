-- Issue 14 (docs/spec/http-api.md section 12, ADR 25). Shared by SQLite and PostgreSQL; times are epoch milliseconds.

-- A device is an API token with a device name; last_used_at is its "last seen", last_backup_at the last time it stored
-- a snapshots object.
ALTER TABLE api_tokens ADD COLUMN device_name VARCHAR(100);
ALTER TABLE api_tokens ADD COLUMN last_backup_at BIGINT;

-- Pending device sign-ins (RFC 8628). Only the device code's SHA-256 is stored; the token is created when the device
-- collects it after approval (state approved -> used, once).
CREATE TABLE device_codes (
    code_hash    VARCHAR(64)  PRIMARY KEY,
    user_code    VARCHAR(8)   NOT NULL UNIQUE,  -- 8 letters, without the dash
    device_name  VARCHAR(100) NOT NULL,
    state        VARCHAR(16)  NOT NULL,         -- pending | approved | denied | used
    account_id   BIGINT       REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    last_poll_at BIGINT
);
CREATE INDEX device_codes_expiry ON device_codes (expires_at);

-- A repository's own retention lock in days (NULL: the server default from settings 'retention_lock_days').
ALTER TABLE repos ADD COLUMN retention_days INTEGER;

-- Server-granted leases on repositories (instead of lock files).
CREATE TABLE repo_leases (
    id          VARCHAR(32)  PRIMARY KEY,
    account_id  BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    repo        VARCHAR(64)  NOT NULL,
    mode        VARCHAR(16)  NOT NULL,  -- shared | exclusive
    holder      VARCHAR(200) NOT NULL,
    acquired_at BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    ttl_seconds INTEGER      NOT NULL
);
CREATE INDEX repo_leases_repo ON repo_leases (account_id, repo);
