package invoice_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/internal/benchcpu"
	"github.com/hotelsdk/hotelsdk-go/invoice"
)

// BenchmarkAddOrdersLines (issue 12 §4): AddOrders with 1, 10, 100 and
// 1000 orders of one lodging line each, from validation to the decoded
// answer, on a loopback httptest server that reads the whole body. ns/line
// and B/line are the cost per order; the marginal cost of an order,
// (cost(n) - cost(1)) / (n - 1), must stay flat as n grows:
//
//	go test -run '^$' -bench 'AddOrdersLines' -benchmem -count 6 ./invoice
func BenchmarkAddOrdersLines(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"code":0,"data":"B20300101001"}`)
	}))
	defer srv.Close()
	c, err := invoice.NewClient(invoice.WithBaseURL(srv.URL), invoice.WithHTTPClient(srv.Client()),
		invoice.WithApp("12345678", "app-secret"), invoice.WithUserID("1001"))
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 10, 100, 1000} {
		req := &invoice.AddOrdersRequest{StoreID: 100021}
		for i := range n {
			req.OrderList = append(req.OrderList, invoice.Order{
				ErpOrderNo: fmt.Sprintf("erp-%06d", i),
				OrderPrice: invoice.AmountFromFen(2480),
				Items: []invoice.OrderItem{{
					Identifier: invoice.IdentifierLodging,
					Quantity:   invoice.QuantityFromInt(2),
					UnitPrice:  invoice.MustAmount("12.4"),
					TotalPrice: invoice.MustAmount("24.8"),
				}},
			})
		}
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			perLine(b, n, func() error {
				_, err := c.AddOrders(context.Background(), req)
				return err
			})
		})
	}
}

// perLine runs call b.N times and reports time and allocated bytes per line.
func perLine(b *testing.B, lines int, call func() error) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	cpu0, cpuOK := benchcpu.Process()
	for b.Loop() {
		if err := call(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	cpu1, _ := benchcpu.Process()
	runtime.ReadMemStats(&after)
	calls := float64(b.N) * float64(lines)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/calls, "ns/line")
	if cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/calls, "cpu-ns/line")
	}
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/calls, "B/line")
}

// BenchmarkSoakAddOrders (issue 12 §5): the heap after b.N calls is the
// heap before them (after a warm-up and a GC each time): nothing the client
// keeps grows with the number of calls. Run it as a soak of 100k calls:
//
//	go test -run '^$' -bench 'Soak' -benchtime 100000x ./invoice
func BenchmarkSoakAddOrders(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"code":0,"data":"B20300101001"}`)
	}))
	defer srv.Close()
	c, err := invoice.NewClient(invoice.WithBaseURL(srv.URL), invoice.WithHTTPClient(srv.Client()),
		invoice.WithApp("12345678", "app-secret"), invoice.WithUserID("1001"))
	if err != nil {
		b.Fatal(err)
	}
	req := &invoice.AddOrdersRequest{StoreID: 100021, OrderList: []invoice.Order{{
		ErpOrderNo: "erp-1", OrderPrice: invoice.AmountFromFen(2480),
		Items: []invoice.OrderItem{{Identifier: invoice.IdentifierLodging, TotalPrice: invoice.MustAmount("24.8")}},
	}}}
	soak(b, func() error {
		_, err := c.AddOrders(context.Background(), req)
		return err
	})
}

// soak reports the growth of the live heap and of the goroutine count over
// b.N calls; with 10k calls or more, a live heap grown by more than 256 KiB
// (2.6 bytes a call at 100k) fails the benchmark.
func soak(b *testing.B, call func() error) {
	b.ReportAllocs()
	for range 1000 { // warm-up: connections, caches, pools
		if err := call(); err != nil {
			b.Fatal(err)
		}
	}
	heap := func() (uint64, int) {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc, runtime.NumGoroutine()
	}
	h0, g0 := heap()
	b.ResetTimer()
	for b.Loop() {
		if err := call(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	h1, g1 := heap()
	growth := int64(h1) - int64(h0)
	b.ReportMetric(float64(growth), "heap-growth-B")
	b.ReportMetric(float64(g1-g0), "goroutine-growth")
	if b.N >= 10000 && (growth > 256<<10 || g1 > g0) {
		b.Errorf("after %d calls the live heap grew by %d bytes (%d to %d) and goroutines from %d to %d", b.N, growth, h0, h1, g0, g1)
	}
}
