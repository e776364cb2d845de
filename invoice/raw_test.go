package invoice_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

var rawFast = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}

func rawSandbox(t *testing.T, opts ...invoice.Option) (*invoicetest.Server, *invoice.Client) {
	t.Helper()
	s := invoicetest.NewServer()
	t.Cleanup(s.Close)
	c, err := s.NewClient(append([]invoice.Option{invoice.WithRetryPolicy(rawFast)}, opts...)...)
	require.NoError(t, err)
	return s, c
}

// rawAddBody is an order/add body as a caller of Raw would write it.
func rawAddBody(erp string) map[string]any {
	return map[string]any{
		"storeId": invoicetest.DefaultStoreID,
		"orderList": []map[string]any{{
			"erpOrderNo": erp, "orderPrice": json.Number("24.8"),
			"items": []map[string]any{{
				"identifier": invoice.IdentifierLodging, "quantity": 2,
				"unitPrice": json.Number("12.4"), "totalPrice": json.Number("24.8"),
			}},
		}},
	}
}

func TestRawSignsTheBodyAndDecodesTheEnvelope(t *testing.T) {
	s, c := rawSandbox(t)
	ctx := context.Background()
	var batch string
	res, err := c.Raw(ctx, &invoice.RawRequest{Operation: "order.add.raw", Path: invoice.PathAddOrders,
		Body: rawAddBody("ERP-RAW-1")}, &batch)
	require.NoError(t, err, "%+v", s.Received())

	got := s.Received()
	require.Len(t, got, 1)
	r := got[0]
	assert.Equal(t, invoice.PathAddOrders, r.Path)
	assert.Equal(t, invoice.CodeOK, r.Code, r.Message)
	assert.Equal(t, invoicetest.DefaultAppID, r.Auth.AppID)
	assert.Equal(t, invoicetest.DefaultUserNo, r.Auth.UserNo)
	assert.NotEmpty(t, r.Auth.NonceStr)
	assert.NotEmpty(t, r.Auth.Timestamp)
	assert.Equal(t, invoice.SignMD5, r.Auth.SignType)
	assert.True(t, r.Auth.VerifySign(invoice.SignAllAuthParams, invoicetest.DefaultAppSecret), "a valid signature")
	var sent map[string]any
	require.NoError(t, json.Unmarshal(r.Body, &sent))
	assert.EqualValues(t, invoicetest.DefaultStoreID, sent["storeId"], "business fields beside the auth parameters")
	assert.Contains(t, string(r.Body), `"erpOrderNo":"ERP-RAW-1"`)

	assert.Equal(t, http.StatusOK, res.HTTPStatus)
	assert.Equal(t, r.OrderBatchNo, batch)
	assert.Equal(t, `"`+batch+`"`, string(res.Data))
	b, ok := s.Batch(batch)
	require.True(t, ok)
	require.Len(t, b.Orders, 1)

	// Read it back through Raw, with the body as raw JSON.
	var orders invoice.OrderList
	_, err = c.Raw(ctx, &invoice.RawRequest{Operation: "order.get.raw", Path: invoice.PathGetOrders, Idempotent: true,
		Body: json.RawMessage(fmt.Sprintf(`{ "storeId": %d, "orderBatchNo": %q }`, invoicetest.DefaultStoreID, batch))}, &orders)
	require.NoError(t, err)
	require.Len(t, orders, 1)
	assert.Equal(t, "ERP-RAW-1", orders[0].ErpOrderNo)
}

func TestRawToAnUnmodelledEndpoint(t *testing.T) {
	var mu sync.Mutex
	var seen []*http.Request
	var bodies [][]byte
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen, bodies = append(seen, r), append(bodies, b)
		mu.Unlock()
		w.Header().Set("X-Request-Id", "rid-1")
		_, _ = io.WriteString(w, `{"code":0,"data":{"cancelled":true}}`)
	}))
	defer ts.Close()
	c, err := invoice.NewClient(invoice.WithBaseURL(ts.URL+"/api"), invoice.WithApp("app-1", "app-secret-1"),
		invoice.WithAccessKey("ak-1", "access-secret-1"), invoice.WithRetryPolicy(rawFast))
	require.NoError(t, err)

	var out struct {
		Cancelled bool `json:"cancelled"`
	}
	res, err := c.Raw(context.Background(), &invoice.RawRequest{Operation: "order.cancel", Path: "/openapi/order/cancel",
		Query: url.Values{"v": {"2"}}}, &out)
	require.NoError(t, err)
	require.Len(t, seen, 1)
	r := seen[0]
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/api/openapi/order/cancel", r.URL.Path)
	assert.Equal(t, "2", r.URL.Query().Get("v"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	var auth invoice.AuthParams
	require.NoError(t, json.Unmarshal(bodies[0], &auth))
	assert.Equal(t, "ak-1", auth.AccessKey)
	assert.True(t, auth.VerifySign(invoice.SignAllAuthParams, "app-secret-1"), "nil body: only the signed auth parameters")
	var all map[string]any
	require.NoError(t, json.Unmarshal(bodies[0], &all))
	assert.Len(t, all, 7, "appId, accessKey, accessSecret, nonceStr, timestamp, signType, sign: %s", bodies[0])

	assert.True(t, out.Cancelled)
	assert.Equal(t, "rid-1", res.RequestID)
}

func TestRawAPIError(t *testing.T) {
	s, c := rawSandbox(t)
	_, err := c.Raw(context.Background(), &invoice.RawRequest{Operation: "order.get.raw", Path: invoice.PathGetOrders,
		Body: map[string]any{"storeId": 999, "orderBatchNo": "B"}, Idempotent: true}, nil)
	var apiErr *invoice.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, invoice.ErrStoreNotFound)
	assert.Equal(t, "order.get.raw", apiErr.Operation)
	assert.False(t, hotelsdk.OutcomeUnknown(err))
	assert.Len(t, s.Received(), 1)
}

