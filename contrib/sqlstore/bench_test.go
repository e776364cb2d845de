package sqlstore_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger/ledgertest"
)

// BenchmarkLedgerPostgres is the ledger's cost per commit on the PostgreSQL
// at HOTELSDK_POSTGRES_DSN (loopback in .ci/test).
func BenchmarkLedgerPostgres(b *testing.B) {
	s, err := sqlstore.NewLedgerStore(openDB(b))
	if err != nil {
		b.Fatal(err)
	}
	ledgertest.Bench(b, s)
}
