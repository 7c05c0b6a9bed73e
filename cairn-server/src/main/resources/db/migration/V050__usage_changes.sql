-- The usage-change journal (issue 20, ADR 36): one row per change of an account's stored bytes (written by QuotaService
-- in the transaction that changes accounts.stored_bytes) and per plan change (written by AccountService in the
-- transaction that changes accounts.plan). Billing integrates storage from it by the byte-millisecond and pro-rates
-- plan changes; stored bytes at any instant t are accounts.stored_bytes minus the deltas journaled after t.
-- Version 050 leaves 006-049 to the platform's other migrations (they apply out of order, ADR 22).
CREATE TABLE usage_changes (
    id            ${pk},
    account_id    BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    at            BIGINT      NOT NULL,  -- epoch milliseconds
    delta_bytes   BIGINT      NOT NULL,  -- change of stored_bytes (0 for a plan change)
    cause         VARCHAR(16) NOT NULL,  -- commit | freed | correct | plan
    plan          VARCHAR(64),           -- cause plan: the new plan
    previous_plan VARCHAR(64)            -- cause plan: the plan before
);
CREATE INDEX usage_changes_account_at ON usage_changes (account_id, at);
