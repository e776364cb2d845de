package sqlstore_test

import (
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
)

func newLedgerStore(t *testing.T) *sqlstore.LedgerStore {
	t.Helper()
	s, err := sqlstore.NewLedgerStore(openDB(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFleetOnPostgresBooksOnce(t *testing.T)      { testFleetExactlyOnce(t, newLedgerStore(t)) }
func TestFleetOnPostgresKilledInstance(t *testing.T) { testFleetKilledInstance(t, newLedgerStore(t)) }
