package spi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/internal/lifesign"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeSPI records what it receives and answers with its functions (or a
// fixed success when they are nil).
type fakeSPI struct {
	mu      sync.Mutex
	calls   []any
	commit  func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error)
	payment func(context.Context, *NotifyPaymentRequest) (*NotifyPaymentResult, error)
	cancel  func(context.Context, *CancelOrderRequest) (*CancelOrderResult, error)
}

func (f *fakeSPI) record(v any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, v)
}

func (f *fakeSPI) Calls() []any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]any(nil), f.calls...)
}

func (f *fakeSPI) CommitOrder(ctx context.Context, req *CommitOrderRequest) (*CommitOrderResult, error) {
	f.record(wireOnly(*req))
	if f.commit != nil {
		return f.commit(ctx, req)
	}
	return &CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func (f *fakeSPI) NotifyPayment(ctx context.Context, req *NotifyPaymentRequest) (*NotifyPaymentResult, error) {
	f.record(wireOnly(*req))
	if f.payment != nil {
		return f.payment(ctx, req)
	}
	return &NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed, Balance: 100, Ext: "ok"}, nil
}

func (f *fakeSPI) CancelOrder(ctx context.Context, req *CancelOrderRequest) (*CancelOrderResult, error) {
	f.record(wireOnly(*req))
	if f.cancel != nil {
		return f.cancel(ctx, req)
	}
	return &CancelOrderResult{}, nil
}

// spiHandlerNow is the handler's clock in tests; requests are signed at it.
var spiHandlerNow = time.UnixMilli(1700000000000)

func newTestHandler(t *testing.T, impl Service, opts ...Option) *Handler {
	t.Helper()
	base := []Option{WithCredentials(spiTestKey, spiTestSecret), WithClock(func() time.Time { return spiHandlerNow })}
	h, err := NewHandler(impl, append(base, opts...)...)
	require.NoError(t, err)
	return h
}

