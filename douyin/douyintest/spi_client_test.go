package douyintest

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
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/internal/lifesign"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	spiTestBase   = "https://hotel.example/douyin"
	spiTestKey    = "awx-client-key"
	spiTestSecret = "spi-test-secret"
)

var spiTestNow = time.UnixMilli(1700000000123)

// newTestSPIClient returns an SPIClient over a fresh mock transport, with a
// fixed clock and log id and retries that do not wait long.
func newTestSPIClient(t *testing.T, opts ...SPIClientOption) (*SPIClient, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	base := []SPIClientOption{
		WithSPITransport(mt),
		WithSPIClock(func() time.Time { return spiTestNow }),
		WithSPILogID(func() string { return "LOG123" }),
		WithSPIRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}),
	}
	c, err := NewSPIClient(spiTestBase, spiTestKey, spiTestSecret, append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// checkDouyinCall asserts that r is a call exactly as Douyin makes it and
// returns its body.
func checkDouyinCall(t *testing.T, r *http.Request, path string) string {
	t.Helper()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/douyin"+path, r.URL.Path)
	q := r.URL.Query()
	assert.Equal(t, spiTestKey, q.Get("client_key"))
	assert.Equal(t, "1700000000123", q.Get("timestamp"))
	assert.Len(t, q, 2)
	assert.Equal(t, spiTestKey, r.Header.Get("x-life-clientkey"))
	assert.Equal(t, "LOG123", r.Header.Get("X-Bytedance-Logid"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "hotelsdk-go/"+hotelsdk.Version+" (douyin)", r.Header.Get("User-Agent"))
	body, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, lifesign.Sign(spiTestSecret, q, body), r.Header.Get("x-life-sign"))
	return string(body)
}

func TestSPIClientCommitOrderWrapped(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCommitOrder.Path(),
		func(r *http.Request) (*http.Response, error) {
			body := checkDouyinCall(t, r, spi.OpCommitOrder.Path())
			assert.JSONEq(t, sampleCommitJSON, body)
			return httpmock.NewStringResponse(200,
				`{"data":{"order_ext_id":"H-77","error_code":0,"description":""},"extra":{"logid":"L9","now":1700000000200}}`), nil
		})
	got, err := c.CommitOrder(context.Background(), sampleCommit())
	require.NoError(t, err)
	assert.Equal(t, &CommitOrderReply{
		Data:  CommitOrderReplyData{OrderExtID: "H-77"},
		Extra: douyin.Extra{LogID: "L9", Now: 1700000000200},
	}, got)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.Equal(t, spiTestBase, c.BaseURL())
}

func TestSPIClientCommitOrderFlat(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCommitOrder.Path(),
		httpmock.NewStringResponder(200, `{"order_ext_id":"H-78","error_code":"0","description":""}`))
	got, err := c.CommitOrder(context.Background(), sampleCommit())
	require.NoError(t, err)
	assert.Equal(t, &CommitOrderReply{Data: CommitOrderReplyData{OrderExtID: "H-78"}}, got)
}

func TestSPIClientNotifyPayment(t *testing.T) {
	t.Parallel()
	for name, reply := range map[string]string{
		"wrapped": `{"data":{"status":0,"error_code":0,"description":"","balance":12345,"ext":"x"},"extra":{"logid":"L1","now":5}}`,
		"flat":    `{"status":0,"error_code":0,"description":"","balance":12345,"ext":"x"}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestSPIClient(t)
			mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpNotifyPayment.Path(),
				func(r *http.Request) (*http.Response, error) {
					body := checkDouyinCall(t, r, spi.OpNotifyPayment.Path())
					assert.JSONEq(t, `{"supplier_ext_id":"S1","order_id":"DY1","order_ext_id":"H1","status":1}`, body)
					return httpmock.NewStringResponse(200, reply), nil
				})
			got, err := c.NotifyPayment(context.Background(),
				&spi.NotifyPaymentRequest{SupplierExtID: "S1", OrderID: "DY1", OrderExtID: "H1", Status: douyin.PayStatusPaid})
			require.NoError(t, err)
			assert.Equal(t, NotifyPaymentReplyData{Status: douyin.ConfirmStatusConfirmed, Balance: 12345, Ext: "x"}, got.Data)
			if name == "wrapped" {
				assert.Equal(t, douyin.Extra{LogID: "L1", Now: 5}, got.Extra)
			} else {
				assert.Equal(t, douyin.Extra{}, got.Extra)
			}
		})
	}
}

func TestSPIClientCancelOrder(t *testing.T) {
	t.Parallel()
	for name, reply := range map[string]string{
		"wrapped":   `{"data":{"status":0,"error_code":0,"description":""},"extra":null}`,
		"flat":      `{"status":0,"error_code":0,"description":"ok","ext":"e"}`,
		"no-status": `{"order_ext_id":"H1","error_code":0,"description":""}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestSPIClient(t)
			mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCancelOrder.Path(),
				func(r *http.Request) (*http.Response, error) {
					body := checkDouyinCall(t, r, spi.OpCancelOrder.Path())
					assert.JSONEq(t, `{"supplier_ext_id":"","order_id":"DY1","order_ext_id":"H1","order_status":1}`, body)
					return httpmock.NewStringResponse(200, reply), nil
				})
			got, err := c.CancelOrder(context.Background(),
				&spi.CancelOrderRequest{OrderID: "DY1", OrderExtID: "H1", OrderStatus: douyin.PayStatusPaid})
			require.NoError(t, err)
			assert.Equal(t, douyin.ConfirmStatusConfirmed, got.Data.Status)
			assert.Zero(t, got.Data.ErrorCode)
		})
	}
}

