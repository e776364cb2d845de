package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/hotelsdk/hotelsdk-go/contrib/redisstore"
	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/redis/go-redis/v9"
)

// storeStartTimeout bounds how long start-up waits for the shared store to
// answer: an unreachable store stops the server, it never falls back to
// memory (a fleet on per-process ledgers books twice).
const storeStartTimeout = 10 * time.Second

// openLedgerStore returns the ledger store cfg names: Redis (-redis),
// PostgreSQL (-postgres) or, with neither, this process's memory. A shared
// store is checked before it is returned (reached, and for PostgreSQL the
// schema present, or applied with -migrate). The returned close releases its
// connections. Errors never carry the URL or DSN, which may hold a password.
func openLedgerStore(ctx context.Context, cfg config, logger *slog.Logger) (ledger.Store, io.Closer, error) {
	switch {
	case cfg.Redis != "":
		return openRedis(ctx, cfg.Redis, logger)
	case cfg.Postgres != "":
		return openPostgres(ctx, cfg.Postgres, cfg.Migrate, logger)
	default:
		logger.Info("SPI ledger in memory: one process only (use -redis or -postgres for a fleet)")
		return ledger.NewMemoryStore(), nopCloser{}, nil
	}
}

func openRedis(ctx context.Context, url string, logger *slog.Logger) (ledger.Store, io.Closer, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, nil, errors.New("-redis: not a Redis URL (want redis://[user:password@]host:port/db or rediss://…)")
	}
	rdb := redis.NewClient(opt)
	pctx, cancel := context.WithTimeout(ctx, storeStartTimeout)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		_ = rdb.Close()
		return nil, nil, fmt.Errorf("-redis: Redis at %s (db %d) does not answer: %w", opt.Addr, opt.DB, err)
	}
	s, err := redisstore.NewLedgerStore(rdb)
	if err != nil {
		_ = rdb.Close()
		return nil, nil, err
	}
	logger.Info("SPI ledger on Redis", "addr", opt.Addr, "db", opt.DB)
	return s, rdb, nil
}

func openPostgres(ctx context.Context, dsn string, migrate bool, logger *slog.Logger) (ledger.Store, io.Closer, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil { // pgx parses the DSN lazily; this is only a bad driver name
		return nil, nil, fmt.Errorf("-postgres: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, storeStartTimeout)
	defer cancel()
	fail := func(err error) (ledger.Store, io.Closer, error) {
		_ = db.Close()
		return nil, nil, err
	}
	if err := db.PingContext(pctx); err != nil {
		// pgx's errors name host, user and database, never the password.
		return fail(fmt.Errorf("-postgres: PostgreSQL does not answer: %w", err))
	}
	if migrate {
		if err := sqlstore.Migrate(pctx, db); err != nil {
			return fail(fmt.Errorf("-postgres -migrate: %w", err))
		}
		logger.Info("applied contrib/sqlstore's schema (migrations/*.sql)")
	} else if _, err := db.ExecContext(pctx, "SELECT 1 FROM hotelsdk_ledger WHERE 1 = 0"); err != nil {
		return fail(fmt.Errorf("-postgres: table hotelsdk_ledger is not usable (%w): apply contrib/sqlstore's "+
			"migrations/001_init.sql, or start once with -migrate", err))
	}
	s, err := sqlstore.NewLedgerStore(db)
	if err != nil {
		return fail(err)
	}
	logger.Info("SPI ledger on PostgreSQL")
	return s, db, nil
}

// nopCloser is the memory store's io.Closer: nothing to release.
type nopCloser struct{}

func (nopCloser) Close() error { return nil }
