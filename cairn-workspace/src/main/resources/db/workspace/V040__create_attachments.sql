-- Attachments (ADR 29): one row per uploaded file of a workspace. The bytes are a blob of the owning account's
-- attachment store (<store root>/features/attachments/<account id>, named by the upload id), counted in its quota;
-- never in the database. A record's attachment cell holds the row's id with its name, type, size and SHA-256.
-- Numbered 040, away from the workspace's 010-012 and whatever other branches add next to them.
CREATE TABLE ws_attachments (
    id           VARCHAR(32)  NOT NULL PRIMARY KEY,
    workspace_id BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(255) NOT NULL,
    content_type VARCHAR(200) NOT NULL,
    bytes        BIGINT       NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL
);
CREATE INDEX ws_attachments_workspace ON ws_attachments (workspace_id, created_at);
