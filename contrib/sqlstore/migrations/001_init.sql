-- hotelsdk-go contrib/sqlstore schema, version 1. Apply it once per database
-- (sqlstore.Migrate runs this same file; every statement is idempotent).
-- Written for PostgreSQL; see the package documentation for other engines:
-- BYTEA is BLOB / VARBINARY elsewhere, TIMESTAMP WITH TIME ZONE is standard.

-- The Douyin SPI idempotency ledger: one row per (operation, order_id).
CREATE TABLE IF NOT EXISTS hotelsdk_ledger (
    key          VARCHAR(300)             NOT NULL PRIMARY KEY, -- "operation:order_id"
    state        CHAR(1)                  NOT NULL,             -- p pending, d done, f free (released)
    fence        BIGINT                   NOT NULL,             -- grows with every claim of key
    body_hash    BYTEA                    NOT NULL,             -- SHA-256 of the request body
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,             -- when the key was claimed
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL,             -- pending and past it: abandoned
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,             -- retention: past it, the row counts as absent
    reply_status INTEGER,                                       -- the recorded reply (state d)
    reply_body   BYTEA
);
CREATE INDEX IF NOT EXISTS hotelsdk_ledger_expires_at ON hotelsdk_ledger (expires_at);

-- The Douyin access token shared by a fleet, one row per token key.
CREATE TABLE IF NOT EXISTS hotelsdk_douyin_token (
    key          VARCHAR(300)             NOT NULL PRIMARY KEY,
    access_token TEXT                     NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE,
    expires_at   TIMESTAMP WITH TIME ZONE
);

-- The refresh lease of each token key: one holder at a time, fenced.
CREATE TABLE IF NOT EXISTS hotelsdk_douyin_token_lease (
    key          VARCHAR(300)             NOT NULL PRIMARY KEY,
    fence        BIGINT                   NOT NULL,
    lease_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
