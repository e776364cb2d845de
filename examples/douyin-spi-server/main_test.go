package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func noEnv(string) string { return "" }

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDemoRunsAgainstItself(t *testing.T) {
	var out, logs bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-demo"}, noEnv, &out, &logs))
	want := []string{
		"commit DY-DEMO-1: 2 x KING-ROOM, 2 nights, 1760.00 yuan -> order_ext_id H000001 (rooms left 3)",
		"commit DY-DEMO-1 again -> same order_ext_id H000001 (rooms left 3)",
		"payment of DY-DEMO-1 -> status 0 (confirmed)",
		"commit DY-DEMO-2: 4 x KING-ROOM, 3520.00 yuan -> refused: error_code 40001 (sold out)",
		"commit DY-DEMO-3: 2 x KING-ROOM, 1.00 yuan -> refused: error_code 40002 (price changed: total is 1760.00 yuan)",
		"unsigned cancel of DY-DEMO-1 -> HTTP 401, refused",
		"cancel DY-DEMO-1 -> accepted (rooms left 5)",
	}
	assert.Equal(t, strings.Join(want, "\n")+"\n", out.String())
	assert.Contains(t, logs.String(), "using the douyintest sandbox credentials")
	assert.Contains(t, logs.String(), "shutting down")
	// Each call's log line carries the error_code replied (through the
	// ledger, it said error_code=0 for the refusals).
	for _, line := range []string{
		`error_code=0 duration=\S+ order_id=DY-DEMO-1 `,
		`level=WARN msg="douyin spi" op=spi.commit_order \S+ status=200 error_code=40001 duration=\S+ order_id=DY-DEMO-2 `,
		`level=WARN msg="douyin spi" op=spi.commit_order \S+ status=200 error_code=40002 duration=\S+ order_id=DY-DEMO-3 `,
	} {
		assert.Regexp(t, line, logs.String())
	}
	for _, personal := range []string{"13800138000", "张三", douyintest.DefaultClientSecret} {
		assert.NotContains(t, logs.String(), personal)
	}
}

// slowSPI blocks commits until release is closed, to test shutdown with a
// call in flight.
type slowSPI struct {
	*hotel
	started chan struct{}
	release chan struct{}
}

func (s *slowSPI) CommitOrder(ctx context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	close(s.started)
	<-s.release
	return s.hotel.CommitOrder(ctx, req)
}

func testCommit(orderID string) *spi.CommitOrderRequest {
	in := douyin.NewDate(2030, time.January, 1)
	return &spi.CommitOrderRequest{
		OrderID: orderID, SPUExtID: "TWIN-ROOM", ReserveAmount: 1, CheckIn: in, CheckOut: in.AddDays(1),
		TotalPrice: douyin.Yuan(399), CustomerPhone: "13800138000",
	}
}

func TestGracefulShutdownFinishesInFlightCalls(t *testing.T) {
	cfg := config{Prefix: "/douyin", ClientKey: "ck", ClientSecret: "cs", ShutdownTimeout: 5 * time.Second}
	impl := &slowSPI{hotel: newHotel(demoRooms()), started: make(chan struct{}), release: make(chan struct{})}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux, err := newMux(cfg, impl, ledger.NewMemoryStore(), logger)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- serve(ctx, ln, mux, cfg.ShutdownTimeout, logger) }()

	c, err := douyintest.NewSPIClient("http://"+ln.Addr().String()+"/douyin", "ck", "cs")
	require.NoError(t, err)
	type result struct {
		reply *douyintest.CommitOrderReply
		err   error
	}
	inflight := make(chan result, 1)
	go func() {
		r, err := c.CommitOrder(context.Background(), testCommit("DY-1"))
		inflight <- result{r, err}
	}()
	<-impl.started
	stop() // SIGINT arrives while the commit is being handled
	select {
	case err := <-served:
		t.Fatalf("serve returned before the in-flight call finished: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(impl.release)
	got := <-inflight
	require.NoError(t, got.err)
	assert.Equal(t, "H000001", got.reply.Data.OrderExtID)
	require.NoError(t, <-served)

	_, err = net.DialTimeout("tcp", ln.Addr().String(), time.Second)
	assert.Error(t, err, "the listener is closed after shutdown")
}

func TestServeReturnsListenerErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	require.NoError(t, ln.Close())
	err = serve(context.Background(), ln, http.NotFoundHandler(), time.Second, slog.New(slog.NewTextHandler(io.Discard, nil)))
	assert.Error(t, err)
}

