package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// Migrations holds the schema, the files migrations/NNN_*.sql (001_init.sql,
// 002_token_fetch_backoff.sql), for migration tools that read an fs.FS.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Migrate applies every file of migrations/ to db, in name order
// (001_init.sql, then 002_token_fetch_backoff.sql). Every statement is
// idempotent (CREATE … IF NOT EXISTS) and no version is recorded, so calling
// it at each start-up is safe, and so is calling it on a database that an
// earlier version migrated: what exists is kept, what is missing is
// created. It needs the right to create tables.
func Migrate(ctx context.Context, db *sql.DB) error {
	if db == nil {
		return errors.New("sqlstore: Migrate: nil *sql.DB")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	names, err := fs.Glob(Migrations, "migrations/*.sql") // sorted by name
	if err != nil {
		return fmt.Errorf("sqlstore: Migrate: %w", err)
	}
	for _, name := range names {
		b, err := Migrations.ReadFile(name)
		if err != nil {
			return fmt.Errorf("sqlstore: Migrate: %w", err)
		}
		if _, err := db.ExecContext(ctx, string(b)); err != nil {
			return fmt.Errorf("sqlstore: Migrate: %s: %w", path.Base(name), err)
		}
	}
	return nil
}
