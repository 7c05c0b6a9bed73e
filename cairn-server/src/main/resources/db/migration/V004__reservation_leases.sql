-- Which server process holds which part of accounts.reserved_bytes, so that the reservations of a process that crashed
-- (it never committed or released them) can be given back by the others. Shared by SQLite and PostgreSQL.
CREATE TABLE server_instances (
    instance_id  VARCHAR(64) PRIMARY KEY,
    heartbeat_at BIGINT      NOT NULL       -- epoch milliseconds
);

CREATE TABLE reservation_leases (
    instance_id VARCHAR(64) NOT NULL,
    account_id  BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    bytes       BIGINT      NOT NULL,
    PRIMARY KEY (instance_id, account_id)
);