func TestRawNonIdempotentDroppedConnectionIsSentOnce(t *testing.T) {
	s, c := rawSandbox(t)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: invoice.PathAddOrders})
	res, err := c.Raw(context.Background(), &invoice.RawRequest{Operation: "order.add.raw", Path: invoice.PathAddOrders,
		Body: rawAddBody("ERP-DROP")}, nil)
	require.Error(t, err)
	assert.Nil(t, res)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.Equal(t, "order.add.raw", te.Operation)
	assert.Len(t, s.Received(), 1, "sent once")
	assert.Len(t, s.Batches(), 1, "and it took effect")
}

func TestRawIdempotentDroppedConnectionIsRetriedAndSignedAnew(t *testing.T) {
	s, c := rawSandbox(t)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: invoice.PathGetOrders})
	_, err := c.Raw(context.Background(), &invoice.RawRequest{Operation: "order.get.raw", Path: invoice.PathGetOrders,
		Body: map[string]any{"storeId": invoicetest.DefaultStoreID, "orderBatchNo": "none"}, Idempotent: true}, nil)
	require.NoError(t, err)
	got := s.Received()
	require.Len(t, got, 2)
	assert.NotEqual(t, got[0].Auth.NonceStr, got[1].Auth.NonceStr, "every attempt has its own nonce")
	assert.Equal(t, invoice.CodeOK, got[1].Code, "the sandbox refuses a replayed nonce")
}

func TestRawValidationSendsNothing(t *testing.T) {
	s, c := rawSandbox(t)
	cases := []struct {
		name  string
		req   *invoice.RawRequest
		out   any
		field string
	}{
		{"nil request", nil, nil, ""},
		{"no operation", &invoice.RawRequest{Path: "/a"}, nil, "Operation"},
		{"GET", &invoice.RawRequest{Operation: "x", Method: http.MethodGet, Path: "/a"}, nil, "Method"},
		{"PUT", &invoice.RawRequest{Operation: "x", Method: http.MethodPut, Path: "/a"}, nil, "Method"},
		{"absolute URL", &invoice.RawRequest{Operation: "x", Path: "http://evil.example/openapi/order/add"}, nil, "Path"},
		{"other host", &invoice.RawRequest{Operation: "x", Path: "//evil.example/openapi"}, nil, "Path"},
		{"dot dot", &invoice.RawRequest{Operation: "x", Path: "/openapi/../admin"}, nil, "Path"},
		{"array body", &invoice.RawRequest{Operation: "x", Path: "/a", Body: []int{1}}, nil, "Body"},
		{"number body", &invoice.RawRequest{Operation: "x", Path: "/a", Body: json.RawMessage("42")}, nil, "Body"},
		{"form body", &invoice.RawRequest{Operation: "x", Path: "/a", Body: url.Values{"a": {"1"}}}, nil, "Body"},
		{"sign in body", &invoice.RawRequest{Operation: "x", Path: "/a", Body: map[string]string{"sign": "X"}}, nil, "Body.sign"},
		{"appId in body", &invoice.RawRequest{Operation: "x", Path: "/a", Body: json.RawMessage(`{"appId":"other"}`)}, nil, "Body.appId"},
		{"out not a pointer", &invoice.RawRequest{Operation: "x", Path: "/a"}, "", "out"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Raw(context.Background(), tc.req, tc.out)
			assert.Nil(t, res)
			var ve *hotelsdk.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "invoice", ve.Platform)
			if tc.field != "" {
				require.NotEmpty(t, ve.Problems)
				assert.Equal(t, tc.field, ve.Problems[0].Field, "%v", ve)
			}
		})
	}
	assert.Empty(t, s.Received())
	assert.Zero(t, s.FaultsInjected(hotelsdktest.DropAfterRequest))
}

