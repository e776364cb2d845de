package spi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/benchcpu"
)

// benchService answers every call at once, so that the benchmarks measure
// the handler.
type benchService struct{}

func (benchService) CommitOrder(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
	return &CommitOrderResult{OrderExtID: "H-1"}, nil
}

func (benchService) NotifyPayment(context.Context, *NotifyPaymentRequest) (*NotifyPaymentResult, error) {
	return &NotifyPaymentResult{}, nil
}

func (benchService) CancelOrder(context.Context, *CancelOrderRequest) (*CancelOrderResult, error) {
	return &CancelOrderResult{}, nil
}

// benchServe serves a signed commit to h b.N times, in memory (no
// network): the same request, its body rewound every time.
func benchServe(b *testing.B, h http.Handler) {
	b.Helper()
	body := []byte(sampleCommitJSON)
	r, err := newSignedRequest(OpCommitOrder.Path(), spiTestKey, spiTestSecret, body, spiHandlerNow)
	if err != nil {
		b.Fatal(err)
	}
	r.Header.Set("X-Bytedance-Logid", "DYLOG1")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu := benchcpu.Start(b)
	for i := 0; i < b.N; i++ {
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			b.Fatalf("HTTP %d: %s", rec.Code, rec.Body.String())
		}
	}
	cpu.Report()
}

// BenchmarkCommit is issue 12 §3, the pair run side by side:
//
//   - handler=sdk is the whole handler on a commit: header checks, body
//     read, x-life-sign, decoding, shape check, Validate, the Service and
//     the wrapped reply;
//
//   - handler=bare is the floor: a handler that only reads the same body
//     within the same limit, decodes it, calls the same Service and writes
//     the same reply, with no checks at all.
//
//     go test -run '^$' -bench Commit -benchmem -count 8 ./douyin/spi > spi.txt
//     benchstat -col /handler spi.txt
func BenchmarkCommit(b *testing.B) {
	b.Run("handler=bare", func(b *testing.B) { benchServe(b, bareCommitHandler()) })
	b.Run("handler=sdk", func(b *testing.B) {
		h, err := NewHandler(benchService{}, WithCredentials(spiTestKey, spiTestSecret), WithClock(func() time.Time { return spiHandlerNow }))
		if err != nil {
			b.Fatal(err)
		}
		benchServe(b, h)
	})
}

func bareCommitHandler() http.Handler {
	svc := benchService{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, defaultMaxBodyBytes))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var req CommitOrderRequest
		if err := json.Unmarshal(body, &req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		res, err := svc.CommitOrder(r.Context(), &req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		out, _ := json.Marshal(map[string]any{"data": commitData{OrderExtID: res.OrderExtID}})
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(out)
	})
}