// signedReq builds a request Douyin would send to path, with its logid.
func signedReq(t *testing.T, path, body string) *http.Request {
	t.Helper()
	r, err := newSignedRequest(path, spiTestKey, spiTestSecret, []byte(body), spiHandlerNow)
	require.NoError(t, err)
	r.Header.Set(lifesign.HeaderLogID, "DYLOG1")
	return r
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

const (
	paymentJSON = `{"supplier_ext_id":"S1","order_id":"DY1","order_ext_id":"H-DY1","status":1}`
	cancelJSON  = `{"supplier_ext_id":"S1","order_id":"DY1","order_ext_id":"H-DY1","order_status":1}`
)

func extraJSON(code int, desc string) string {
	return fmt.Sprintf(`"extra":{"error_code":%d,"description":%q,"sub_error_code":0,"sub_description":"","logid":"DYLOG1","now":1700000000000}`, code, desc)
}

func TestSPIHandlerGoodCalls(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, path, body string
		want             any
		wrapped, flat    string
	}{
		{"commit", OpCommitOrder.Path(), sampleCommitJSON, *sampleCommit(),
			`{"data":{"order_ext_id":"H-DY1001","error_code":0,"description":""},` + extraJSON(0, "") + `}`,
			`{"order_ext_id":"H-DY1001","error_code":0,"description":""}`},
		{"payment", OpNotifyPayment.Path(), paymentJSON,
			NotifyPaymentRequest{SupplierExtID: "S1", OrderID: "DY1", OrderExtID: "H-DY1", Status: douyin.PayStatusPaid},
			`{"data":{"status":0,"error_code":0,"description":"","balance":100,"ext":"ok"},` + extraJSON(0, "") + `}`,
			`{"status":0,"error_code":0,"description":"","balance":100,"ext":"ok"}`},
		{"cancel", OpCancelOrder.Path(), cancelJSON,
			CancelOrderRequest{SupplierExtID: "S1", OrderID: "DY1", OrderExtID: "H-DY1", OrderStatus: douyin.PayStatusPaid},
			`{"data":{"status":0,"error_code":0,"description":"","balance":0,"ext":""},` + extraJSON(0, "") + `}`,
			`{"status":0,"error_code":0,"description":"","balance":0,"ext":""}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for flat, want := range map[bool]string{false: tc.wrapped, true: tc.flat} {
				impl := &fakeSPI{}
				var opts []Option
				if flat {
					opts = append(opts, WithFlatReplies())
				}
				h := newTestHandler(t, impl, opts...)
				rec := serve(h, signedReq(t, "/any/prefix"+tc.path, tc.body))
				assert.Equal(t, http.StatusOK, rec.Code)
				assert.Equal(t, []string{"application/json; charset=utf-8"}, rec.Header().Values("Content-Type"))
				assert.Equal(t, []string{"no-store"}, rec.Header().Values("Cache-Control"))
				assert.JSONEq(t, want, rec.Body.String())
				assert.Equal(t, []any{tc.want}, impl.Calls())
			}
		})
	}
}

func TestSPIHandlerMountedOnMux(t *testing.T) {
	t.Parallel()
	impl := &fakeSPI{}
	mux := http.NewServeMux()
	mux.Handle("/douyin/", newTestHandler(t, impl))
	rec := serve(mux, signedReq(t, "/douyin"+OpNotifyPayment.Path()+"/", paymentJSON))
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Len(t, impl.Calls(), 1)

	rec = serve(mux, signedReq(t, "/douyin"+OpCommitOrder.Path()+"x", sampleCommitJSON))
	assert.Equal(t, http.StatusNotFound, rec.Code)
}

func TestSPIHandlerGeneratesLogIDWithoutDouyinOne(t *testing.T) {
	t.Parallel()
	h := newTestHandler(t, &fakeSPI{})
	r := signedReq(t, OpCancelOrder.Path(), cancelJSON)
	r.Header.Del(lifesign.HeaderLogID)
	rec := serve(h, r)
	var reply struct {
		Extra douyin.Extra `json:"extra"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &reply))
	assert.Len(t, reply.Extra.LogID, 32)
	assert.Equal(t, spiHandlerNow.UnixMilli(), reply.Extra.Now)

	r = signedReq(t, OpCancelOrder.Path(), cancelJSON)
	r.Header.Set(lifesign.HeaderLogID, strings.Repeat("L", 1000))
	rec = serve(h, r)
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &reply))
	assert.Equal(t, strings.Repeat("L", 128), reply.Extra.LogID, "an echoed logid is bounded")
}

