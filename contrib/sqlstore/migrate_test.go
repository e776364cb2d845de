package sqlstore_test

import (
	"database/sql"
	"net/url"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
	"github.com/hotelsdk/hotelsdk-go/douyin"
)

// A database migrated by 001_init.sql alone (an earlier sqlstore) gains the
// fetch-backoff table from Migrate, keeps its data, and Migrate stays safe
// to re-run. Each run works in a schema of its own.
func TestMigrateUpgradesADatabaseAt001(t *testing.T) {
	dsn := postgresDSN(t)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })
	schema := "test_" + randomName()
	if _, err := admin.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE") })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	ctx := t.Context()

	v1, err := sqlstore.Migrations.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, string(v1)); err != nil {
		t.Fatal(err)
	}
	s, _ := sqlstore.NewTokenStore(db)
	if err := s.Save(ctx, "k", douyin.Token{AccessToken: "kept"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FetchBackoff(ctx, "k"); err == nil {
		t.Fatal("FetchBackoff on a database at 001 gave no error; the test is not running on the old schema")
	}

	for i := range 2 {
		if err := sqlstore.Migrate(ctx, db); err != nil {
			t.Fatalf("Migrate #%d on a database at 001: %v", i+1, err)
		}
	}
	if tok, err := s.Load(ctx, "k"); err != nil || tok.AccessToken != "kept" {
		t.Fatalf("token after Migrate = %v, %v; want the stored one kept", tok, err)
	}
	want := time.Now().Add(time.Minute).Round(time.Millisecond)
	if err := s.SetFetchBackoff(ctx, "k", want); err != nil {
		t.Fatal(err)
	}
	if until, err := s.FetchBackoff(ctx, "k"); err != nil || !until.Equal(want) {
		t.Fatalf("FetchBackoff after Migrate = %v, %v; want %v", until, err, want)
	}
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1`, schema).Scan(&tables); err != nil || tables != 4 {
		t.Fatalf("tables in the schema = %d, %v; want 4 (001's three and 002's one)", tables, err)
	}
}
