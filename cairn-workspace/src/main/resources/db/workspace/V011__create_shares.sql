-- Share links: a saved report sent to the workspace's own customers (ADR 13). Shared by SQLite and PostgreSQL; ${pk}
-- as in V001; times are epoch milliseconds.

-- One link. The token is shown once when the link is made; only its SHA-256 (hex) is kept. report_id becomes NULL when
-- the report is deleted (the link then answers 410), report_name keeps its name for the owner's list.
-- passphrase_hash: Argon2id PHC string, or NULL for a link without a passphrase.
-- fixed_column_id/fixed_record_id: the link shows only rows whose reference column (by id, so renames carry over)
-- points at that record; both NULL for all rows.
-- access_count/last_access_at count every access, refused ones included (the log below keeps the most recent ones).
CREATE TABLE ws_shares (
    id              ${pk},
    workspace_id    BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    report_id       BIGINT       REFERENCES ws_reports (id) ON DELETE SET NULL,
    report_name     VARCHAR(200) NOT NULL,
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    passphrase_hash VARCHAR(200),
    fixed_column_id BIGINT,
    fixed_record_id BIGINT,
    created_by_id   BIGINT,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT,
    revoked_at      BIGINT,
    revoked_by      VARCHAR(64),
    access_count    BIGINT       NOT NULL DEFAULT 0,
    last_access_at  BIGINT
);
CREATE INDEX ws_shares_workspace ON ws_shares (workspace_id);
CREATE INDEX ws_shares_report ON ws_shares (report_id);
CREATE INDEX ws_shares_fixed_column ON ws_shares (fixed_column_id);

-- The access log of a link: every request to it, refused ones included. outcome: shown | passphrase-required |
-- wrong-passphrase | unlocked | throttled | expired | revoked | report-deleted | unavailable. what: html | csv | pdf |
-- passphrase. client is the client's address; user_agent is trimmed.
CREATE TABLE ws_share_accesses (
    id         ${pk},
    share_id   BIGINT       NOT NULL REFERENCES ws_shares (id) ON DELETE CASCADE,
    at         BIGINT       NOT NULL,
    outcome    VARCHAR(24)  NOT NULL,
    what       VARCHAR(16)  NOT NULL,
    client     VARCHAR(64),
    user_agent VARCHAR(200)
);
CREATE INDEX ws_share_accesses_share ON ws_share_accesses (share_id, id);

-- Browsers that gave a link's passphrase: the cookie carries a random secret, only its SHA-256 is kept here; valid
-- until expires_at, and only while the link itself is valid.
CREATE TABLE ws_share_unlocks (
    secret_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    share_id    BIGINT      NOT NULL REFERENCES ws_shares (id) ON DELETE CASCADE,
    expires_at  BIGINT      NOT NULL
);
CREATE INDEX ws_share_unlocks_share ON ws_share_unlocks (share_id);
CREATE INDEX ws_share_unlocks_expiry ON ws_share_unlocks (expires_at);
