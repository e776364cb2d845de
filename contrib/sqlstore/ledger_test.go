package sqlstore_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger/ledgertest"
)

func TestLedgerStoreContract(t *testing.T) {
	db := openDB(t)
	ledgertest.TestStore(t, func(t *testing.T) ledger.Store {
		s, err := sqlstore.NewLedgerStore(db)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestMigrateTwiceAndPurge(t *testing.T) {
	db := openDB(t)
	if err := sqlstore.Migrate(t.Context(), db); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	s, _ := sqlstore.NewLedgerStore(db)
	if _, err := db.ExecContext(t.Context(), `INSERT INTO hotelsdk_ledger (key, state, fence, body_hash, started_at, lease_until, expires_at)
VALUES ('purge:test', 'd', 1, '\x00', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP - INTERVAL '1 second')
ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at`); err != nil {
		t.Fatal(err)
	}
	n, err := s.Purge(t.Context())
	if err != nil || n < 1 {
		t.Fatalf("Purge = %d, %v; want the expired row deleted", n, err)
	}
	var left int
	if err := db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM hotelsdk_ledger WHERE key = 'purge:test'`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("left = %d, %v", left, err)
	}
}

func TestNewLedgerStoreMisuse(t *testing.T) {
	if _, err := sqlstore.NewLedgerStore(nil); err == nil {
		t.Error("nil db accepted")
	}
	var s *sqlstore.LedgerStore
	if _, _, err := s.Begin(t.Context(), "k", nil, 1, 1); err == nil {
		t.Error("nil store: no error")
	}
	if err := sqlstore.Migrate(t.Context(), nil); err == nil {
		t.Error("Migrate(nil): no error")
	}
}
