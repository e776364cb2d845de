package sqlstore_test

import (
	"database/sql"
	"os"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// postgresDSN returns the test database from HOTELSDK_POSTGRES_DSN. A test
// that needs PostgreSQL fails when it is not set, unless
// HOTELSDK_NO_POSTGRES=1 says it is deliberately absent (then it skips).
func postgresDSN(t testing.TB) string {
	t.Helper()
	if os.Getenv("HOTELSDK_NO_POSTGRES") == "1" {
		t.Skip("HOTELSDK_NO_POSTGRES=1: skipping a test that needs PostgreSQL")
	}
	dsn := os.Getenv("HOTELSDK_POSTGRES_DSN")
	if dsn == "" {
		t.Fatal("HOTELSDK_POSTGRES_DSN is not set: run the tests through `bash .ci/test`, which starts PostgreSQL, " +
			"or point it at a disposable database, or set HOTELSDK_NO_POSTGRES=1 to skip")
	}
	return dsn
}

// openDB opens the test database with the schema applied.
func openDB(t testing.TB) *sql.DB {
	t.Helper()
	return openDBAt(t, postgresDSN(t))
}

func openDBAt(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := sqlstore.Migrate(t.Context(), db); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return db
}
