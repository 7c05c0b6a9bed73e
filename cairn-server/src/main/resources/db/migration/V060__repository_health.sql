-- Issue 19 (ADR 44): backup health at a glance. Shared by SQLite and PostgreSQL; times are epoch milliseconds.
-- Version 060 leaves 051-059 to other migrations of the platform (they apply out of order, ADR 22).

-- Why an administrator suspended the account; shown to its owner when a sign-in or a token is refused. NULL: none given.
ALTER TABLE accounts ADD COLUMN suspended_reason VARCHAR(500);

-- Each repository's stored bytes and object count, sampled with usage_samples (the last sample of a UTC day wins).
CREATE TABLE repo_usage_samples (
    account_id   BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    repo         VARCHAR(64) NOT NULL,
    day          BIGINT      NOT NULL,  -- days since 1970-01-01 (UTC)
    stored_bytes BIGINT      NOT NULL,
    object_count BIGINT      NOT NULL,
    sampled_at   BIGINT      NOT NULL,
    PRIMARY KEY (account_id, repo, day)
);

-- Writes the server refused for a reason the owner can act on (quota), per repository and reason: when it first and
-- last happened and how often. A successful write to the repository clears its rows.
CREATE TABLE write_refusals (
    account_id BIGINT        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    repo       VARCHAR(64)   NOT NULL,
    reason     VARCHAR(32)   NOT NULL,  -- an error code: quota-exceeded | quota-too-small
    detail     VARCHAR(1000) NOT NULL,  -- the last refusal's message
    first_at   BIGINT        NOT NULL,
    last_at    BIGINT        NOT NULL,
    refusals   BIGINT        NOT NULL,
    PRIMARY KEY (account_id, repo, reason)
);
