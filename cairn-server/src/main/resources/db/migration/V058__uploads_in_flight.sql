-- Uploads between their reservation and their charge, per server process and repository (ADR 58). A row with
-- uploads > 0 whose process is gone (no server_instances row) marks a repository where a killed process may have
-- stored an object it never charged; a successor recounts that repository from its store and deletes the row.
-- Shared by SQLite and PostgreSQL.
CREATE TABLE uploads_in_flight (
    instance_id VARCHAR(64) NOT NULL,
    account_id  BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    repo        VARCHAR(64) NOT NULL,
    uploads     BIGINT      NOT NULL,
    PRIMARY KEY (instance_id, account_id, repo)
);
