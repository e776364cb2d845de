package ledger_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger/ledgertest"
)

// BenchmarkLedgerMemory is the ledger's cost per commit with the in-memory
// store (contrib/redisstore and contrib/sqlstore run the same on real
// servers).
func BenchmarkLedgerMemory(b *testing.B) { ledgertest.Bench(b, ledger.NewMemoryStore()) }
