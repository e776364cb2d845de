package redisstore_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/redisstore"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger/ledgertest"
)

func TestLedgerStoreContract(t *testing.T) {
	rdb := newRedis(t)
	ledgertest.TestStore(t, func(t *testing.T) ledger.Store {
		s, err := redisstore.NewLedgerStore(rdb)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestNewLedgerStoreMisuse(t *testing.T) {
	if _, err := redisstore.NewLedgerStore(nil); err == nil {
		t.Error("nil client accepted")
	}
	if _, err := redisstore.NewLedgerStore(newRedis(t), redisstore.WithPrefix("a{b")); err == nil {
		t.Error("prefix with a brace accepted")
	}
	var s *redisstore.LedgerStore
	if _, _, err := s.Begin(t.Context(), "k", nil, 1, 1); err == nil {
		t.Error("nil store: no error")
	}
}
