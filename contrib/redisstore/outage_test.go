package redisstore_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/redisstore"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/redis/go-redis/v9"
)

// The ledger on Redis behind a proxy: Redis goes away mid-test and comes
// back with its data (see testOutage).
func TestLedgerFailsClosedDuringARedisOutage(t *testing.T) {
	opt, err := redis.ParseURL(redisURL(t))
	if err != nil {
		t.Fatal(err)
	}
	p := newProxy(t, opt.Addr)
	opt.Addr = p.Addr()
	opt.MaxRetries = -1 // fail fast: the ledger, not go-redis, decides
	rdb := redis.NewClient(opt)
	t.Cleanup(func() { _ = rdb.Close() })
	s, err := redisstore.NewLedgerStore(rdb, redisstore.WithPrefix("test-"+randomName()+":"))
	if err != nil {
		t.Fatal(err)
	}
	testOutage(t, func() ledger.Store { return s }, p)
}
