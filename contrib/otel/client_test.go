package hotelsdkotel_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	hotelsdkotel "github.com/hotelsdk/hotelsdk-go/contrib/otel"
	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

var (
	platformDouyin = hotelsdkotel.AttrPlatform.String("douyin")
	opStatus       = hotelsdkotel.AttrOperation.String("order.status")
	opSync         = hotelsdkotel.AttrOperation.String("order.sync")
)

func statusReq() *douyin.UpdateOrderStatusRequest {
	return &douyin.UpdateOrderStatusRequest{OrderID: "7000000000001", OrderExtID: "EXT-1", SupplierExtID: "HOTEL-9",
		Status: douyin.ConfirmStatusConfirmed}
}

// newDouyin returns a sandbox and a traced client whose token is already
// fetched, so the call under test is the only one a fault can meet.
func newDouyin(t *testing.T, h *harness) (*douyintest.Server, *douyin.Client) {
	t.Helper()
	s := douyintest.NewServer()
	t.Cleanup(s.Close)
	c, err := s.NewClient(douyin.WithHooks(h.inst.Hooks()), douyin.WithRetryPolicy(fastRetry))
	require.NoError(t, err)
	_, err = c.TokenSource().Token(context.Background())
	require.NoError(t, err)
	return s, c
}

// A retried idempotent call: one call span, two attempt spans under it, the
// first failed with 503 and marked for retry.
func TestRetriedIdempotentCall(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	s, c := newDouyin(t, h)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Path: douyin.PathOrderStatus})

	_, err := c.UpdateOrderStatus(context.Background(), statusReq())
	require.NoError(t, err)

	call := h.one("douyin order.status")
	assert.Equal(t, trace.SpanKindInternal, kindOf(call))
	assert.False(t, call.Parent().IsValid(), "a call made from a bare context is a root span")
	a := attrs(call)
	assert.Equal(t, "douyin", a[hotelsdkotel.AttrPlatform].AsString())
	assert.Equal(t, "order.status", a[hotelsdkotel.AttrOperation].AsString())
	assert.True(t, a[hotelsdkotel.AttrIdempotent].AsBool())
	assert.Equal(t, int64(2), a[hotelsdkotel.AttrAttempts].AsInt64())
	assert.False(t, a[hotelsdkotel.AttrOutcomeUnknown].AsBool())
	assert.Equal(t, "ok", a[hotelsdkotel.AttrOutcome].AsString())
	assert.Equal(t, codes.Unset, call.Status().Code)

	tries := h.children(call)
	require.Len(t, tries, 2)
	first, second := attrs(tries[0]), attrs(tries[1])
	for i, s := range tries {
		assert.Equal(t, "douyin order.status attempt", s.Name())
		assert.Equal(t, trace.SpanKindClient, kindOf(s))
		assert.Equal(t, int64(i+1), attrs(s)[hotelsdkotel.AttrAttempt].AsInt64())
		assert.Equal(t, "POST", attrs(s)["http.request.method"].AsString())
		assert.Equal(t, douyin.PathOrderStatus, attrs(s)["url.path"].AsString())
	}
	assert.Equal(t, int64(503), first["http.response.status_code"].AsInt64())
	assert.True(t, first[hotelsdkotel.AttrWillRetry].AsBool())
	assert.NotEmpty(t, first[hotelsdkotel.AttrRetryReason].AsString())
	assert.True(t, first[hotelsdkotel.AttrMaybeSent].AsBool(), "a 503 is an answer: the request reached the server")
	assert.Equal(t, codes.Error, tries[0].Status().Code)
	assert.Equal(t, "5xx", first[hotelsdkotel.AttrOutcome].AsString())

	assert.Equal(t, int64(200), second["http.response.status_code"].AsInt64())
	assert.False(t, second[hotelsdkotel.AttrWillRetry].AsBool())
	assert.Equal(t, codes.Unset, tries[1].Status().Code)
	reqID := second[hotelsdkotel.AttrRequestID].AsString()
	assert.NotEmpty(t, reqID, "the sandbox's log id")
	assert.Equal(t, reqID, a[hotelsdkotel.AttrRequestID].AsString(), "the call carries the last answer's id")

	// Metrics: two attempts (one 5xx, one ok), one retry, one call.
	assert.Equal(t, int64(2), h.counter(hotelsdkotel.MetricAttempts, platformDouyin, opStatus))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricAttempts, opStatus, hotelsdkotel.AttrOutcome.String("5xx")))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricAttempts, opStatus, hotelsdkotel.AttrOutcome.String("ok")))
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricRetries, platformDouyin, opStatus))
	assert.Equal(t, uint64(2), h.histogramCount(hotelsdkotel.MetricAttemptDuration, opStatus))
	assert.Equal(t, uint64(1), h.histogramCount(hotelsdkotel.MetricCallDuration, platformDouyin, opStatus,
		hotelsdkotel.AttrOutcome.String("ok")))

	tok := s.RequestsTo(douyin.PathOrderStatus)[0].Token
	h.noSecrets(douyintest.DefaultClientSecret, tok)
}

