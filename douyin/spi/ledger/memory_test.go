package ledger_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger/ledgertest"
)

func TestMemoryStore(t *testing.T) {
	t.Parallel()
	ledgertest.TestStore(t, func(*testing.T) ledger.Store { return ledger.NewMemoryStore() })
}

func TestMemoryStoreZeroValue(t *testing.T) {
	t.Parallel()
	ledgertest.TestStore(t, func(*testing.T) ledger.Store { return &ledger.MemoryStore{} })
}