func TestSPIClientErrorReplies(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   douyin.APIError
	}{
		{"wrapped data error", 200,
			`{"data":{"error_code":2100005,"description":"bad room"},"extra":{"logid":"L2","now":1}}`,
			douyin.APIError{ErrorCode: 2100005, Description: "bad room", RequestID: "L2", HTTPStatus: 200}},
		{"flat error as string", 200, `{"order_ext_id":"","error_code":"12","description":"sold out"}`,
			douyin.APIError{ErrorCode: 12, Description: "sold out", HTTPStatus: 200}},
		{"extra error only", 200,
			`{"data":{"order_ext_id":""},"extra":{"error_code":2100004,"description":"busy","sub_error_code":7,"sub_description":"sub","logid":"L3"}}`,
			douyin.APIError{ErrorCode: 2100004, Description: "busy", SubErrorCode: 7, SubDescription: "sub", RequestID: "L3", HTTPStatus: 200}},
		{"error reply with HTTP 401", 401, `{"data":{"error_code":2100005,"description":"invalid signature"}}`,
			douyin.APIError{ErrorCode: 2100005, Description: "invalid signature", HTTPStatus: 401}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestSPIClient(t)
			mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCommitOrder.Path(), httpmock.NewStringResponder(tc.status, tc.body))
			got, err := c.CommitOrder(context.Background(), sampleCommit())
			require.Nil(t, got)
			var ae *douyin.APIError
			require.ErrorAs(t, err, &ae)
			tc.want.Operation = string(spi.OpCommitOrder)
			tc.want.Raw = []byte(tc.body)
			assert.Equal(t, &tc.want, ae)
			assert.Equal(t, 1, mt.GetTotalCallCount(), "a commit is never repeated")
		})
	}
}

func TestSPIClientDecodeErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		op     spi.Operation
		status int
		body   string
		msg    string
	}{
		{"html", spi.OpCommitOrder, 200, `<html>oops</html>`, "reply is not a JSON object"},
		{"empty 502", spi.OpCommitOrder, 502, ``, "HTTP status 502"},
		{"truncated", spi.OpCommitOrder, 200, `{"data":{"order_ext_id":"H`, "unexpected end"},
		{"no order_ext_id", spi.OpCommitOrder, 200, `{"data":{"error_code":0}}`, "without order_ext_id"},
		{"success with 500", spi.OpCommitOrder, 500, `{"order_ext_id":"H1","error_code":0}`, "HTTP status 500"},
		{"bad data type", spi.OpCommitOrder, 200, `{"order_ext_id":5}`, "cannot unmarshal"},
		{"bad extra", spi.OpCommitOrder, 200, `{"data":{"order_ext_id":"H"},"extra":[]}`, "extra:"},
		{"no status", spi.OpNotifyPayment, 200, `{"data":{"error_code":0,"description":""}}`, "without status"},
		{"null status", spi.OpNotifyPayment, 200, `{"status":null,"error_code":0}`, "without status"},
		{"unknown status", spi.OpNotifyPayment, 200, `{"status":9,"error_code":0}`, "status 9 is not a documented confirmation state"},
		{"cancel refused status", spi.OpCancelOrder, 200, `{"status":9,"error_code":0}`, "status 9 is not a documented cancel state"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestSPIClient(t, WithSPIRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1}))
			mt.RegisterResponder(http.MethodPost, spiTestBase+tc.op.Path(), httpmock.NewStringResponder(tc.status, tc.body))
			var err error
			var got any
			switch tc.op {
			case spi.OpCommitOrder:
				got, err = c.CommitOrder(context.Background(), sampleCommit())
			case spi.OpNotifyPayment:
				got, err = c.NotifyPayment(context.Background(), &spi.NotifyPaymentRequest{OrderID: "DY1", Status: 1})
			case spi.OpCancelOrder:
				got, err = c.CancelOrder(context.Background(), &spi.CancelOrderRequest{OrderID: "DY1"})
			}
			assert.Nil(t, got)
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de, "%v", err)
			assert.Equal(t, tc.status, de.HTTPStatus)
			assert.Contains(t, err.Error(), tc.msg)
			assert.Equal(t, string(tc.op), de.Operation)
		})
	}
}

