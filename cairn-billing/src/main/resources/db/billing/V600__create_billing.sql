-- Metered billing (issue 20, ADR 36). Versions 600-699 are the billing feature's (ADR 22: features never take each
-- other's versions; applied out of order). Shared by SQLite and PostgreSQL; ${pk} as in V001; times are epoch
-- milliseconds. Money is integers only: amounts in the currency's minor units (cents), prices in micros (millionths)
-- of the major unit per GB (10^9 bytes) or per GB-month.

-- Settings of the billing (currency, time zone of the billing month, due days, grace and notice periods).
CREATE TABLE billing_settings (
    name  VARCHAR(64)  PRIMARY KEY,
    value VARCHAR(255) NOT NULL
);

-- The prices of a platform plan (plans.name; the platform's table keeps its quota).
CREATE TABLE billing_plans (
    plan                   VARCHAR(64) PRIMARY KEY REFERENCES plans (name),
    monthly_fee_minor      BIGINT      NOT NULL DEFAULT 0,
    included_storage_bytes BIGINT      NOT NULL DEFAULT 0,
    included_egress_bytes  BIGINT      NOT NULL DEFAULT 0,
    storage_price_micros   BIGINT      NOT NULL DEFAULT 0,  -- per GB-month above the included storage
    egress_price_micros    BIGINT      NOT NULL DEFAULT 0,  -- per GB of egress above the included egress
    trial_days             INTEGER     NOT NULL DEFAULT 0,
    retired_at             BIGINT,                          -- retired: no new accounts move to it
    updated_at             BIGINT      NOT NULL
);

-- Per-account billing: prepaid or postpaid, balance (prepaid credit, minor units), tax rate in basis points
-- (1900 = 19 %), the payment gateway's customer reference, and the dunning state.
CREATE TABLE billing_accounts (
    account_id      BIGINT       PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    mode            VARCHAR(16)  NOT NULL DEFAULT 'postpaid',   -- postpaid | prepaid
    balance_minor   BIGINT       NOT NULL DEFAULT 0,
    tax_rate_bp     INTEGER      NOT NULL DEFAULT 0,
    payment_method  VARCHAR(200),
    state           VARCHAR(16)  NOT NULL DEFAULT 'good',       -- good | reminded | restricted | notice
    state_since     BIGINT,
    notice_sent_at  BIGINT
);

-- Issued invoices and credit notes: immutable once inserted except paid_at (payment recorded). invoice_month is the
-- billed month for an invoice (one per account and month) and NULL for a credit note.
CREATE TABLE billing_invoices (
    id             ${pk},
    account_id     BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    number         VARCHAR(64)  NOT NULL UNIQUE,
    kind           VARCHAR(16)  NOT NULL,            -- invoice | credit-note
    month          VARCHAR(7)   NOT NULL,            -- YYYY-MM billed (for a credit note: of the corrected invoice)
    invoice_month  VARCHAR(7),
    period_start   BIGINT       NOT NULL,
    period_end     BIGINT       NOT NULL,
    currency       VARCHAR(3)   NOT NULL,
    total_minor    BIGINT       NOT NULL,
    issued_at      BIGINT       NOT NULL,
    due_at         BIGINT       NOT NULL,
    paid_at        BIGINT,
    corrects_id    BIGINT       REFERENCES billing_invoices (id),
    UNIQUE (account_id, invoice_month)
);
CREATE INDEX billing_invoices_due ON billing_invoices (paid_at, due_at);

CREATE TABLE billing_invoice_lines (
    invoice_id   BIGINT       NOT NULL REFERENCES billing_invoices (id) ON DELETE CASCADE,
    line_no      INTEGER      NOT NULL,
    kind         VARCHAR(16)  NOT NULL,   -- plan | storage | egress | credit | tax | correction
    description  VARCHAR(300) NOT NULL,
    quantity     VARCHAR(64)  NOT NULL,   -- exact decimal text for people (GB-months, GB, share of the month)
    amount_minor BIGINT       NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);

-- Credits granted by an admin (positive, minor units), used up by the next invoices.
CREATE TABLE billing_credits (
    id           ${pk},
    account_id   BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    amount_minor BIGINT       NOT NULL,
    reason       VARCHAR(300) NOT NULL,
    granted_at   BIGINT       NOT NULL,
    invoice_id   BIGINT       REFERENCES billing_invoices (id)   -- the invoice that used it
);

-- Payments taken through the payment gateway (or top-ups of a prepaid balance).
CREATE TABLE billing_payments (
    id           ${pk},
    account_id   BIGINT       NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    invoice_id   BIGINT       REFERENCES billing_invoices (id),
    amount_minor BIGINT       NOT NULL,
    gateway      VARCHAR(32)  NOT NULL,
    reference    VARCHAR(200) NOT NULL,
    status       VARCHAR(16)  NOT NULL,  -- succeeded | failed
    message      VARCHAR(300),
    at           BIGINT       NOT NULL
);

-- Dunning emails sent, so each is sent once per invoice and step.
CREATE TABLE billing_notices (
    invoice_id BIGINT      NOT NULL REFERENCES billing_invoices (id) ON DELETE CASCADE,
    step       VARCHAR(16) NOT NULL,   -- reminder | restricted | deletion-notice
    sent_at    BIGINT      NOT NULL,
    PRIMARY KEY (invoice_id, step)
);

-- Every admin action on billing: who, what, when, before and after (JSON).
CREATE TABLE billing_audit (
    id       ${pk},
    at       BIGINT       NOT NULL,
    actor    VARCHAR(64)  NOT NULL,
    action   VARCHAR(64)  NOT NULL,
    subject  VARCHAR(200) NOT NULL,
    before_json VARCHAR(2000),
    after_json  VARCHAR(2000)
);
