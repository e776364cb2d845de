package transport

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/benchcpu"
)

// The benchmarks compare one signed, enveloped round trip through the
// transport with the same work written by hand on net/http and
// encoding/json, on the same httptest server. The hand-written call is the
// floor. The server counts the TCP connections it accepts
// (http.Server.ConnState): new-conns is how many each sub-benchmark's last
// run opened, after the warm-up runs filled the pool. Run, and compare the
// pair with benchstat:
//
//	go test -run '^$' -bench RoundTrip -benchmem -count 8 ./internal/transport/ > rt.txt
//	benchstat -col /impl rt.txt

type benchPayload struct {
	OrderID string `json:"order_id"`
	Status  int    `json:"status"`
	Remark  string `json:"remark"`
}

type benchResult struct {
	OrderID string `json:"order_id"`
	Amount  int64  `json:"amount"`
}

const benchSecret = "bench-secret"

func benchSign(body []byte, nonce string) string {
	h := sha256.New()
	h.Write([]byte(benchSecret + "&nonce=" + nonce + "&http_body="))
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

func benchServer(b *testing.B) (*httptest.Server, *atomic.Int64) {
	b.Helper()
	reply := []byte(`{"code":0,"message":"","data":{"order_id":"DY123456789","amount":44000}}`)
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("X-Sign") != benchSign(body, r.Header.Get("X-Nonce")) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(reply)
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	b.Cleanup(srv.Close)
	return srv, &conns
}

var benchNonce atomic.Int64

func transportCall(c *Client) error {
	var out benchResult
	err := c.Do(context.Background(), &Request{
		Operation:  "bench",
		Method:     http.MethodPost,
		Path:       "/order",
		JSON:       benchPayload{OrderID: "DY123456789", Status: 1, Remark: "late arrival"},
		Idempotent: true,
		Sign: func(_ context.Context, a *Attempt) error {
			nonce := strconv.FormatInt(benchNonce.Add(1), 10)
			a.Header.Set("X-Nonce", nonce)
			a.Header.Set("X-Sign", benchSign(a.Body, nonce))
			return nil
		},
		// The same decoding as handCall's, so that the pair differs only
		// in what the transport adds around the call.
		Decode: func(r *Response) error {
			var env struct {
				Code int         `json:"code"`
				Data benchResult `json:"data"`
			}
			if err := json.Unmarshal(r.Body, &env); err != nil {
				return r.DecodeError(err)
			}
			if env.Code != 0 {
				return fmt.Errorf("code %d", env.Code)
			}
			out = env.Data
			return nil
		},
	})
	if err == nil && out.Amount != 44000 {
		err = fmt.Errorf("bad result %+v", out)
	}
	return err
}

func handCall(hc *http.Client, url string) error {
	body, err := json.Marshal(benchPayload{OrderID: "DY123456789", Status: 1, Remark: "late arrival"})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url+"/order", bytes.NewReader(body))
	if err != nil {
		return err
	}
	nonce := strconv.FormatInt(benchNonce.Add(1), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Nonce", nonce)
	req.Header.Set("X-Sign", benchSign(body, nonce))
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, DefaultMaxBodyBytes))
	if err != nil {
		return err
	}
	var env struct {
		Code int         `json:"code"`
		Data benchResult `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return err
	}
	if env.Code != 0 || env.Data.Amount != 44000 {
		return fmt.Errorf("bad result %+v", env)
	}
	return nil
}

// BenchmarkRoundTrip is issue 12 §2: the transport against the hand-written
// floor, serial and at 64 goroutines, each with its own connection pool
// (DefaultHTTPTransport) on the same loopback server.
func BenchmarkRoundTrip(b *testing.B) {
	srv, conns := benchServer(b)
	c, err := New(Config{BaseURL: srv.URL, RoundTripper: hotelsdk.DefaultHTTPTransport()})
	if err != nil {
		b.Fatal(err)
	}
	hc := &http.Client{Transport: hotelsdk.DefaultHTTPTransport()}
	impls := []struct {
		name string
		call func() error
	}{
		{"handwritten", func() error { return handCall(hc, srv.URL) }},
		{"transport", func() error { return transportCall(c) }},
	}
	for _, mode := range []string{"serial", "64-goroutines"} {
		for _, impl := range impls {
			b.Run("mode="+mode+"/impl="+impl.name, func(b *testing.B) {
				b.ReportAllocs()
				before := conns.Load()
				cpu := benchcpu.Start(b)
				if mode == "serial" {
					for b.Loop() {
						if err := impl.call(); err != nil {
							b.Fatal(err)
						}
					}
				} else {
					// 64 goroutines whatever GOMAXPROCS is.
					b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
					b.RunParallel(func(pb *testing.PB) {
						for pb.Next() {
							if err := impl.call(); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				cpu.Report()
				b.ReportMetric(float64(conns.Load()-before), "new-conns")
			})
		}
	}
}
