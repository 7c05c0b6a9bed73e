-- The onsite export (issue 15, ADR 27). Versions 500-599 are the export feature's: the platform's and the workspace's
-- migrations stay below 500, so the features never take each other's versions (applied out of order, ADR 22).
-- Shared by SQLite and PostgreSQL; ${pk} as in V001; times are epoch milliseconds.

-- The server's Ed25519 key that signs every manifest: one row (id 1), made once on the first start. The private key
-- (PKCS#8, base64) never leaves this table: it is not logged, not shown, not exported; the public key is published.
CREATE TABLE export_keys (
    id          BIGINT      NOT NULL PRIMARY KEY,
    algorithm   VARCHAR(16) NOT NULL,
    public_key  VARCHAR(64) NOT NULL,
    private_key VARCHAR(200) NOT NULL,
    created_at  BIGINT      NOT NULL
);

-- The age X25519 recipients (age1…) a workspace's exports are encrypted to; an export needs at least one.
CREATE TABLE export_recipients (
    id           ${pk},
    workspace_id BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    recipient    VARCHAR(200) NOT NULL,
    created_by   VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    UNIQUE (workspace_id, recipient)
);

-- One export: queued, running, done (the encrypted bundle is stored, bundle_sha256 names it in the account's export
-- store and counts bundle_bytes in the quota) or failed (error says why, in the user's words).
CREATE TABLE exports (
    id              ${pk},
    workspace_id    BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id      BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    formats         VARCHAR(200) NOT NULL,
    cut_seq         BIGINT,
    manifest_sha256 VARCHAR(64),
    bundle_sha256   VARCHAR(64),
    bundle_bytes    BIGINT,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT,
    error           VARCHAR(1000)
);
CREATE INDEX exports_workspace ON exports (workspace_id, id);
CREATE INDEX exports_status ON exports (status);
