package hotelsdkotel_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	hotelsdkotel "github.com/hotelsdk/hotelsdk-go/contrib/otel"
	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

const spiKey, spiSecret = "otel-test-client-key", "otel-test-client-secret-0123"

type hotel struct{}

func (hotel) CommitOrder(_ context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	return &spi.CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func (hotel) NotifyPayment(context.Context, *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

func (hotel) CancelOrder(context.Context, *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	return &spi.CancelOrderResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

const commitBody = `{"order_id":"DY1","spu_ext_id":"KING-ROOM","status":0,"reserve_amount":1,` +
	`"check_in":"20240301","check_out":"20240303","total_price":88000}`

// A signed commit and an unsigned one through the real SPI handler: one
// SERVER span each, with the status code and Douyin's log id.
func TestMiddlewareServesSPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	handler, err := spi.NewHandler(hotel{}, spi.WithCredentials(spiKey, spiSecret), spi.WithHooks(h.inst.Hooks()))
	require.NoError(t, err)
	srv := h.inst.Middleware(handler)

	req, err := douyintest.NewSPIRequest(spi.OpCommitOrder.Path(), spiKey, spiSecret, []byte(commitBody), time.Now())
	require.NoError(t, err)
	req.Header.Set("X-Bytedance-Logid", "LOGID-1")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code)

	unsigned := httptest.NewRequest(http.MethodPost, spi.OpCommitOrder.Path(), nil)
	unsigned.Header.Set("Content-Type", "application/json")
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, unsigned)
	require.Equal(t, http.StatusUnauthorized, rec.Code)

	var server []map[string]string
	for _, s := range h.spans.Ended() {
		require.Equal(t, trace.SpanKindServer, s.SpanKind())
		require.Equal(t, "douyin.spi spi.commit_order", s.Name(), "named by the handler's verdict")
		require.Len(t, s.Events(), 1)
		require.Equal(t, hotelsdk.EventSPIVerdict, s.Events()[0].Name)
		m := map[string]string{"status": s.Status().Code.String()}
		for k, v := range attrs(s) {
			m[string(k)] = v.String()
		}
		server = append(server, m)
	}
	require.Len(t, server, 2)
	assert.Equal(t, "200", server[0]["http.response.status_code"])
	assert.Equal(t, "LOGID-1", server[0]["hotelsdk.request_id"])
	assert.Equal(t, "POST", server[0]["http.request.method"])
	assert.Equal(t, spi.OpCommitOrder.Path(), server[0]["url.path"])
	assert.Equal(t, "accepted", server[0]["hotelsdk.verdict"])
	assert.Equal(t, "401", server[1]["http.response.status_code"])
	assert.Equal(t, "rejected", server[1]["hotelsdk.verdict"])
	assert.Equal(t, codes.Unset.String(), server[1]["status"], "a refused request is the client's error, not the server's")
	assert.Equal(t, uint64(2), h.histogramCount(hotelsdkotel.MetricServerDuration, platformDouyin))
	assert.Equal(t, uint64(1), h.histogramCount(hotelsdkotel.MetricServerDuration, attribute.Int("http.response.status_code", 401)))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricSPIVerdicts, hotelsdkotel.AttrOperation.String("spi.commit_order"),
		hotelsdkotel.AttrVerdict.String("accepted"), hotelsdkotel.AttrReason.String("ok")))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricSPIVerdicts, hotelsdkotel.AttrVerdict.String("rejected"),
		hotelsdkotel.AttrReason.String("not_signed")))
	assert.Equal(t, uint64(1), h.histogramCount(hotelsdkotel.MetricServerDuration,
		hotelsdkotel.AttrOperation.String("spi.commit_order"), hotelsdkotel.AttrVerdict.String("rejected")))
	h.noSecrets(spiSecret, req.Header.Get("x-life-sign"), "DY1")
}

// Verdict and ledger events sent inside the request name the server span,
// become its events, and are counted; unknown methods and 5xx are bounded
// and marked.
func TestMiddlewareEvents(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	hooks := h.inst.Hooks()
	srv := h.inst.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hooks.OnEvent(r.Context(), hotelsdk.Event{Platform: "douyin", Name: hotelsdk.EventLedgerHit,
			Attrs: []slog.Attr{slog.String("operation", "spi.commit_order"), slog.String("state", "replay"),
				slog.String("order_id", "DY1")}})
		hooks.OnEvent(r.Context(), hotelsdk.Event{Platform: "douyin", Name: hotelsdk.EventSPIVerdict,
			Attrs: []slog.Attr{slog.String("operation", "spi.commit_order"), slog.String("verdict", "accepted"),
				slog.String("reason", "ok"), slog.String("client_secret", "LEAK-1"), slog.String("guest_name", "LEAK-2"),
				slog.Group("contact", slog.String("phone", "LEAK-3"))}})
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("BREW", "/poi/ext/hotel/order/commit", nil))

	span := h.one("douyin.spi spi.commit_order")
	a := attrs(span)
	assert.Equal(t, "spi.commit_order", a[hotelsdkotel.AttrOperation].AsString())
	assert.Equal(t, "accepted", a[hotelsdkotel.AttrVerdict].AsString())
	assert.Equal(t, "_OTHER", a["http.request.method"].AsString())
	assert.Equal(t, codes.Error, span.Status().Code)
	require.Len(t, span.Events(), 2)
	assert.Equal(t, hotelsdk.EventLedgerHit, span.Events()[0].Name)
	assert.Equal(t, hotelsdk.EventSPIVerdict, span.Events()[1].Name)

	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricLedgerHits, hotelsdkotel.AttrState.String("replay"),
		hotelsdkotel.AttrOperation.String("spi.commit_order")))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricSPIVerdicts, hotelsdkotel.AttrVerdict.String("accepted"),
		hotelsdkotel.AttrReason.String("ok")))
	assert.Equal(t, uint64(1), h.histogramCount(hotelsdkotel.MetricServerDuration,
		hotelsdkotel.AttrOperation.String("spi.commit_order"), hotelsdkotel.AttrVerdict.String("accepted")))
	text := h.allText()
	assert.NotContains(t, text, "order_id=", "an order id is no metric label")
	h.noSecrets("LEAK-1", "LEAK-2", "LEAK-3")
}

