package redisstore_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/redisstore"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger/ledgertest"
)

// BenchmarkLedgerRedis is the ledger's cost per commit on the Redis at
// HOTELSDK_REDIS_URL (loopback in .ci/test).
func BenchmarkLedgerRedis(b *testing.B) {
	s, err := redisstore.NewLedgerStore(newRedis(b), redisstore.WithPrefix("bench:"))
	if err != nil {
		b.Fatal(err)
	}
	ledgertest.Bench(b, s)
}
