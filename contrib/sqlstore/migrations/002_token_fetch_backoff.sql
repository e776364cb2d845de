-- hotelsdk-go contrib/sqlstore schema, version 2: the Douyin token fetch
-- backoff (douyin.TokenFetchBackoff). Apply it after 001_init.sql, once per
-- database (sqlstore.Migrate runs every file of migrations/ in name order;
-- every statement is idempotent, so it is safe on a database that 001 alone
-- created and on one already at version 2). Standard SQL.

-- Until when fetching a token key's token is backed off after a failed
-- fetch, one row per token key; a successful fetch deletes it.
CREATE TABLE IF NOT EXISTS hotelsdk_douyin_token_fetch_backoff (
    key            VARCHAR(300)             NOT NULL PRIMARY KEY,
    backoff_until  TIMESTAMP WITH TIME ZONE NOT NULL, -- the writing instance's until-time
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL  -- by the database's clock; past it, the row counts as absent
);