func TestMuxChecksSignaturesAndServesHealth(t *testing.T) {
	cfg := config{Prefix: "/douyin", ClientKey: "ck", ClientSecret: "cs", ShutdownTimeout: time.Second}
	mux, err := newMux(cfg, newHotel(demoRooms()), ledger.NewMemoryStore(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "ok\n", rec.Body.String())

	body := `{"order_id":"DY1","order_status":0}`
	unsigned := httptest.NewRequest(http.MethodPost, "/douyin"+spi.OpCancelOrder.Path(), strings.NewReader(body))
	unsigned.Header.Set("Content-Type", "application/json")
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, unsigned)
	assert.Equal(t, http.StatusUnauthorized, rec.Code)

	wrongKey, err := douyintest.NewSPIRequest("/douyin"+spi.OpCancelOrder.Path(), "ck", "other-secret", []byte(body), time.Now())
	require.NoError(t, err)
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, wrongKey)
	assert.Equal(t, http.StatusUnauthorized, rec.Code)

	signed, err := douyintest.NewSPIRequest("/douyin"+spi.OpCancelOrder.Path(), "ck", "cs", []byte(body), time.Now())
	require.NoError(t, err)
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, signed)
	assert.Equal(t, http.StatusOK, rec.Code) // the SPI answered: unknown order, as a business error
	assert.JSONEq(t, `{"error_code":40404,"description":"unknown order"}`, string(dataOf(t, rec.Body.Bytes())))
}

func dataOf(t *testing.T, b []byte) []byte {
	t.Helper()
	var v struct {
		Data json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal(b, &v))
	return v.Data
}

func TestFlatReplies(t *testing.T) {
	cfg := config{Prefix: "", ClientKey: "ck", ClientSecret: "cs", Flat: true, ShutdownTimeout: time.Second}
	mux, err := newMux(cfg, newHotel(demoRooms()), ledger.NewMemoryStore(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c, err := douyintest.NewSPIClient(srv.URL, "ck", "cs")
	require.NoError(t, err)
	got, err := c.CommitOrder(context.Background(), testCommit("DY-9"))
	require.NoError(t, err)
	assert.Equal(t, "H000001", got.Data.OrderExtID)
	assert.Equal(t, douyin.Extra{}, got.Extra, "the flat form has no extra")
}

func TestHotel(t *testing.T) {
	ctx := context.Background()
	h := newHotel(demoRooms())
	var se *spi.Error

	bad := testCommit("DY-X")
	bad.SPUExtID = "SUITE"
	_, err := h.CommitOrder(ctx, bad)
	require.ErrorAs(t, err, &se)
	assert.Equal(t, codeUnknownRoom, se.Code)

	_, err = h.NotifyPayment(ctx, &spi.NotifyPaymentRequest{OrderID: "nope", Status: douyin.PayStatusPaid})
	require.ErrorAs(t, err, &se)
	assert.Equal(t, codeUnknownOrder, se.Code)
	_, err = h.CancelOrder(ctx, &spi.CancelOrderRequest{OrderID: "nope"})
	require.ErrorAs(t, err, &se)
	assert.Equal(t, codeUnknownOrder, se.Code)

	r, err := h.CommitOrder(ctx, testCommit("DY-1"))
	require.NoError(t, err)
	assert.Equal(t, int64(2), h.roomsLeft("TWIN-ROOM"))
	for i := 0; i < 2; i++ { // cancelling twice releases the room once
		c, err := h.CancelOrder(ctx, &spi.CancelOrderRequest{OrderID: "DY-1", OrderExtID: r.OrderExtID})
		require.NoError(t, err)
		assert.Equal(t, douyin.ConfirmStatusConfirmed, c.Status)
	}
	assert.Equal(t, int64(3), h.roomsLeft("TWIN-ROOM"))
	p, err := h.NotifyPayment(ctx, &spi.NotifyPaymentRequest{OrderID: "DY-1", Status: douyin.PayStatusPaid})
	require.NoError(t, err)
	assert.Equal(t, douyin.ConfirmStatusSoldOut, p.Status, "a cancelled order is not confirmed")
	assert.Equal(t, int64(0), h.roomsLeft("SUITE"))
}

func TestParseConfig(t *testing.T) {
	cfg, err := parseConfig(nil, envOf(map[string]string{"DOUYIN_CLIENT_KEY": "k", "DOUYIN_CLIENT_SECRET": "s", "DOUYIN_SPI_ADDR": ":9000"}), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, config{Addr: ":9000", Prefix: "/douyin", ClientKey: "k", ClientSecret: "s", ShutdownTimeout: 10 * time.Second}, cfg)

	cfg, err = parseConfig([]string{"-addr", "127.0.0.1:1", "-prefix", "/x/y", "-flat", "-shutdown-timeout", "2s"},
		envOf(map[string]string{"DOUYIN_CLIENT_KEY": "k", "DOUYIN_CLIENT_SECRET": "s"}), io.Discard)
	require.NoError(t, err)
	assert.Equal(t, config{Addr: "127.0.0.1:1", Prefix: "/x/y", Flat: true, ShutdownTimeout: 2 * time.Second,
		ClientKey: "k", ClientSecret: "s"}, cfg)

	// Only the demo falls back to the sandbox's public credentials, on
	// loopback (issue 10 §9b).
	cfg, err = parseConfig([]string{"-demo"}, noEnv, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, config{Addr: "127.0.0.1:0", Prefix: "/douyin", Demo: true, ShutdownTimeout: 10 * time.Second,
		ClientKey: douyintest.DefaultClientKey, ClientSecret: douyintest.DefaultClientSecret}, cfg)
	_, err = parseConfig(nil, noEnv, io.Discard)
	require.ErrorContains(t, err, "DOUYIN_CLIENT_KEY and DOUYIN_CLIENT_SECRET are required")
	_, err = parseConfig([]string{"-addr", ":9999"}, noEnv, io.Discard)
	require.ErrorContains(t, err, "-demo")

	for name, tc := range map[string]struct {
		args []string
		env  map[string]string
	}{
		"no credentials":  {nil, nil},
		"key only":        {nil, map[string]string{"DOUYIN_CLIENT_KEY": "k"}},
		"demo key only":   {[]string{"-demo"}, map[string]string{"DOUYIN_CLIENT_KEY": "k"}},
		"secret only":     {nil, map[string]string{"DOUYIN_CLIENT_SECRET": "s"}},
		"relative prefix": {[]string{"-prefix", "douyin"}, nil},
		"trailing slash":  {[]string{"-prefix", "/douyin/"}, nil},
		"zero timeout":    {[]string{"-shutdown-timeout", "0s"}, nil},
		"unknown flag":    {[]string{"-nope"}, nil},
		"extra argument":  {[]string{"serve"}, nil},
	} {
		_, err := parseConfig(tc.args, envOf(tc.env), io.Discard)
		assert.Error(t, err, name)
	}
	_, err = parseConfig([]string{"-h"}, noEnv, io.Discard)
	assert.True(t, errors.Is(err, flag.ErrHelp))
}

// Without credentials and without -demo, the server does not start: it
// never serves with the sandbox's public key and secret (issue 10 §9b).
func TestRunRefusesToStartWithoutCredentials(t *testing.T) {
	var logs syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second) // a server that starts would block
	defer cancel()
	err := run(ctx, []string{"-addr", "127.0.0.1:0"}, noEnv, io.Discard, &logs)
	require.ErrorContains(t, err, "DOUYIN_CLIENT_KEY and DOUYIN_CLIENT_SECRET are required")
	assert.NotContains(t, logs.String(), "serving Douyin SPI")
}

func TestRunFailsOnBadAddress(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "256.0.0.1:99999"}, noEnv, io.Discard, io.Discard)
	assert.Error(t, err)
	err = run(context.Background(), []string{"-prefix", "x"}, noEnv, io.Discard, io.Discard)
	assert.Error(t, err)
}

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0"},
			envOf(map[string]string{"DOUYIN_CLIENT_KEY": "k", "DOUYIN_CLIENT_SECRET": "s"}), io.Discard, &logs)
	}()
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "serving Douyin SPI") },
		5*time.Second, 5*time.Millisecond)
	cancel()
	require.NoError(t, <-done)
	assert.NotContains(t, logs.String(), "sandbox credentials")
}