func TestSPIClientValidatesBeforeSending(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	bad := sampleCommit()
	bad.OrderID = ""
	_, err := c.CommitOrder(context.Background(), bad)
	assert.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	_, err = c.NotifyPayment(context.Background(), nil)
	assert.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	_, err = c.CancelOrder(context.Background(), &spi.CancelOrderRequest{})
	assert.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestSPIClientRetriesNotificationsNotCommits(t *testing.T) {
	t.Parallel()
	var clock atomic.Int64
	clock.Store(spiTestNow.UnixMilli())
	c, mt := newTestSPIClient(t, WithSPIClock(func() time.Time { return time.UnixMilli(clock.Add(1000)) }))
	var stamps []string
	mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpNotifyPayment.Path(),
		func(r *http.Request) (*http.Response, error) {
			body, _ := io.ReadAll(r.Body)
			assert.True(t, lifesign.Verify(spiTestSecret, r.URL.Query(), body, r.Header.Get(lifesign.HeaderSign)))
			stamps = append(stamps, r.URL.Query().Get("timestamp"))
			if len(stamps) == 1 {
				return httpmock.NewStringResponse(500, `{"error_code":2100001,"description":"internal error"}`), nil
			}
			return httpmock.NewStringResponse(200, `{"status":3,"error_code":0}`), nil
		})
	got, err := c.NotifyPayment(context.Background(), &spi.NotifyPaymentRequest{OrderID: "DY1", Status: 1})
	require.NoError(t, err)
	assert.Equal(t, douyin.ConfirmStatusConfirming, got.Data.Status)
	require.Len(t, stamps, 2)
	assert.NotEqual(t, stamps[0], stamps[1], "every attempt is signed anew")

	mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCommitOrder.Path(),
		httpmock.NewStringResponder(500, `{"error_code":2100001,"description":"internal error"}`))
	_, err = c.CommitOrder(context.Background(), sampleCommit())
	var ae *douyin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 500, ae.HTTPStatus)
	assert.Equal(t, 1, mt.GetCallCountInfo()["POST "+spiTestBase+spi.OpCommitOrder.Path()])
}

func TestSPIClientCommitTransportErrorMaybeSent(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCommitOrder.Path(), httpmock.NewErrorResponder(io.ErrUnexpectedEOF))
	_, err := c.CommitOrder(context.Background(), sampleCommit())
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.NotContains(t, err.Error(), spiTestSecret)
}

func TestSPIClientNilContext(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCancelOrder.Path(), httpmock.NewStringResponder(200, `{"status":0}`))
	//lint:ignore SA1012 a nil context must not crash the client
	_, err := c.CancelOrder(nil, &spi.CancelOrderRequest{OrderID: "DY1"})
	require.NoError(t, err)
}