// rejected asserts a handler-made error reply and that the Service was not called.
func rejected(t *testing.T, impl *fakeSPI, rec *httptest.ResponseRecorder, status int, desc string) {
	t.Helper()
	assert.Equal(t, status, rec.Code)
	assert.Equal(t, []string{"application/json; charset=utf-8"}, rec.Header().Values("Content-Type"))
	assert.Equal(t, []string{"no-store"}, rec.Header().Values("Cache-Control"))
	var reply struct {
		Data  map[string]json.RawMessage `json:"data"`
		Extra douyin.Extra               `json:"extra"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &reply), rec.Body.String())
	assert.Equal(t, "2100005", string(reply.Data["error_code"]))
	var got string
	require.NoError(t, json.Unmarshal(reply.Data["description"], &got))
	assert.Contains(t, got, desc)
	assert.NotContains(t, reply.Data, "status", "an error reply never carries a status")
	assert.Equal(t, douyin.CodeInvalidParameter, reply.Extra.ErrorCode)
	assert.Empty(t, impl.Calls(), "the Service must not be called")
}

func TestSPIHandlerRejectsBadAuth(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		mutate func(r *http.Request)
		desc   string
	}{
		{"bad signature", func(r *http.Request) {
			r.Header.Set(lifesign.HeaderSign, lifesign.Sign("wrong-secret", r.URL.Query(), []byte(paymentJSON)))
		},
			"invalid signature"},
		{"signature not hex", func(r *http.Request) { r.Header.Set(lifesign.HeaderSign, "not-hex") }, "invalid signature"},
		{"missing signature", func(r *http.Request) { r.Header.Del(lifesign.HeaderSign) }, "missing signature"},
		{"missing client key", func(r *http.Request) {
			r.Header.Del(lifesign.HeaderClientKey)
			q := r.URL.Query()
			q.Del("client_key")
			r.URL.RawQuery = q.Encode()
		}, "missing client key"},
		{"wrong header client key", func(r *http.Request) { r.Header.Set(lifesign.HeaderClientKey, "other") }, "client key does not match"},
		{"wrong query client key", func(r *http.Request) { setQuery(r, "client_key", "other") }, "client key does not match"},
		{"missing timestamp", func(r *http.Request) { setQuery(r, "timestamp", "") }, "missing timestamp"},
		{"timestamp in seconds", func(r *http.Request) { setQuery(r, "timestamp", "1700000000") }, "outside the tolerance window"},
		{"timestamp not a number", func(r *http.Request) { setQuery(r, "timestamp", "yesterday") }, "invalid timestamp"},
		{"tampered query", func(r *http.Request) { setQuery(r, "extra", "1") }, "invalid signature"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			impl := &fakeSPI{}
			r := signedReq(t, OpNotifyPayment.Path(), paymentJSON)
			tc.mutate(r)
			rejected(t, impl, serve(newTestHandler(t, impl), r), http.StatusUnauthorized, tc.desc)
		})
	}
}

func setQuery(r *http.Request, k, v string) {
	q := r.URL.Query()
	if v == "" {
		q.Del(k)
	} else {
		q.Set(k, v)
	}
	r.URL.RawQuery = q.Encode()
}

func TestSPIHandlerTamperedBody(t *testing.T) {
	t.Parallel()
	impl := &fakeSPI{}
	r := signedReq(t, OpCancelOrder.Path(), cancelJSON)
	r.Body = io.NopCloser(strings.NewReader(strings.Replace(cancelJSON, "DY1", "DY2", 1)))
	rejected(t, impl, serve(newTestHandler(t, impl), r), http.StatusUnauthorized, "invalid signature")
}

func TestSPIHandlerTimestampWindow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		skew time.Duration
		ok   bool
	}{
		{-5 * time.Minute, true}, {30 * time.Second, true},
		{-5*time.Minute - time.Millisecond, false}, {30*time.Second + time.Millisecond, false},
		{-24 * time.Hour, false},
	} {
		impl := &fakeSPI{}
		r, err := newSignedRequest(OpCancelOrder.Path(), spiTestKey, spiTestSecret, []byte(cancelJSON), spiHandlerNow.Add(tc.skew))
		require.NoError(t, err)
		rec := serve(newTestHandler(t, impl), r)
		if tc.ok {
			assert.Equal(t, http.StatusOK, rec.Code, "skew %v", tc.skew)
		} else {
			rejected(t, impl, rec, http.StatusUnauthorized, "timestamp outside the tolerance window")
		}
	}
	// A custom window.
	impl := &fakeSPI{}
	r, _ := newSignedRequest(OpCancelOrder.Path(), spiTestKey, spiTestSecret, []byte(cancelJSON), spiHandlerNow.Add(-2*time.Second))
	rejected(t, impl, serve(newTestHandler(t, impl, WithTimestampTolerance(time.Second, time.Second)), r),
		http.StatusUnauthorized, "tolerance window")
}

func TestSPIHandlerOversizedBody(t *testing.T) {
	t.Parallel()
	big := `{"order_id":"DY1","remark":"` + strings.Repeat("x", 200) + `"}`
	impl := &fakeSPI{}
	h := newTestHandler(t, impl, WithMaxBodyBytes(100))
	rejected(t, impl, serve(h, signedReq(t, OpCommitOrder.Path(), big)), http.StatusRequestEntityTooLarge, "too large")

	// Without a Content-Length, the limit is enforced while reading.
	r := signedReq(t, OpCommitOrder.Path(), big)
	r.ContentLength = -1
	r.Body = io.NopCloser(strings.NewReader(big))
	rejected(t, impl, serve(h, r), http.StatusRequestEntityTooLarge, "too large")

	// The default is 1 MiB.
	huge := `{"order_id":"DY1","remark":"` + strings.Repeat("x", defaultMaxBodyBytes) + `"}`
	rejected(t, impl, serve(newTestHandler(t, impl), signedReq(t, OpCommitOrder.Path(), huge)),
		http.StatusRequestEntityTooLarge, "too large")
}

func TestSPIHandlerWrongMethod(t *testing.T) {
	t.Parallel()
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodHead, http.MethodOptions} {
		impl := &fakeSPI{}
		r := signedReq(t, OpCommitOrder.Path(), sampleCommitJSON)
		r.Method = m
		rec := serve(newTestHandler(t, impl), r)
		rejected(t, impl, rec, http.StatusMethodNotAllowed, "method not allowed")
		assert.Equal(t, "POST", rec.Header().Get("Allow"))
	}
}

func TestSPIHandlerContentType(t *testing.T) {
	t.Parallel()
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/json; charset", "multipart/form-data"} {
		impl := &fakeSPI{}
		r := signedReq(t, OpNotifyPayment.Path(), paymentJSON)
		r.Header.Set("Content-Type", ct)
		rejected(t, impl, serve(newTestHandler(t, impl), r), http.StatusUnsupportedMediaType, "unsupported content type")
	}
	for _, ct := range []string{"application/json; charset=utf-8", "Application/JSON", "text/json", "multipart/json", "application/vnd.douyin+json"} {
		impl := &fakeSPI{}
		r := signedReq(t, OpNotifyPayment.Path(), paymentJSON)
		r.Header.Set("Content-Type", ct)
		assert.Equal(t, http.StatusOK, serve(newTestHandler(t, impl), r).Code, ct)
	}
}

func TestSPIHandlerMalformedJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body, desc string
	}{
		{"empty", ``, "malformed JSON: empty body"},
		{"array", `[1,2]`, "malformed JSON: want an object"},
		{"null", `null`, "malformed JSON: want an object"},
		{"syntax", `{"order_id":"DY1",}`, "malformed JSON: syntax error at byte"},
		{"truncated", `{"order_id":"DY1"`, "malformed JSON: unexpected end of input"},
		{"trailing", `{"order_id":"DY1"} {}`, "malformed JSON: data after the object"},
		{"wrong type", `{"order_id":12}`, "malformed JSON: order_id: want string, got number"},
		{"bad date", `{"order_id":"DY1","check_in":"2024-03-01"}`, `malformed JSON: invalid date "2024-03-01": want yyyyMMdd`},
		{"bad phone", `{"order_id":"DY1","customer_phone":13800138000.5}`, "malformed JSON: customer_phone: want a JSON string or integer"},
		{"bad name type", `{"customer_name":{"first":"张三"}}`, "malformed JSON: customer_name: want string, got object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			impl := &fakeSPI{}
			rec := serve(newTestHandler(t, impl), signedReq(t, OpCommitOrder.Path(), tc.body))
			rejected(t, impl, rec, http.StatusBadRequest, tc.desc)
			assert.NotContains(t, rec.Body.String(), "13800138000")
			assert.NotContains(t, rec.Body.String(), "张三")
		})
	}
}

func TestSPIHandlerInvalidRequest(t *testing.T) {
	t.Parallel()
	impl := &fakeSPI{}
	body := strings.Replace(sampleCommitJSON, `"check_out":"20240303"`, `"check_out":"20240301"`, 1)
	body = strings.Replace(body, `"order_id":"DY1001"`, `"order_id":""`, 1)
	rec := serve(newTestHandler(t, impl), signedReq(t, OpCommitOrder.Path(), body))
	rejected(t, impl, rec, http.StatusBadRequest, "invalid request: order_id: is required; check_out: must be after check_in")
	assert.NotContains(t, rec.Body.String(), "13800138000")

	rec = serve(newTestHandler(t, impl), signedReq(t, OpNotifyPayment.Path(), `{"order_id":"DY1","status":5}`))
	rejected(t, impl, rec, http.StatusBadRequest, "status: must be 0 (unpaid) or 1 (paid), got 5")
	rec = serve(newTestHandler(t, impl), signedReq(t, OpCancelOrder.Path(), `{"order_id":"","order_status":1}`))
	rejected(t, impl, rec, http.StatusBadRequest, "order_id: is required")
}

func TestSPIHandlerUnknownPath(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"/", "/poi/order/status", "/poi/ext/hotel/order/refund", "/poi/ext/hotel/order"} {
		impl := &fakeSPI{}
		rejected(t, impl, serve(newTestHandler(t, impl), signedReq(t, p, paymentJSON)), http.StatusNotFound, "unknown SPI path")
	}
}

func TestSPIHandlerUnreadableBody(t *testing.T) {
	t.Parallel()
	impl := &fakeSPI{}
	r := signedReq(t, OpCommitOrder.Path(), sampleCommitJSON)
	r.Body = io.NopCloser(failingReader{})
	rejected(t, impl, serve(newTestHandler(t, impl), r), http.StatusBadRequest, "cannot read request body")
}

func TestSPIHandlerIntegratorErrors(t *testing.T) {
	t.Parallel()
	const personal = "guest 张三 13800138000 not found"
	for _, tc := range []struct {
		name     string
		commit   func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error)
		status   int
		reply    string
		onError  bool
		panicked bool
	}{
		{"business error", func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
			return nil, &Error{Code: 40001, Description: "room sold out"}
		}, 200, `{"data":{"error_code":40001,"description":"room sold out"},` + extraJSON(40001, "room sold out") + `}`, false, false},
		{"wrapped business error", func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
			return nil, fmt.Errorf("pricing: %w", &Error{Code: 40002, Description: "price changed"})
		}, 200, `{"data":{"error_code":40002,"description":"price changed"},` + extraJSON(40002, "price changed") + `}`, false, false},
		{"business error with code 0", func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
			return nil, &Error{Description: "no"}
		}, 200, `{"data":{"error_code":2100001,"description":"no"},` + extraJSON(2100001, "no") + `}`, false, false},
		{"plain error", func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
			return nil, errors.New(personal)
		}, 500, `{"data":{"error_code":2100001,"description":"internal error"},` + extraJSON(2100001, "internal error") + `}`, true, false},
		{"panic", func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
			panic(personal)
		}, 500, `{"data":{"error_code":2100001,"description":"internal error"},` + extraJSON(2100001, "internal error") + `}`, true, true},
		{"nil result", func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
			return nil, nil
		}, 500, `{"data":{"error_code":2100001,"description":"internal error"},` + extraJSON(2100001, "internal error") + `}`, true, false},
		{"empty order_ext_id", func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
			return &CommitOrderResult{}, nil
		}, 500, `{"data":{"error_code":2100001,"description":"internal error"},` + extraJSON(2100001, "internal error") + `}`, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			var hookErrs []error
			impl := &fakeSPI{commit: tc.commit}
			h := newTestHandler(t, impl,
				WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
				WithErrorHandler(func(_ context.Context, op Operation, err error) {
					assert.Equal(t, OpCommitOrder, op)
					hookErrs = append(hookErrs, err)
				}))
			rec := serve(h, signedReq(t, OpCommitOrder.Path(), sampleCommitJSON))
			assert.Equal(t, tc.status, rec.Code)
			assert.JSONEq(t, tc.reply, rec.Body.String())
			assert.Len(t, impl.Calls(), 1)
			for _, out := range []string{rec.Body.String(), logs.String()} {
				assert.NotContains(t, out, "张三")
				assert.NotContains(t, out, "13800138000")
			}
			assert.Contains(t, logs.String(), `"order_id":"DY1001"`)
			assert.Contains(t, logs.String(), fmt.Sprintf(`"status":%d`, tc.status))
			if !tc.onError {
				assert.Empty(t, hookErrs)
				return
			}
			require.Len(t, hookErrs, 1)
			var pe *PanicError
			assert.Equal(t, tc.panicked, errors.As(hookErrs[0], &pe))
			if tc.panicked {
				assert.Equal(t, personal, pe.Value)
				assert.Contains(t, string(pe.Stack), "handler_test.go")
				assert.Contains(t, pe.Error(), "panicked")
				assert.Contains(t, logs.String(), `"reason":"implementation panicked"`)
				assert.Contains(t, logs.String(), `"level":"ERROR"`)
			}
		})
	}
}

func TestSPIHandlerInvalidResults(t *testing.T) {
	t.Parallel()
	impl := &fakeSPI{
		payment: func(context.Context, *NotifyPaymentRequest) (*NotifyPaymentResult, error) {
			return &NotifyPaymentResult{Status: 9}, nil
		},
		cancel: func(context.Context, *CancelOrderRequest) (*CancelOrderResult, error) {
			return &CancelOrderResult{Status: 7}, nil
		},
	}
	var hookErrs []string
	h := newTestHandler(t, impl, WithErrorHandler(func(_ context.Context, _ Operation, err error) {
		hookErrs = append(hookErrs, err.Error())
	}), WithFlatReplies())
	rec := serve(h, signedReq(t, OpNotifyPayment.Path(), paymentJSON))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"error_code":2100001,"description":"internal error"}`, rec.Body.String())
	rec = serve(h, signedReq(t, OpCancelOrder.Path(), cancelJSON))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Equal(t, []string{
		"spi.notify_payment: NotifyPaymentResult.Status 9 is not a documented state",
		"spi.cancel_order: CancelOrderResult.Status 7 is not a documented state",
	}, hookErrs)
}

func TestSPIHandlerStatusResultsKeepZero(t *testing.T) {
	t.Parallel()
	for _, st := range []douyin.ConfirmStatus{douyin.ConfirmStatusConfirmed, douyin.ConfirmStatusPriceChanged, douyin.ConfirmStatusSoldOut, douyin.ConfirmStatusConfirming} {
		impl := &fakeSPI{payment: func(context.Context, *NotifyPaymentRequest) (*NotifyPaymentResult, error) {
			return &NotifyPaymentResult{Status: st}, nil
		}}
		rec := serve(newTestHandler(t, impl, WithFlatReplies()), signedReq(t, OpNotifyPayment.Path(), paymentJSON))
		assert.JSONEq(t, fmt.Sprintf(`{"status":%d,"error_code":0,"description":"","balance":0,"ext":""}`, st), rec.Body.String())
	}
}

func TestSPIHandlerPassesRequestContext(t *testing.T) {
	t.Parallel()
	type key struct{}
	impl := &fakeSPI{cancel: func(ctx context.Context, _ *CancelOrderRequest) (*CancelOrderResult, error) {
		assert.Equal(t, "v", ctx.Value(key{}))
		return &CancelOrderResult{}, nil
	}}
	r := signedReq(t, OpCancelOrder.Path(), cancelJSON)
	r = r.WithContext(context.WithValue(r.Context(), key{}, "v"))
	assert.Equal(t, http.StatusOK, serve(newTestHandler(t, impl), r).Code)
}

func TestSPIHandlerInsecure(t *testing.T) {
	t.Parallel()
	impl := &fakeSPI{}
	var logs bytes.Buffer
	h, err := NewHandler(impl, WithInsecureSkipSignature(), WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "level=WARN")
	assert.Contains(t, logs.String(), "signature checks are off")
	r := httptest.NewRequest(http.MethodPost, OpCancelOrder.Path(), strings.NewReader(cancelJSON))
	r.Header.Set("Content-Type", "application/json")
	assert.Equal(t, http.StatusOK, serve(h, r).Code)
	assert.Len(t, impl.Calls(), 1)
}

func TestNewSPIHandlerErrors(t *testing.T) {
	t.Parallel()
	impl := &fakeSPI{}
	for name, tc := range map[string]struct {
		impl Service
		opts []Option
		msg  string
	}{
		"nil impl":            {nil, []Option{WithInsecureSkipSignature()}, "nil Service"},
		"no credentials":      {impl, nil, "WithCredentials is required"},
		"both":                {impl, []Option{WithInsecureSkipSignature(), WithCredentials("k", "s")}, "exclude each other"},
		"empty secret":        {impl, []Option{WithCredentials("k", "")}, "are required"},
		"zero tolerance":      {impl, []Option{WithInsecureSkipSignature(), WithTimestampTolerance(0, time.Second)}, "past must be positive"},
		"negative future":     {impl, []Option{WithInsecureSkipSignature(), WithTimestampTolerance(time.Second, -1)}, "future not negative"},
		"nil clock":           {impl, []Option{WithInsecureSkipSignature(), WithClock(nil)}, "nil clock"},
		"zero body limit":     {impl, []Option{WithInsecureSkipSignature(), WithMaxBodyBytes(0)}, "must be positive"},
		"nil impl and option": {nil, []Option{nil}, "nil Service"},
		"nil logger":          {impl, []Option{WithInsecureSkipSignature(), WithLogger(nil)}, "WithLogger: nil logger"},
		"nil error handler":   {impl, []Option{WithInsecureSkipSignature(), WithErrorHandler(nil)}, "WithErrorHandler: nil function"},
	} {
		h, err := NewHandler(tc.impl, tc.opts...)
		require.Error(t, err, name)
		assert.Nil(t, h, name)
		assert.Contains(t, err.Error(), tc.msg, name)
	}
	h, err := NewHandler(impl, nil, WithCredentials("k", "s"))
	require.NoError(t, err)
	assert.NotNil(t, h)
}

func TestSPIErrorText(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "spi: error_code 40001 (sold out)", (&Error{Code: 40001, Description: "sold out"}).Error())
	assert.Equal(t, "spi: error_code 7", (&Error{Code: 7}).Error())
}