// syncBuffer is a bytes.Buffer safe for the logger's and the test's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// failingSPI fails commits with a plain error, and panics on payments.
type failingSPI struct{ *hotel }

func (failingSPI) CommitOrder(context.Context, *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	return nil, errors.New("database unavailable")
}

func (failingSPI) NotifyPayment(context.Context, *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	panic("guest 13800138000")
}

func TestImplementationFailuresAreLoggedSafely(t *testing.T) {
	var logs syncBuffer
	cfg := config{Prefix: "/douyin", ClientKey: "ck", ClientSecret: "cs", ShutdownTimeout: time.Second}
	mux, err := newMux(cfg, failingSPI{newHotel(demoRooms())}, ledger.NewMemoryStore(), slog.New(slog.NewTextHandler(&logs, nil)))
	require.NoError(t, err)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c, err := douyintest.NewSPIClient(srv.URL+"/douyin", "ck", "cs", douyintest.WithSPIRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1}))
	require.NoError(t, err)

	_, err = c.CommitOrder(context.Background(), testCommit("DY-1"))
	var ae *douyin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusInternalServerError, ae.HTTPStatus)
	assert.Equal(t, douyin.CodeUnknownError, ae.ErrorCode)
	_, err = c.NotifyPayment(context.Background(), &spi.NotifyPaymentRequest{OrderID: "DY-1", Status: douyin.PayStatusPaid})
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "internal error", ae.Description)

	assert.Contains(t, logs.String(), `msg="SPI implementation failed" op=spi.commit_order error="database unavailable"`)
	assert.Contains(t, logs.String(), `msg="SPI implementation panicked" op=spi.notify_payment`)
	assert.NotContains(t, logs.String(), "13800138000")
}

func TestNewMuxRejectsBadCredentials(t *testing.T) {
	_, err := newMux(config{Prefix: "/d"}, newHotel(nil), ledger.NewMemoryStore(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	assert.Error(t, err)
}
