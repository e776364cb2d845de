// Package redisstore keeps the hotelsdk's shared state in Redis, for a fleet
// of instances: the Douyin SPI idempotency ledger (LedgerStore, a
// ledger.Store) and the Douyin access token with its refresh lease and
// its fetch backoff (TokenStore, a douyin.TokenStore,
// douyin.TokenRefreshLocker and douyin.TokenFetchBackoff).
//
// It is a separate Go module so that the core SDK does not depend on
// github.com/redis/go-redis/v9. It works with any redis.UniversalClient
// (a single server, Sentinel, or Cluster: every script touches keys of one
// hash slot, as the keys carry a {hash tag}).
//
// Atomicity: each state change is one Lua script, so it is atomic on the
// server. Lease expiry is judged by the server's clock (Redis TIME inside
// the scripts), so instances with skewed clocks agree on it.
//
// Durability is Redis's: with persistence off, a restart of Redis forgets
// the ledger, and Douyin's retry after it runs the callback again. Use AOF
// (appendonly yes, appendfsync everysec or always) for the ledger, or the
// SQL store (contrib/sqlstore) when a durable record is required.
//
// Failures: when Redis cannot be reached, the ledger fails closed
// (ledger.StoreError: the callback is not run) and the token store returns
// the go-redis error (the client then fails the call rather than fetching a
// token per process).
package redisstore