func TestSPIHandlerLogsNothingPersonal(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	impl := &fakeSPI{}
	h := newTestHandler(t, impl, WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	serve(h, signedReq(t, OpCommitOrder.Path(), sampleCommitJSON))
	bad := signedReq(t, OpCommitOrder.Path(), sampleCommitJSON)
	bad.Header.Set(lifesign.HeaderSign, strings.Repeat("ab", 32))
	serve(h, bad)
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	require.Len(t, lines, 2)
	assert.Contains(t, lines[0], `"level":"INFO"`)
	assert.Contains(t, lines[0], `"op":"spi.commit_order"`)
	assert.Contains(t, lines[0], `"order_id":"DY1001"`)
	assert.Contains(t, lines[0], `"logid":"DYLOG1"`)
	assert.Contains(t, lines[1], `"level":"WARN"`)
	assert.Contains(t, lines[1], `"reason":"invalid signature (x-life-sign)"`)
	assert.Contains(t, lines[1], `"status":401`)
	sig := signedReq(t, OpCommitOrder.Path(), sampleCommitJSON).Header.Get(lifesign.HeaderSign)
	for _, secret := range []string{"13800138000", "张三", "Zhang", "late arrival", spiTestSecret, sig, strings.Repeat("ab", 32)} {
		assert.NotContains(t, logs.String(), secret)
	}
}

// The spec's cancel reply reuses the payment reply's data
// (PoiExtHotelOrderStatusRspData): its status takes the four documented
// confirmation states (issue 10 §12), each written, 0 included.
func TestCancelReplyStatusValues(t *testing.T) {
	t.Parallel()
	for st := 0; st <= 3; st++ {
		impl := &fakeSPI{cancel: func(context.Context, *CancelOrderRequest) (*CancelOrderResult, error) {
			res := &CancelOrderResult{}
			for i := 0; i < st; i++ {
				res.Status++
			}
			return res, nil
		}}
		rec := serve(newTestHandler(t, impl, WithFlatReplies()), signedReq(t, OpCancelOrder.Path(), cancelJSON))
		assert.Equal(t, http.StatusOK, rec.Code, "status %d", st)
		assert.JSONEq(t, fmt.Sprintf(`{"status":%d,"error_code":0,"description":"","balance":0,"ext":""}`, st), rec.Body.String())
	}
	impl := &fakeSPI{cancel: func(context.Context, *CancelOrderRequest) (*CancelOrderResult, error) {
		return &CancelOrderResult{Status: 4}, nil
	}}
	rec := serve(newTestHandler(t, impl), signedReq(t, OpCancelOrder.Path(), cancelJSON))
	assert.Equal(t, http.StatusInternalServerError, rec.Code, "4 is not a documented state")
}
