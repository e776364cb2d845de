package hotelsupply_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// BenchmarkSoakGoodsBuy (issue 12 §5): the live heap after b.N GoodsBuy
// calls (session login once, then the wiki's answer decoded every time) is
// the heap before them: nothing the client keeps grows with the number of
// calls. Run it as a soak of 100k calls:
//
//	go test -run '^$' -bench 'Soak' -benchtime 100000x ./hotelsupply
func BenchmarkSoakGoodsBuy(b *testing.B) {
	answer, err := os.ReadFile("testdata/goodsbuy_example.json")
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/html; charset=UTF-8") // as PHP labels JSON
		if r.URL.Query().Get("route") == hotelsupply.RouteLogin {
			http.SetCookie(w, &http.Cookie{Name: "PHPSESSID", Value: "soak", Path: "/"})
			_, _ = io.WriteString(w, `{"result":1,"msg":"登录成功","data":{"status":1}}`)
			return
		}
		_, _ = w.Write(answer)
	}))
	defer srv.Close()
	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL(srv.URL), hotelsupply.WithHTTPClient(srv.Client()),
		hotelsupply.WithUniacid(6), hotelsupply.WithCredentials("13800000000", "soak-password"))
	if err != nil {
		b.Fatal(err)
	}
	req := &hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 2, DatePrices: []hotelsupply.DatePrice{
		{Date: hotelsupply.NewDate(2020, 3, 19), Price: hotelsupply.MustMoney("100")},
		{Date: hotelsupply.NewDate(2020, 3, 20), Price: hotelsupply.MustMoney("50")},
	}}
	soak(b, func() error {
		_, err := c.GoodsBuy(context.Background(), req)
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
