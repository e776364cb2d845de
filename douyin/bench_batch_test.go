package douyin_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/internal/benchcpu"
)

// BenchmarkSyncOrderLines (issue 12 §4): SyncOrder of a hotel order with
// 1, 10, 100 and 1000 nights (date_price lines), from building the
// order_detail to the decoded answer, on a loopback httptest server that
// reads the whole body. ns/line and B/line are the cost per line; the
// marginal cost of a line, (cost(n) - cost(1)) / (n - 1), must stay flat
// as n grows (no quadratic step anywhere on the path):
//
//	go test -run '^$' -bench 'SyncOrderLines' -benchmem -count 6 ./douyin
func BenchmarkSyncOrderLines(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{"order_id":"DY7001","error_code":0,"description":""},`+
			`"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"L1","now":1}}`)
	}))
	defer srv.Close()
	c, err := douyin.NewClient(douyin.WithBaseURL(srv.URL), douyin.WithHTTPClient(srv.Client()),
		douyin.WithTokenSource(douyin.StaticTokenSource(douyin.Token{AccessToken: "clt.bench"})))
	if err != nil {
		b.Fatal(err)
	}
	shop := douyin.ExtShopInfo{ExtShopID: "shop-1"}
	for _, n := range []int{1, 10, 100, 1000} {
		in := douyin.NewDate(2030, 1, 1)
		d := &douyin.HotelOrderDetail{
			OrderExtID: "H-1", SupplierExtID: "hotel-1", SPUExtID: "room-1",
			CheckIn: in, CheckOut: in.AddDays(n), ReserveAmount: 1, TotalPrice: douyin.Fen(44000 * n),
		}
		for i := range n {
			d.DatePrice = append(d.DatePrice, douyin.DatePrice{Date: in.AddDays(i), Price: 44000})
		}
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			perLine(b, n, func() error {
				req, err := douyin.NewHotelSyncOrder(shop, d)
				if err != nil {
					return err
				}
				_, err = c.SyncOrder(context.Background(), req)
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

// BenchmarkSoakSyncOrder (issue 12 §5): the heap after b.N calls is the
// heap before them (after a warm-up and a GC each time): nothing the client
// keeps grows with the number of calls. Run it as a soak of 100k calls:
//
//	go test -run '^$' -bench 'Soak' -benchtime 100000x ./douyin
func BenchmarkSoakSyncOrder(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{"order_id":"DY7001","error_code":0,"description":""},`+
			`"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"L1","now":1}}`)
	}))
	defer srv.Close()
	c, err := douyin.NewClient(douyin.WithBaseURL(srv.URL), douyin.WithHTTPClient(srv.Client()),
		douyin.WithTokenSource(douyin.StaticTokenSource(douyin.Token{AccessToken: "clt.bench"})))
	if err != nil {
		b.Fatal(err)
	}
	in := douyin.NewDate(2030, 1, 1)
	req, err := douyin.NewHotelSyncOrder(douyin.ExtShopInfo{ExtShopID: "shop-1"}, &douyin.HotelOrderDetail{
		OrderExtID: "H-1", SupplierExtID: "hotel-1", SPUExtID: "room-1", CheckIn: in, CheckOut: in.AddDays(2),
		ReserveAmount: 1, TotalPrice: 88000, DatePrice: []douyin.DatePrice{{Date: in, Price: 44000}, {Date: in.AddDays(1), Price: 44000}},
	})
	if err != nil {
		b.Fatal(err)
	}
	soak(b, func() error {
		_, err := c.SyncOrder(context.Background(), req)
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
