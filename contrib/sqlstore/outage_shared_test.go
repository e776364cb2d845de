package sqlstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
)

// testOutage runs bookings through a ledger over newStore's store while the
// proxy in front of its server goes down and up: calls fail closed with a
// *ledger.StoreError, no order is booked twice, and calls recover.
func testOutage(t *testing.T, newStore func() ledger.Store, p *proxy) {
	t.Helper()
	run0 := randomName() // order ids unique to this run: the server may be reused
	var mu sync.Mutex
	booked := map[string]int{}
	book := func(order string) func(context.Context) (ledger.Reply, error) {
		return func(context.Context) (ledger.Reply, error) {
			mu.Lock()
			defer mu.Unlock()
			booked[order]++
			return ledger.Reply{Status: 200, Body: []byte(`{"order_ext_id":"H-` + order + `"}`)}, nil
		}
	}
	l, err := ledger.New(newStore(), ledger.WithLease(300*time.Millisecond), ledger.WithWait(0))
	if err != nil {
		t.Fatal(err)
	}
	do := func(order string, run func(context.Context) (ledger.Reply, error)) (ledger.Result, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return l.Do(ctx, &ledger.Call{Operation: "commit", OrderID: run0 + order, Body: []byte(order), Run: run})
	}
	if _, err := do("A", book("A")); err != nil {
		t.Fatal(err)
	}

	// C's callback is running when the store goes away.
	inC, outC := make(chan struct{}), make(chan struct{})
	cDone := make(chan ledger.Result, 1)
	go func() {
		res, err := do("C", func(ctx context.Context) (ledger.Reply, error) {
			close(inC)
			<-outC
			return book("C")(ctx)
		})
		if err != nil {
			t.Errorf("C: %v", err)
		}
		cDone <- res
	}()
	<-inC
	p.Down()
	close(outC)
	if res := <-cDone; res.Recorded || res.Reply.Status != 200 {
		t.Errorf("C during the outage = %+v; want its reply, unrecorded", res)
	}
	for _, order := range []string{"A", "B", "C"} {
		_, err := do(order, book(order))
		var se *ledger.StoreError
		if !errors.As(err, &se) {
			t.Fatalf("%s during the outage: %v; want *ledger.StoreError", order, err)
		}
	}

	p.Up()
	time.Sleep(400 * time.Millisecond) // C's lease runs out unrenewed
	var res ledger.Result
	for i := 0; i < 50; i++ { // the client reconnects
		if res, err = do("B", book("B")); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil || res.Outcome != ledger.OutcomeFirst {
		t.Fatalf("B after the outage = %+v, %v", res, err)
	}
	if res, err := do("A", book("A")); err != nil || res.Outcome != ledger.OutcomeReplayed {
		t.Fatalf("A after the outage = %+v, %v; want the replay", res, err)
	}
	var ae *ledger.AbandonedError
	if _, err := do("C", book("C")); !errors.As(err, &ae) {
		t.Fatalf("C after the outage: %v; want *ledger.AbandonedError (never a second booking)", err)
	}
	mu.Lock()
	defer mu.Unlock()
	for order, n := range booked {
		if n != 1 {
			t.Errorf("order %s booked %d times", order, n)
		}
	}
	if len(booked) != 3 {
		t.Errorf("booked %v; want A, B and C once each", booked)
	}
}