func TestSPIClientHooksAndLogsAreRedacted(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []string
	hooks := hotelsdk.Hooks{
		OnRequest: func(_ context.Context, i hotelsdk.RequestInfo) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, i.URL, i.Body, strings.Join(i.Header.Values(lifesign.HeaderSign), ","),
				strings.Join(i.Header.Values(lifesign.HeaderClientKey), ","))
		},
		OnResponse: func(_ context.Context, i hotelsdk.ResponseInfo) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, i.Body)
		},
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newTestSPIClient(t, WithSPIHooks(hooks), WithSPIUserAgent("probe/1"), WithSPILogger(logger))
	var sent string // the signature actually sent
	mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCommitOrder.Path(),
		func(r *http.Request) (*http.Response, error) {
			assert.Equal(t, "probe/1", r.Header.Get("User-Agent"))
			sent = r.Header.Get(lifesign.HeaderSign)
			return httpmock.NewStringResponse(200, `{"order_ext_id":"H1"}`), nil
		})
	_, err := c.CommitOrder(context.Background(), sampleCommit())
	require.NoError(t, err)
	require.Len(t, sent, 64)
	mu.Lock()
	hooked := strings.Join(seen, "\n")
	mu.Unlock()
	for name, out := range map[string]string{"hooks": hooked, "logs": logs.String()} {
		for _, secret := range []string{testPhone, "张三", "Zhang", "late arrival", sent, spiTestSecret, spiTestKey} {
			assert.NotContains(t, out, secret, name)
		}
		assert.Contains(t, out, "DY1001", name)
	}
	assert.Contains(t, logs.String(), `"level":"DEBUG"`, "the request body was logged, masked")
}

func TestNewSPIClientErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		base, key, secret string
		opt               SPIClientOption
	}{
		"no key":         {spiTestBase, "", "s", nil},
		"no secret":      {spiTestBase, "k", "", nil},
		"no base":        {"", "k", "s", nil},
		"bad base":       {"ftp://x", "k", "s", nil},
		"nil http":       {spiTestBase, "k", "s", WithSPIHTTPClient(nil)},
		"nil rt":         {spiTestBase, "k", "s", WithSPITransport(nil)},
		"neg retry":      {spiTestBase, "k", "s", WithSPIRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: -1})},
		"nil clock":      {spiTestBase, "k", "s", WithSPIClock(nil)},
		"nil log id gen": {spiTestBase, "k", "s", WithSPILogID(nil)},
		"nil logger":     {spiTestBase, "k", "s", WithSPILogger(nil)},
	} {
		c, err := NewSPIClient(tc.base, tc.key, tc.secret, tc.opt)
		assert.Error(t, err, name)
		assert.Nil(t, c, name)
	}
	c, err := NewSPIClient(spiTestBase, "k", "s", nil, WithSPIHTTPClient(&http.Client{}))
	require.NoError(t, err)
	assert.NotNil(t, c)
}

func TestRandomLogID(t *testing.T) {
	t.Parallel()
	a, b := randomLogID(), randomLogID()
	assert.Len(t, a, 32)
	assert.NotEqual(t, a, b)
}

func TestReplyWireFormsKeepZeroStatus(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(NotifyPaymentReply{Data: NotifyPaymentReplyData{Status: douyin.ConfirmStatusConfirmed}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"data":{"status":0,"error_code":0,"description":"","balance":0,"ext":""},`+
		`"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"","now":0}}`, string(b))
	b, err = json.Marshal(CancelOrderReplyData{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"status":0,"error_code":0,"description":"","balance":0,"ext":""}`, string(b))
	b, err = json.Marshal(CommitOrderReplyData{OrderExtID: "H1"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"order_ext_id":"H1","error_code":0,"description":""}`, string(b))
}

// TestSPIClientAgainstHandler runs the SPIClient against the handler over a
// real loopback server, in both reply forms.
func TestSPIClientAgainstHandler(t *testing.T) {
	t.Parallel()
	for _, flat := range []bool{false, true} {
		impl := &fakeSPI{}
		opts := []spi.Option{spi.WithCredentials(spiTestKey, spiTestSecret)}
		if flat {
			opts = append(opts, spi.WithFlatReplies())
		}
		h, err := spi.NewHandler(impl, opts...)
		require.NoError(t, err)
		mux := http.NewServeMux()
		mux.Handle("/douyin/", h)
		srv := httptest.NewServer(mux)
		c, err := NewSPIClient(srv.URL+"/douyin", spiTestKey, spiTestSecret)
		require.NoError(t, err)
		ctx := context.Background()

		cr, err := c.CommitOrder(ctx, sampleCommit())
		require.NoError(t, err)
		assert.Equal(t, "H-DY1001", cr.Data.OrderExtID)
		pr, err := c.NotifyPayment(ctx, &spi.NotifyPaymentRequest{OrderID: "DY1001", OrderExtID: cr.Data.OrderExtID, Status: douyin.PayStatusPaid})
		require.NoError(t, err)
		assert.Equal(t, NotifyPaymentReplyData{Status: douyin.ConfirmStatusConfirmed, Balance: 100, Ext: "ok"}, pr.Data)
		_, err = c.CancelOrder(ctx, &spi.CancelOrderRequest{OrderID: "DY1001", OrderExtID: cr.Data.OrderExtID, OrderStatus: douyin.PayStatusPaid})
		require.NoError(t, err)
		require.Len(t, impl.Calls(), 3)
		assert.Equal(t, *sampleCommit(), impl.Calls()[0])

		wrong, err := NewSPIClient(srv.URL+"/douyin", spiTestKey, "not-the-secret", WithSPIRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1}))
		require.NoError(t, err)
		_, err = wrong.CancelOrder(ctx, &spi.CancelOrderRequest{OrderID: "DY1001"})
		var ae *douyin.APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, http.StatusUnauthorized, ae.HTTPStatus)
		assert.Equal(t, douyin.CodeInvalidParameter, ae.ErrorCode)
		assert.Equal(t, "invalid signature (x-life-sign)", ae.Description)
		srv.Close()
	}
}

