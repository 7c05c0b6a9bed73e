-- The hosted records workspace (ADR 12). Shared by SQLite and PostgreSQL; ${pk} as in V001.
-- Numbered 010 so that other branches can add 004-009 without a clash.
-- The customers' own tables are NOT here: each user table is one physical table r_<table id> with one column
-- c_<column id> per user column (money adds c_<column id>_cur), created at run time by dev.cairn.server.records.Schema.
-- Physical names are built from these numeric ids only, never from names a user typed.

-- One workspace per tenant (account). seq is the last change sequence number handed out (see ws_changes).
CREATE TABLE workspaces (
    id         ${pk},
    account_id BIGINT       NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
    name       VARCHAR(200) NOT NULL,
    seq        BIGINT       NOT NULL DEFAULT 0,
    created_at BIGINT       NOT NULL
);

-- Members other than the owning account (which is always owner). role: owner | editor | viewer.
CREATE TABLE ws_members (
    workspace_id BIGINT      NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    account_id   BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role         VARCHAR(16) NOT NULL,
    added_at     BIGINT      NOT NULL,
    PRIMARY KEY (workspace_id, account_id)
);
CREATE INDEX ws_members_account ON ws_members (account_id);

-- Invitations by email; the code is shown once to the owner, only its SHA-256 is kept.
CREATE TABLE ws_invites (
    id           ${pk},
    workspace_id BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email        VARCHAR(320) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    code_hash    VARCHAR(64)  NOT NULL UNIQUE,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    accepted_at  BIGINT,
    accepted_by  BIGINT
);
CREATE INDEX ws_invites_workspace ON ws_invites (workspace_id);

-- User tables. A deleted table keeps its rows (physical table and history) until purged; its name is free again.
CREATE TABLE ws_tables (
    id           ${pk},
    workspace_id BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(63)  NOT NULL,
    label        VARCHAR(200),
    created_at   BIGINT       NOT NULL,
    deleted_at   BIGINT
);
CREATE UNIQUE INDEX ws_tables_live_name ON ws_tables (workspace_id, name) WHERE deleted_at IS NULL;

-- Columns of user tables. A removed column keeps its physical column and its history until purged.
-- options: JSON {choices, scale, currency, references (table id), default, maxLength}.
CREATE TABLE ws_columns (
    id         ${pk},
    table_id   BIGINT       NOT NULL REFERENCES ws_tables (id) ON DELETE CASCADE,
    position   INTEGER      NOT NULL,
    name       VARCHAR(63)  NOT NULL,
    label      VARCHAR(200),
    type       VARCHAR(16)  NOT NULL,
    required   INTEGER      NOT NULL DEFAULT 0,
    is_unique  INTEGER      NOT NULL DEFAULT 0,
    indexed    INTEGER      NOT NULL DEFAULT 0,
    options    TEXT         NOT NULL,
    removed_at BIGINT
);
CREATE INDEX ws_columns_table ON ws_columns (table_id);
CREATE UNIQUE INDEX ws_columns_live_name ON ws_columns (table_id, name) WHERE removed_at IS NULL;

-- The change log and history: every record and schema change of a workspace, in commit order. seq is gap-free and
-- strictly increasing per workspace (writers of one workspace are serialised on its workspaces row), so "the workspace
-- as of seq N" is well defined: an export reads the current rows and workspaces.seq in one snapshot transaction, or
-- replays changes up to N. Values are JSON keyed by column id in the API's wire form.
-- op: insert | update | delete | restore | schema.
CREATE TABLE ws_changes (
    workspace_id BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    seq          BIGINT       NOT NULL,
    table_id     BIGINT       NOT NULL,
    record_id    BIGINT,
    op           VARCHAR(16)  NOT NULL,
    version      BIGINT,
    actor_id     BIGINT,
    actor        VARCHAR(64)  NOT NULL,
    at           BIGINT       NOT NULL,
    old_values   TEXT,
    new_values   TEXT,
    PRIMARY KEY (workspace_id, seq)
);
CREATE INDEX ws_changes_record ON ws_changes (table_id, record_id, seq);

-- Saved reports; definition is JSON that names columns by id, so renames never break a report.
CREATE TABLE ws_reports (
    id           ${pk},
    workspace_id BIGINT       NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    table_id     BIGINT       NOT NULL REFERENCES ws_tables (id),
    definition   TEXT         NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL,
    UNIQUE (workspace_id, name)
);
