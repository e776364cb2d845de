package redisstore_test

import (
	"context"
	"log"
	"net/http"
	"os"

	"github.com/hotelsdk/hotelsdk-go/contrib/redisstore"
	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/redis/go-redis/v9"
)

// A fleet of SPI servers shares one Redis: the ledger makes each commit
// run once across all instances, and the token store makes the fleet fetch
// one Douyin access token.
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	defer rdb.Close()

	ledgerStore, err := redisstore.NewLedgerStore(rdb)
	if err != nil {
		log.Fatal(err)
	}
	var svc spi.Service // your implementation
	handler, err := spi.NewHandler(svc,
		spi.WithCredentials(os.Getenv("DOUYIN_CLIENT_KEY"), os.Getenv("DOUYIN_CLIENT_SECRET")),
		spi.WithLedger(ledgerStore, ledger.WithAbandonedHook(func(ctx context.Context, a ledger.Abandoned) ledger.Action {
			// A call was interrupted mid-booking: look the booking up in your
			// system, then let the Service run again (it sees
			// ledger.AbandonedFrom(ctx)) or refuse.
			return ledger.ActionRerun
		})))
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/douyin/", handler)

	tokens, err := redisstore.NewTokenStore(rdb)
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
}
