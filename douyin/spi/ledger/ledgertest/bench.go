package ledgertest

import (
	"context"
	"strconv"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
)

// Bench measures the ledger's cost per commit over s, as two
// sub-benchmarks: "first" claims a new key, runs a no-op callback and
// records its reply (what every new order pays); "replay" answers a
// redelivery from the record. The body and reply are the size of a real
// commit and its wrapped reply.
func Bench(b *testing.B, s ledger.Store) {
	b.Helper()
	l, err := ledger.New(s)
	if err != nil {
		b.Fatal(err)
	}
	body := []byte(`{"order_id":"DY1","spu_ext_id":"KING","status":1,"reserve_amount":1,"check_in":"20240301","check_out":"20240302","total_price":35800}`)
	reply := ledger.Reply{Status: 200, Body: []byte(`{"data":{"order_ext_id":"H-1","error_code":0,"description":""},"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"0123456789abcdef","now":1700000000000}}`)}
	run := func(context.Context) (ledger.Reply, error) { return reply, nil }
	prefix := "bench-" + randomPrefix() + "-"
	ctx := context.Background()
	b.Run("first", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			call := &ledger.Call{Operation: "spi.commit_order", OrderID: prefix + "f" + strconv.Itoa(i), Body: body, Run: run}
			if _, err := l.Do(ctx, call); err != nil {
				b.Fatal(err)
			}
		}
	})
	replayed := &ledger.Call{Operation: "spi.commit_order", OrderID: prefix + "r", Body: body, Run: run}
	if _, err := l.Do(ctx, replayed); err != nil {
		b.Fatal(err)
	}
	b.Run("replay", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			res, err := l.Do(ctx, replayed)
			if err != nil || res.Outcome != ledger.OutcomeReplayed {
				b.Fatal(res, err)
			}
		}
	})
}
