-- Shared by SQLite and PostgreSQL. ${pk} is the dialect's auto-increment primary key (see Database.placeholders).
-- Times are epoch milliseconds (BIGINT), booleans are INTEGER 0/1, so both dialects read them alike.
CREATE TABLE plans (
    name        VARCHAR(64) PRIMARY KEY,
    quota_bytes BIGINT                      -- NULL: unlimited
);
INSERT INTO plans (name, quota_bytes) VALUES ('default', NULL);

CREATE TABLE accounts (
    id             ${pk},
    name           VARCHAR(64)  NOT NULL UNIQUE,
    email          VARCHAR(320) NOT NULL UNIQUE,
    password_hash  VARCHAR(255) NOT NULL,
    admin          INTEGER      NOT NULL DEFAULT 0,
    status         VARCHAR(16)  NOT NULL,  -- active | suspended | deleted
    plan           VARCHAR(64)  NOT NULL REFERENCES plans (name),
    quota_bytes    BIGINT,                 -- override of the plan's quota; NULL: the plan's
    stored_bytes   BIGINT       NOT NULL DEFAULT 0,
    reserved_bytes BIGINT       NOT NULL DEFAULT 0,
    created_at     BIGINT       NOT NULL,
    deleted_at     BIGINT,
    purge_after    BIGINT
);

CREATE TABLE settings (
    name  VARCHAR(64)  PRIMARY KEY,
    value VARCHAR(255) NOT NULL
);

CREATE TABLE invites (
    code_hash  VARCHAR(64) PRIMARY KEY,
    created_at BIGINT      NOT NULL,
    used_at    BIGINT,
    used_by    BIGINT
);
