// Package sqlstore keeps the hotelsdk's shared state in a SQL database
// through database/sql, for a fleet of instances: the Douyin SPI
// idempotency ledger (LedgerStore, a ledger.Store) and the Douyin access
// token with its refresh lease and its fetch backoff (TokenStore, a
// douyin.TokenStore, douyin.TokenRefreshLocker and
// douyin.TokenFetchBackoff). PostgreSQL (through
// github.com/jackc/pgx/v5/stdlib or lib/pq) is the tested target.
//
// It is a separate Go module so that the core SDK does not depend on a
// database driver; the module itself depends on none (its tests use pgx).
//
// # Schema
//
// The schema is the files of migrations/, embedded as Migrations; apply
// them in name order with your migration tool, or call Migrate once at
// start-up (idempotent, and safe on a database an earlier version
// migrated):
//   - 001_init.sql: hotelsdk_ledger (LedgerStore), hotelsdk_douyin_token
//     and hotelsdk_douyin_token_lease (TokenStore's token and lease);
//   - 002_token_fetch_backoff.sql: hotelsdk_douyin_token_fetch_backoff
//     (TokenStore's fetch backoff; without it, the token fetch backoff is
//     not shared: FetchBackoff fails, the client logs it and fetches).
//
// # Portability
//
// Every statement is one atomic statement (or, for TokenLease.Save, one
// short transaction), uses the database's clock (CURRENT_TIMESTAMP), never
// the instances' clocks, so skewed instances agree about leases (the one
// instance time stored is the fetch backoff's until-time, read by each
// instance against its own clock; its expiry is by the database's clock:
// see TokenStore.SetFetchBackoff). What is
// PostgreSQL-specific, and what to change for another engine:
//   - placeholders are $1, $2, … (MySQL and SQLite's default driver use ?);
//   - the claims are INSERT … ON CONFLICT (key) DO UPDATE … WHERE …
//     RETURNING … (PostgreSQL 9.5+, SQLite 3.35+; MySQL has INSERT … ON
//     DUPLICATE KEY UPDATE and no RETURNING);
//   - durations are CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond'
//     (MySQL: INTERVAL ? MICROSECOND);
//   - TokenLease.Save locks the lease row with SELECT … FOR UPDATE (not in
//     SQLite, which locks the whole database per write anyway);
//   - the schema's BYTEA is BLOB or VARBINARY elsewhere.
//
// Rows of the ledger past their retention count as absent and are reused
// by the next claim of the key; LedgerStore.Purge deletes them (run it
// periodically, e.g. daily).
//
// Failures: when the database cannot be reached, the ledger fails closed
// (ledger.StoreError: the callback is not run) and the token store returns
// the driver's error.
package sqlstore