// FuzzSPIReplyDecode feeds arbitrary replies to the SPIClient's decoder: it
// must never panic, and must either succeed with a usable reply or return an
// *douyin.APIError or a *hotelsdk.DecodeError.
func FuzzSPIReplyDecode(f *testing.F) {
	for _, s := range []string{
		`{"data":{"order_ext_id":"H1","error_code":0,"description":""},"extra":{"logid":"L","now":1}}`,
		`{"order_ext_id":"H1","error_code":0,"description":""}`,
		`{"data":{"status":0,"error_code":0,"description":"","balance":1,"ext":""},"extra":{}}`,
		`{"status":3,"error_code":"0"}`,
		`{"data":{"error_code":2100005,"description":"bad"}}`,
		`{"data":"x","error_code":1}`,
		`{"extra":{"sub_error_code":"9"}}`,
		`<html></html>`,
		``,
	} {
		for op := uint8(0); op < 3; op++ {
			f.Add(op, 200, []byte(s))
		}
	}
	f.Add(uint8(0), 500, []byte(`{"order_ext_id":"H1"}`))

	ops := []spi.Operation{spi.OpCommitOrder, spi.OpNotifyPayment, spi.OpCancelOrder}
	f.Fuzz(func(t *testing.T, opIdx uint8, status int, body []byte) {
		op := ops[int(opIdx)%len(ops)]
		r := &transport.Response{Platform: "douyin", Operation: string(op), StatusCode: status, Body: body}
		var extra douyin.Extra
		var data replyData
		switch op {
		case spi.OpCommitOrder:
			data = &CommitOrderReplyData{}
		case spi.OpNotifyPayment:
			data = &NotifyPaymentReplyData{}
		default:
			data = &CancelOrderReplyData{}
		}
		err := decodeSPIReply(r, data, &extra)
		if err != nil {
			var ae *douyin.APIError
			var de *hotelsdk.DecodeError
			if !errors.As(err, &ae) && !errors.As(err, &de) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			if ae != nil && ae.ErrorCode == 0 && ae.SubErrorCode == 0 {
				t.Fatalf("douyin.APIError without a code: %+v", ae)
			}
			return
		}
		if status/100 != 2 {
			t.Fatalf("success with HTTP %d", status)
		}
		switch d := data.(type) {
		case *CommitOrderReplyData:
			if d.OrderExtID == "" || d.ErrorCode != 0 {
				t.Fatalf("unusable commit reply %+v", d)
			}
		case *NotifyPaymentReplyData:
			if !d.Status.Valid() || d.ErrorCode != 0 {
				t.Fatalf("unusable payment reply %+v", d)
			}
		case *CancelOrderReplyData:
			if !d.Status.Valid() || d.ErrorCode != 0 {
				t.Fatalf("unusable cancel reply %+v", d)
			}
		}
		if extra.ErrorCode != 0 || extra.SubErrorCode != 0 {
			t.Fatalf("success with extra error %+v", extra)
		}
	})
}

const testPhone = "13800138000"

func sampleCommit() *spi.CommitOrderRequest {
	return &spi.CommitOrderRequest{
		OrderID:       "DY1001",
		SPUExtID:      "ROOM-K",
		Status:        douyin.PayStatusPaid,
		ReserveAmount: 1,
		CustomerName:  "张三",
		CustomerPhone: testPhone,
		CustomerList:  []douyin.Customer{{CnName: "张三", GivenName: "San", Surname: "Zhang"}},
		CheckIn:       douyin.NewDate(2024, time.March, 1),
		CheckOut:      douyin.NewDate(2024, time.March, 3),
		TotalPrice:    88000,
		Remark:        "late arrival",
		DatePrice: []douyin.DatePrice{
			{Date: douyin.NewDate(2024, time.March, 1), Price: 44000},
			{Date: douyin.NewDate(2024, time.March, 2), Price: 44000},
		},
	}
}

