package sqlstore_test

import (
	"net/url"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
)

// The ledger on PostgreSQL behind a proxy: the database goes away mid-test
// and comes back with its data (see testOutage).
func TestLedgerFailsClosedDuringAPostgresOutage(t *testing.T) {
	u, err := url.Parse(postgresDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	openDB(t) // the schema, through a direct connection
	p := newProxy(t, u.Host)
	u.Host = p.Addr()
	q := u.Query()
	q.Set("connect_timeout", "2")
	u.RawQuery = q.Encode()
	db := openDBAt(t, u.String())
	s, err := sqlstore.NewLedgerStore(db)
	if err != nil {
		t.Fatal(err)
	}
	testOutage(t, func() ledger.Store { return s }, p)
}