// A non-idempotent write whose answer is lost: one attempt, not retried,
// and the call says its outcome is unknown.
func TestNonIdempotentOutcomeUnknown(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	s, c := newDouyin(t, h)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: douyin.PathOrderSync})

	req, err := douyin.NewHotelSyncOrder(douyin.ExtShopInfo{ExtShopID: "HOTEL-9"}, &douyin.HotelOrderDetail{
		OrderExtID: "EXT-1", SupplierExtID: "HOTEL-9", SPUExtID: "ROOM-1",
		CheckIn: douyin.NewDate(2024, 3, 1), CheckOut: douyin.NewDate(2024, 3, 2), ReserveAmount: 1, TotalPrice: douyin.Yuan(220),
	})
	require.NoError(t, err)
	_, err = c.SyncOrder(context.Background(), req)
	require.Error(t, err)
	require.Len(t, s.Syncs(), 1, "the push took effect")

	call := h.one("douyin order.sync")
	a := attrs(call)
	assert.False(t, a[hotelsdkotel.AttrIdempotent].AsBool())
	assert.True(t, a[hotelsdkotel.AttrOutcomeUnknown].AsBool())
	assert.Equal(t, "outcome_unknown", a[hotelsdkotel.AttrOutcome].AsString())
	assert.Equal(t, "transport", a[hotelsdkotel.AttrErrorType].AsString())
	assert.Equal(t, int64(1), a[hotelsdkotel.AttrAttempts].AsInt64())
	assert.Equal(t, codes.Error, call.Status().Code)
	require.NotEmpty(t, call.Events(), "the error is recorded")
	assert.Equal(t, "exception", call.Events()[0].Name)

	tries := h.children(call)
	require.Len(t, tries, 1, "never sent twice")
	ta := attrs(tries[0])
	assert.True(t, ta[hotelsdkotel.AttrMaybeSent].AsBool())
	assert.False(t, ta[hotelsdkotel.AttrWillRetry].AsBool())
	assert.NotEmpty(t, ta[hotelsdkotel.AttrRetryReason].AsString(), "why it is not retried")
	_, hasStatus := ta["http.response.status_code"]
	assert.False(t, hasStatus, "no answer arrived")
	assert.Equal(t, codes.Error, tries[0].Status().Code)

	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricAttempts, opSync, hotelsdkotel.AttrOutcome.String("transport")))
	assert.Zero(t, h.counter(hotelsdkotel.MetricRetries, opSync))
	assert.Equal(t, uint64(1), h.histogramCount(hotelsdkotel.MetricCallDuration, opSync,
		hotelsdkotel.AttrOutcome.String("outcome_unknown")))
	h.noSecrets(douyintest.DefaultClientSecret, s.RequestsTo(douyin.PathOrderSync)[0].Token)
}

// The token fetch made by the first call nests under that call's span.
func TestTokenFetchNestsUnderCall(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	s := douyintest.NewServer()
	t.Cleanup(s.Close)
	c, err := s.NewClient(douyin.WithHooks(h.inst.Hooks()))
	require.NoError(t, err)
	_, err = c.UpdateOrderStatus(context.Background(), statusReq())
	require.NoError(t, err)

	call := h.one("douyin order.status")
	fetch := h.one("douyin oauth.client_token")
	assert.Equal(t, call.SpanContext().SpanID(), fetch.Parent().SpanID())
	assert.Equal(t, call.SpanContext().TraceID(), fetch.SpanContext().TraceID())
	require.Len(t, h.children(fetch), 1)
	assert.Equal(t, "douyin oauth.client_token attempt", h.children(fetch)[0].Name())
	h.noSecrets(douyintest.DefaultClientSecret, s.RequestsTo(douyin.PathOrderStatus)[0].Token)
}

