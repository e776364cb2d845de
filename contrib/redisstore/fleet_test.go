package redisstore_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/redisstore"
)

func newLedgerStore(t *testing.T) *redisstore.LedgerStore {
	t.Helper()
	s, err := redisstore.NewLedgerStore(newRedis(t), redisstore.WithPrefix("test-"+randomName()+":"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFleetOnRedisBooksOnce(t *testing.T)      { testFleetExactlyOnce(t, newLedgerStore(t)) }
func TestFleetOnRedisKilledInstance(t *testing.T) { testFleetKilledInstance(t, newLedgerStore(t)) }
