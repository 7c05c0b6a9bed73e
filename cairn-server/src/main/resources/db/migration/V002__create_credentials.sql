CREATE TABLE api_tokens (
    id           ${pk},
    account_id   BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    scope        VARCHAR(16)  NOT NULL,   -- read | append | full
    secret_hash  VARCHAR(64)  NOT NULL UNIQUE,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT,
    revoked_at   BIGINT,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

CREATE TABLE sessions (
    id_hash    VARCHAR(64) PRIMARY KEY,
    account_id BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    csrf_token VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
