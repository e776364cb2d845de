package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
)

// Migrations holds the schema, migrations/001_init.sql, for migration tools
// that read an fs.FS.
//
//go:embed migrations/*.sql
var Migrations embed.FS

// Migrate applies migrations/001_init.sql to db. Every statement is
// idempotent (CREATE … IF NOT EXISTS), so calling it at each start-up is
// safe. It needs the right to create tables.
func Migrate(ctx context.Context, db *sql.DB) error {
	if db == nil {
		return errors.New("sqlstore: Migrate: nil *sql.DB")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	b, err := Migrations.ReadFile("migrations/001_init.sql")
	if err != nil {
		return fmt.Errorf("sqlstore: Migrate: %w", err)
	}
	if _, err := db.ExecContext(ctx, string(b)); err != nil {
		return fmt.Errorf("sqlstore: Migrate: 001_init.sql: %w", err)
	}
	return nil
}
