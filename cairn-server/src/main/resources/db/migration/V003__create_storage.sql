CREATE TABLE repos (
    account_id    BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          VARCHAR(64) NOT NULL,
    stored_bytes  BIGINT      NOT NULL DEFAULT 0,
    object_count  BIGINT      NOT NULL DEFAULT 0,
    created_at    BIGINT      NOT NULL,
    last_write_at BIGINT,
    PRIMARY KEY (account_id, name)
);

-- Objects deleted with a grace period: hidden from the tenant, still stored and counted until purge_after.
CREATE TABLE deleted_objects (
    account_id  BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    repo        VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    object_id   VARCHAR(128) NOT NULL,
    size        BIGINT       NOT NULL,
    deleted_at  BIGINT       NOT NULL,
    purge_after BIGINT       NOT NULL,
    PRIMARY KEY (account_id, repo, kind, object_id)
);
CREATE INDEX deleted_objects_purge ON deleted_objects (purge_after);

-- Per tenant per UTC day metering; billing reads it.
CREATE TABLE usage_daily (
    account_id    BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day           VARCHAR(10) NOT NULL,   -- YYYY-MM-DD, UTC
    stored_bytes  BIGINT      NOT NULL DEFAULT 0,
    ingress_bytes BIGINT      NOT NULL DEFAULT 0,
    egress_bytes  BIGINT      NOT NULL DEFAULT 0,
    requests      BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, day)
);