// A token refresh reported outside any span is still counted, by outcome.
func TestTokenRefreshEvent(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	hooks := h.inst.Hooks()
	hooks.OnEvent(context.Background(), hotelsdk.Event{Platform: "douyin", Name: hotelsdk.EventTokenRefresh})
	hooks.OnEvent(context.Background(), hotelsdk.Event{Platform: "douyin", Name: hotelsdk.EventTokenRefresh,
		Err: &hotelsdk.TransportError{Platform: "douyin", Operation: "oauth.client_token"}})
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricTokenRefreshes, hotelsdkotel.AttrOutcome.String("ok")))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricTokenRefreshes, hotelsdkotel.AttrOutcome.String("transport")))
}

// The real emitters: a commit redelivered to a handler with a ledger is a
// ledger "first" then "replay", each an event of its server span.
func TestLedgerHitsFromTheHandler(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	handler, err := spi.NewHandler(hotel{}, spi.WithCredentials(spiKey, spiSecret), spi.WithHooks(h.inst.Hooks()),
		spi.WithLedger(ledger.NewMemoryStore()))
	require.NoError(t, err)
	srv := h.inst.Middleware(handler)
	for range 2 {
		req, err := douyintest.NewSPIRequest(spi.OpCommitOrder.Path(), spiKey, spiSecret, []byte(commitBody), time.Now())
		require.NoError(t, err)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code)
	}
	op := hotelsdkotel.AttrOperation.String("spi.commit_order")
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricLedgerHits, op, hotelsdkotel.AttrState.String("first")))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricLedgerHits, op, hotelsdkotel.AttrState.String("replay")))
	assert.Equal(t, int64(2), h.counter(hotelsdkotel.MetricSPIVerdicts, op, hotelsdkotel.AttrVerdict.String("accepted")))
	for _, s := range h.ended("douyin.spi spi.commit_order") {
		var names []string
		for _, e := range s.Events() {
			names = append(names, e.Name)
		}
		assert.Equal(t, []string{hotelsdk.EventLedgerHit, hotelsdk.EventSPIVerdict}, names)
	}
	assert.Len(t, h.ended("douyin.spi spi.commit_order"), 2)
	h.noSecrets(spiSecret, "DY1")
}

// douyin's token source reports its fetch, counted by outcome.
func TestTokenRefreshFromTheClient(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	s := douyintest.NewServer()
	t.Cleanup(s.Close)
	c, err := s.NewClient(douyin.WithHooks(h.inst.Hooks()))
	require.NoError(t, err)
	_, err = c.UpdateOrderStatus(context.Background(), statusReq())
	require.NoError(t, err)
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricTokenRefreshes, platformDouyin,
		hotelsdkotel.AttrOutcome.String("fetched")))
	h.noSecrets(douyintest.DefaultClientSecret, s.RequestsTo(douyin.PathOrderStatus)[0].Token)
}

// In report-only mode (spi.WithSignatureReportOnly) a request with a bad
// signature is served: its span and its hotelsdk.spi.verdicts count say
// accepted_unverified, with the failed check as the reason, so the
// requests enforcing would reject are counted apart from the accepted ones.
func TestMiddlewareReportOnlyVerdicts(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	handler, err := spi.NewHandler(hotel{}, spi.WithCredentials(spiKey, spiSecret), spi.WithSignatureReportOnly(),
		spi.WithHooks(h.inst.Hooks()))
	require.NoError(t, err)
	srv := h.inst.Middleware(handler)
	good, err := douyintest.NewSPIRequest(spi.OpCommitOrder.Path(), spiKey, spiSecret, []byte(commitBody), time.Now())
	require.NoError(t, err)
	forged, err := douyintest.NewSPIRequest(spi.OpCommitOrder.Path(), spiKey, "not-the-secret", []byte(commitBody), time.Now())
	require.NoError(t, err)
	for _, r := range []*http.Request{good, forged} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		require.Equal(t, http.StatusOK, rec.Code, "report-only serves both")
	}
	var verdicts []string
	for _, s := range h.ended("douyin.spi spi.commit_order") {
		verdicts = append(verdicts, attrs(s)[hotelsdkotel.AttrVerdict].AsString())
	}
	assert.Equal(t, []string{spi.VerdictAccepted, spi.VerdictAcceptedUnverified}, verdicts)
	op := hotelsdkotel.AttrOperation.String("spi.commit_order")
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricSPIVerdicts, op,
		hotelsdkotel.AttrVerdict.String("accepted"), hotelsdkotel.AttrReason.String("ok")))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricSPIVerdicts, op,
		hotelsdkotel.AttrVerdict.String("accepted_unverified"), hotelsdkotel.AttrReason.String("invalid_signature")))
	assert.Equal(t, uint64(1), h.histogramCount(hotelsdkotel.MetricServerDuration, op,
		hotelsdkotel.AttrVerdict.String("accepted_unverified")))
	h.noSecrets(spiSecret, forged.Header.Get("x-life-sign"), "DY1")
}