func TestRawRedirectIsNotFollowed(t *testing.T) {
	var elsewhere int
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere++ }))
	defer other.Close()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusPermanentRedirect)
	}))
	defer ts.Close()
	c, err := invoice.NewClient(invoice.WithBaseURL(ts.URL), invoice.WithApp("a", "s"), invoice.WithUserNo("u"))
	require.NoError(t, err)
	_, err = c.Raw(context.Background(), &invoice.RawRequest{Operation: "x", Path: "/openapi/x"}, nil)
	var re *hotelsdk.RedirectError
	require.ErrorAs(t, err, &re)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	assert.Zero(t, elsewhere, "the signed body never reached the other host")
}

func TestRawRedactsLogsHooksAndErrors(t *testing.T) {
	const guest = "王五"
	var logs bytes.Buffer
	var mu sync.Mutex
	var hooked []string
	record := func(v any) { mu.Lock(); hooked = append(hooked, fmt.Sprintf("%+v", v)); mu.Unlock() }
	s, c := rawSandbox(t,
		invoice.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		invoice.WithHooks(hotelsdk.Hooks{
			OnRequest:  func(_ context.Context, i hotelsdk.RequestInfo) { record(i) },
			OnResponse: func(_ context.Context, i hotelsdk.ResponseInfo) { record(i) },
		}))
	req := &invoice.RawRequest{Operation: "guest.invoice", Path: "/openapi/guest/add",
		Body: map[string]any{"guestNames": guest, "mobile": "13900001111"}}
	_, err := c.Raw(context.Background(), req, nil)
	require.Error(t, err) // the sandbox has no such endpoint
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest})
	_, err2 := c.Raw(context.Background(), req, nil)
	require.Error(t, err2)

	everything := logs.String() + strings.Join(hooked, "\n") + err.Error() + err2.Error() +
		fmt.Sprintf("%v %+v %#v %s", req, req, req, req)
	assert.Contains(t, logs.String(), "guest.invoice")
	for _, secret := range []string{guest, "13900001111", invoicetest.DefaultAppSecret} {
		assert.NotContains(t, everything, secret)
	}
	assert.Contains(t, logs.String(), `\"sign\":\"***\"`, "the signature is masked")
}

func TestRawOnNilAndClosedClient(t *testing.T) {
	var c *invoice.Client
	_, err := c.Raw(context.Background(), &invoice.RawRequest{Operation: "x", Path: "/a"}, nil)
	require.Error(t, err)
	s, c := rawSandbox(t)
	require.NoError(t, c.Close())
	_, err = c.Raw(context.Background(), &invoice.RawRequest{Operation: "x", Path: invoice.PathGetOrders}, nil)
	require.Error(t, err)
	assert.Empty(t, s.Received())
}

func TestRawNilContext(t *testing.T) {
	_, c := rawSandbox(t)
	var nilCtx context.Context
	_, err := c.Raw(nilCtx, &invoice.RawRequest{Operation: "x", Path: invoice.PathGetOrders,
		Body: map[string]any{"storeId": invoicetest.DefaultStoreID, "orderBatchNo": "b"}}, nil)
	require.NoError(t, err)
}

func TestRawBodySpacingDoesNotBreakTheSignedBody(t *testing.T) {
	s, c := rawSandbox(t)
	for _, body := range []any{json.RawMessage("{ }"), []byte("{\n}"),
		json.RawMessage(fmt.Sprintf("{\n  \"storeId\" : %d,\n  \"orderBatchNo\" : \"b\"\n}\n", invoicetest.DefaultStoreID))} {
		_, _ = c.Raw(context.Background(), &invoice.RawRequest{Operation: "order.get.raw", Path: invoice.PathGetOrders, Body: body}, nil)
		got := s.Received()
		require.NotEmpty(t, got)
		last := got[len(got)-1]
		assert.True(t, json.Valid(last.Body), "%s", last.Body)
		assert.True(t, last.Auth.VerifySign(invoice.SignAllAuthParams, invoicetest.DefaultAppSecret))
		assert.NotContains(t, last.Message, "JSON")
	}
	assert.Equal(t, invoice.CodeOK, s.Received()[2].Code)
}

func TestRawMasksTheSensitiveValuesItIsGiven(t *testing.T) {
	const title = "杭州小明酒店管理有限公司"
	var logs bytes.Buffer
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			BuyerTitle string `json:"buyerTitle"`
		}
		_ = json.NewDecoder(r.Body).Decode(&in)
		_, _ = fmt.Fprintf(w, `{"code":-1,"message":"抬头 %s 未认证"}`, in.BuyerTitle)
	}))
	defer ts.Close()
	c, err := invoice.NewClient(invoice.WithBaseURL(ts.URL), invoice.WithApp("a", "s"), invoice.WithUserNo("u"),
		invoice.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)
	req := &invoice.RawRequest{Operation: "buyer.check", Path: "/openapi/buyer/check",
		Body: map[string]string{"buyerTitle": title}, Sensitive: []string{title}}
	_, err = c.Raw(context.Background(), req, nil)
	var apiErr *invoice.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "抬头 *** 未认证", apiErr.Message)
	everything := logs.String() + err.Error() + fmt.Sprintf("%v %#v", req, req)
	assert.Contains(t, logs.String(), "buyer.check")
	assert.NotContains(t, everything, title)
}
