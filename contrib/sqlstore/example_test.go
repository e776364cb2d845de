package sqlstore_test

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"os"

	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
)

// A fleet of SPI servers shares one PostgreSQL database: the ledger makes
// each commit run once across all instances, and the token store makes the
// fleet fetch one Douyin access token.
func Example() {
	ctx := context.Background()
	db, err := sql.Open("pgx", os.Getenv("DATABASE_URL")) // import _ "github.com/jackc/pgx/v5/stdlib"
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := sqlstore.Migrate(ctx, db); err != nil { // or apply migrations/001_init.sql yourself
		log.Fatal(err)
	}

	ledgerStore, err := sqlstore.NewLedgerStore(db)
	if err != nil {
		log.Fatal(err)
	}
	var svc spi.Service // your implementation
	handler, err := spi.NewHandler(svc,
		spi.WithCredentials(os.Getenv("DOUYIN_CLIENT_KEY"), os.Getenv("DOUYIN_CLIENT_SECRET")),
		spi.WithLedger(ledgerStore))
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/douyin/", handler)

	tokens, err := sqlstore.NewTokenStore(db)
	if err != nil {
		log.Fatal(err)
	}
	client, err := douyin.NewClient(
		douyin.WithClientCredentials(os.Getenv("DOUYIN_CLIENT_KEY"), os.Getenv("DOUYIN_CLIENT_SECRET")),
		douyin.WithTokenStore(tokens))
	if err != nil {
		log.Fatal(err)
	}
	_ = client // use it for UpdateOrderStatus, SyncOrder, …

	// Once a day or so: delete ledger rows past their retention.
	if _, err := ledgerStore.Purge(ctx); err != nil {
		log.Print(err)
	}
}