// A booking on the hotel-supply shop: login, quote and order spans, with no
// phone, password or guest name anywhere.
func TestHotelSupplyBookingKeepsPersonalDataOut(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	shop := hotelsupplytest.NewServer()
	t.Cleanup(shop.Close)
	c, err := hotelsupply.NewClient(append(shop.ClientOptions(), hotelsupply.WithHooks(h.inst.Hooks()))...)
	require.NoError(t, err)
	const guest, phone = "欧阳娜娜", "13987654321"
	_, err = c.Book(context.Background(), &hotelsupply.BookRequest{
		GoodsBuyRequest: hotelsupply.GoodsBuyRequest{HotelID: hotelsupplytest.DefaultHotelID,
			RoomTypeID: hotelsupplytest.DefaultRoomTypeID, Rooms: 1,
			DatePrices: hotelsupply.Nights(hotelsupply.NewDate(2026, 5, 1), hotelsupply.NewDate(2026, 5, 3), hotelsupply.MustMoney("300"))},
		GuestName: guest, Phone: phone,
	})
	require.NoError(t, err)
	require.Len(t, shop.Orders(), 1)

	var platformSpans int
	for _, s := range h.spans.Ended() {
		if attrs(s)[hotelsdkotel.AttrPlatform].AsString() == "hotelsupply" {
			platformSpans++
		}
	}
	assert.GreaterOrEqual(t, platformSpans, 6, "login, quote and create: a call and an attempt span each; got %v", h.names())
	assert.Equal(t, int64(3), h.counter(hotelsdkotel.MetricAttempts, hotelsdkotel.AttrPlatform.String("hotelsupply")),
		"login, quote, create; spans: %v", h.names())
	h.noSecrets(guest, phone, hotelsupplytest.DefaultMobile, hotelsupplytest.DefaultPassword)
}

// An invoice read retried after a dropped connection: the signed request
// leaves no secret or signature in the trace.
func TestInvoiceRetriedRead(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	srv := invoicetest.NewServer()
	t.Cleanup(srv.Close)
	c, err := srv.NewClient(invoice.WithHooks(h.inst.Hooks()), invoice.WithRetryPolicy(fastRetry))
	require.NoError(t, err)
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropBeforeRequest})
	_, err = c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreID: invoicetest.DefaultStoreID, OrderBatchNo: "B"})

	var call []string
	for _, s := range h.spans.Ended() {
		if s.SpanKind() == trace.SpanKindInternal {
			call = append(call, s.Name())
		}
	}
	require.Len(t, call, 1, "spans: %v", h.names())
	cs := h.one(call[0])
	assert.Equal(t, "invoice", attrs(cs)[hotelsdkotel.AttrPlatform].AsString())
	assert.Equal(t, int64(2), attrs(cs)[hotelsdkotel.AttrAttempts].AsInt64())
	assert.Equal(t, err != nil, cs.Status().Code == codes.Error, "status follows the call's error %v", err)
	tries := h.children(cs)
	require.Len(t, tries, 2)
	// The connection closed after the request was written: the client
	// cannot know whether it was read, and a read may be repeated.
	assert.True(t, attrs(tries[0])[hotelsdkotel.AttrMaybeSent].AsBool())
	assert.True(t, attrs(tries[0])[hotelsdkotel.AttrWillRetry].AsBool())
	assert.NotEmpty(t, attrs(tries[0])[hotelsdkotel.AttrRetryReason].AsString())
	assert.Equal(t, "transport", attrs(tries[0])[hotelsdkotel.AttrOutcome].AsString())
	assert.Equal(t, int64(1), h.counter(hotelsdkotel.MetricRetries, hotelsdkotel.AttrPlatform.String("invoice")))

	var signs []string
	for _, r := range srv.Received() {
		signs = append(signs, r.Auth.Sign)
	}
	require.NotEmpty(t, signs)
	h.noSecrets(append(signs, srv.AppSecret())...)
}