const sampleCommitJSON = `{"order_id":"DY1001","spu_ext_id":"ROOM-K","status":1,"reserve_amount":1,` +
	`"customer_name":"张三","customer_phone":"13800138000",` +
	`"customer_list":[{"cn_name":"张三","given_name":"San","surname":"Zhang"}],` +
	`"check_in":"20240301","check_out":"20240303","total_price":88000,"remark":"late arrival",` +
	`"date_price":[{"date":"20240301","date_price":44000},{"date":"20240302","date_price":44000}]}`

// fakeSPI answers every call with success.
type fakeSPI struct {
	mu    sync.Mutex
	calls []any
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

func (f *fakeSPI) CommitOrder(_ context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	f.record(wireOnly(*req))
	return &spi.CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func (f *fakeSPI) NotifyPayment(_ context.Context, req *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	f.record(wireOnly(*req))
	return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed, Balance: 100, Ext: "ok"}, nil
}

func (f *fakeSPI) CancelOrder(_ context.Context, req *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	f.record(wireOnly(*req))
	return &spi.CancelOrderResult{}, nil
}

// TestUninitialisedSPIClientReturnsErrors calls every method of a nil and
// a zero-value SPIClient: each returns a clear error, none panics.
func TestUninitialisedSPIClientReturnsErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	commit := sampleCommit()
	for name, c := range map[string]*SPIClient{"nil": nil, "zero": {}} {
		_, err := c.CommitOrder(ctx, commit)
		assert.EqualError(t, err, "douyintest: spi.commit_order: SPIClient not initialised: create it with NewSPIClient or Server.SPI", name)
		_, err = c.NotifyPayment(ctx, &spi.NotifyPaymentRequest{OrderID: "DY1", Status: douyin.PayStatusPaid})
		assert.EqualError(t, err, "douyintest: spi.notify_payment: SPIClient not initialised: create it with NewSPIClient or Server.SPI", name)
		_, err = c.CancelOrder(ctx, &spi.CancelOrderRequest{OrderID: "DY1"})
		assert.EqualError(t, err, "douyintest: spi.cancel_order: SPIClient not initialised: create it with NewSPIClient or Server.SPI", name)
		assert.Empty(t, c.BaseURL(), name)
	}
}

func TestSPIClientNilRequestsAreValidationErrors(t *testing.T) {
	t.Parallel()
	sc, smt := newTestSPIClient(t)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"commit":  func() error { _, err := sc.CommitOrder(ctx, nil); return err },
		"payment": func() error { _, err := sc.NotifyPayment(ctx, nil); return err },
		"cancel":  func() error { _, err := sc.CancelOrder(ctx, nil); return err },
	} {
		err := call()
		var ve *hotelsdk.ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, []hotelsdk.FieldError{{Message: "request is nil"}}, ve.Problems, name)
	}
	assert.Zero(t, smt.GetTotalCallCount())
}

// A cancel reply may carry any of the four documented states (issue 10 §12).
func TestSPIClientCancelReplyStates(t *testing.T) {
	t.Parallel()
	for st := 0; st <= 3; st++ {
		c, mt := newTestSPIClient(t)
		mt.RegisterResponder(http.MethodPost, spiTestBase+spi.OpCancelOrder.Path(),
			httpmock.NewStringResponder(200, fmt.Sprintf(`{"status":%d,"error_code":0}`, st)))
		got, err := c.CancelOrder(context.Background(), &spi.CancelOrderRequest{OrderID: "DY1"})
		require.NoError(t, err, st)
		assert.Equal(t, st, int(got.Data.Status))
	}
}

// wireOnly returns the request without the metadata the handler adds, for
// comparisons with what was sent.
func wireOnly[R spi.CommitOrderRequest | spi.NotifyPaymentRequest | spi.CancelOrderRequest](r R) R {
	switch q := any(&r).(type) {
	case *spi.CommitOrderRequest:
		q.LogID, q.BodySHA256, q.Unverified = "", "", nil
	case *spi.NotifyPaymentRequest:
		q.LogID, q.BodySHA256, q.Unverified = "", "", nil
	case *spi.CancelOrderRequest:
		q.LogID, q.BodySHA256, q.Unverified = "", "", nil
	}
	return r
}
