package douyin

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
		WithSPIClientTransport(mt),
		WithSPIClientClock(func() time.Time { return spiTestNow }),
		WithSPIClientLogID(func() string { return "LOG123" }),
		WithSPIClientRetryPolicy(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}),
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
	body, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, SignSPI(spiTestSecret, q, body), r.Header.Get("x-life-sign"))
	return string(body)
}

func TestSPIClientCommitOrderWrapped(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathCommitOrder,
		func(r *http.Request) (*http.Response, error) {
			body := checkDouyinCall(t, r, SPIPathCommitOrder)
			assert.JSONEq(t, sampleCommitJSON, body)
			return httpmock.NewStringResponse(200,
				`{"data":{"order_ext_id":"H-77","error_code":0,"description":""},"extra":{"logid":"L9","now":1700000000200}}`), nil
		})
	got, err := c.CommitOrder(context.Background(), sampleCommit())
	require.NoError(t, err)
	assert.Equal(t, &CommitOrderReply{
		Data:  CommitOrderReplyData{OrderExtID: "H-77"},
		Extra: Extra{LogID: "L9", Now: 1700000000200},
	}, got)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.Equal(t, spiTestBase, c.BaseURL())
}

func TestSPIClientCommitOrderFlat(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathCommitOrder,
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
			mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathPaymentStatus,
				func(r *http.Request) (*http.Response, error) {
					body := checkDouyinCall(t, r, SPIPathPaymentStatus)
					assert.JSONEq(t, `{"supplier_ext_id":"S1","order_id":"DY1","order_ext_id":"H1","status":1}`, body)
					return httpmock.NewStringResponse(200, reply), nil
				})
			got, err := c.NotifyPayment(context.Background(),
				&PaymentStatusRequest{SupplierExtID: "S1", OrderID: "DY1", OrderExtID: "H1", Status: PayStatusPaid})
			require.NoError(t, err)
			assert.Equal(t, PaymentStatusReplyData{Status: ConfirmStatusConfirmed, Balance: 12345, Ext: "x"}, got.Data)
			if name == "wrapped" {
				assert.Equal(t, Extra{LogID: "L1", Now: 5}, got.Extra)
			} else {
				assert.Equal(t, Extra{}, got.Extra)
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
			mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathCancelOrder,
				func(r *http.Request) (*http.Response, error) {
					body := checkDouyinCall(t, r, SPIPathCancelOrder)
					assert.JSONEq(t, `{"supplier_ext_id":"","order_id":"DY1","order_ext_id":"H1","order_status":1}`, body)
					return httpmock.NewStringResponse(200, reply), nil
				})
			got, err := c.CancelOrder(context.Background(),
				&CancelOrderRequest{OrderID: "DY1", OrderExtID: "H1", OrderStatus: PayStatusPaid})
			require.NoError(t, err)
			assert.Equal(t, CancelStatusAccepted, got.Data.Status)
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
		want   APIError
	}{
		{"wrapped data error", 200,
			`{"data":{"error_code":2100005,"description":"bad room"},"extra":{"logid":"L2","now":1}}`,
			APIError{ErrorCode: 2100005, Description: "bad room", LogID: "L2", HTTPStatus: 200}},
		{"flat error as string", 200, `{"order_ext_id":"","error_code":"12","description":"sold out"}`,
			APIError{ErrorCode: 12, Description: "sold out", HTTPStatus: 200}},
		{"extra error only", 200,
			`{"data":{"order_ext_id":""},"extra":{"error_code":2100004,"description":"busy","sub_error_code":7,"sub_description":"sub","logid":"L3"}}`,
			APIError{ErrorCode: 2100004, Description: "busy", SubErrorCode: 7, SubDescription: "sub", LogID: "L3", HTTPStatus: 200}},
		{"error reply with HTTP 401", 401, `{"data":{"error_code":2100005,"description":"invalid signature"}}`,
			APIError{ErrorCode: 2100005, Description: "invalid signature", HTTPStatus: 401}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestSPIClient(t)
			mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathCommitOrder, httpmock.NewStringResponder(tc.status, tc.body))
			got, err := c.CommitOrder(context.Background(), sampleCommit())
			require.Nil(t, got)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			tc.want.Operation = string(SPICommitOrder)
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
		op     SPIOperation
		status int
		body   string
		msg    string
	}{
		{"html", SPICommitOrder, 200, `<html>oops</html>`, "reply is not a JSON object"},
		{"empty 502", SPICommitOrder, 502, ``, "HTTP status 502"},
		{"truncated", SPICommitOrder, 200, `{"data":{"order_ext_id":"H`, "unexpected end"},
		{"no order_ext_id", SPICommitOrder, 200, `{"data":{"error_code":0}}`, "without order_ext_id"},
		{"success with 500", SPICommitOrder, 500, `{"order_ext_id":"H1","error_code":0}`, "HTTP status 500"},
		{"bad data type", SPICommitOrder, 200, `{"order_ext_id":5}`, "cannot unmarshal"},
		{"bad extra", SPICommitOrder, 200, `{"data":{"order_ext_id":"H"},"extra":[]}`, "extra:"},
		{"no status", SPINotifyPayment, 200, `{"data":{"error_code":0,"description":""}}`, "without status"},
		{"null status", SPINotifyPayment, 200, `{"status":null,"error_code":0}`, "without status"},
		{"unknown status", SPINotifyPayment, 200, `{"status":9,"error_code":0}`, "status 9 is not a documented confirmation state"},
		{"cancel refused status", SPICancelOrder, 200, `{"status":1,"error_code":0}`, "status 1 is not a documented cancel state"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := newTestSPIClient(t, WithSPIClientRetryPolicy(RetryPolicy{MaxAttempts: 1}))
			mt.RegisterResponder(http.MethodPost, spiTestBase+tc.op.Path(), httpmock.NewStringResponder(tc.status, tc.body))
			var err error
			var got any
			switch tc.op {
			case SPICommitOrder:
				got, err = c.CommitOrder(context.Background(), sampleCommit())
			case SPINotifyPayment:
				got, err = c.NotifyPayment(context.Background(), &PaymentStatusRequest{OrderID: "DY1", Status: 1})
			case SPICancelOrder:
				got, err = c.CancelOrder(context.Background(), &CancelOrderRequest{OrderID: "DY1"})
			}
			assert.Nil(t, got)
			var de *DecodeError
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
	assert.ErrorIs(t, err, ErrInvalidRequest)
	_, err = c.NotifyPayment(context.Background(), nil)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	_, err = c.CancelOrder(context.Background(), &CancelOrderRequest{})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestSPIClientRetriesNotificationsNotCommits(t *testing.T) {
	t.Parallel()
	var clock atomic.Int64
	clock.Store(spiTestNow.UnixMilli())
	c, mt := newTestSPIClient(t, WithSPIClientClock(func() time.Time { return time.UnixMilli(clock.Add(1000)) }))
	var stamps []string
	mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathPaymentStatus,
		func(r *http.Request) (*http.Response, error) {
			body, _ := io.ReadAll(r.Body)
			assert.True(t, VerifySPISign(spiTestSecret, r.URL.Query(), body, r.Header.Get(SPIHeaderSign)))
			stamps = append(stamps, r.URL.Query().Get("timestamp"))
			if len(stamps) == 1 {
				return httpmock.NewStringResponse(500, `{"error_code":2100001,"description":"internal error"}`), nil
			}
			return httpmock.NewStringResponse(200, `{"status":3,"error_code":0}`), nil
		})
	got, err := c.NotifyPayment(context.Background(), &PaymentStatusRequest{OrderID: "DY1", Status: 1})
	require.NoError(t, err)
	assert.Equal(t, ConfirmStatusConfirming, got.Data.Status)
	require.Len(t, stamps, 2)
	assert.NotEqual(t, stamps[0], stamps[1], "every attempt is signed anew")

	mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathCommitOrder,
		httpmock.NewStringResponder(500, `{"error_code":2100001,"description":"internal error"}`))
	_, err = c.CommitOrder(context.Background(), sampleCommit())
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 500, ae.HTTPStatus)
	assert.Equal(t, 1, mt.GetCallCountInfo()["POST "+spiTestBase+SPIPathCommitOrder])
}

func TestSPIClientCommitTransportErrorMaybeSent(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathCommitOrder, httpmock.NewErrorResponder(io.ErrUnexpectedEOF))
	_, err := c.CommitOrder(context.Background(), sampleCommit())
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.NotContains(t, err.Error(), spiTestSecret)
}

func TestSPIClientNilContext(t *testing.T) {
	t.Parallel()
	c, mt := newTestSPIClient(t)
	mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathCancelOrder, httpmock.NewStringResponder(200, `{"status":0}`))
	//lint:ignore SA1012 a nil context must not crash the client
	_, err := c.CancelOrder(nil, &CancelOrderRequest{OrderID: "DY1"})
	require.NoError(t, err)
}

func TestSPIClientHooksAndLogsAreRedacted(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var seen []string
	hooks := Hooks{
		OnRequest: func(_ context.Context, i RequestInfo) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, i.URL, i.Body, strings.Join(i.Header.Values(SPIHeaderSign), ","),
				strings.Join(i.Header.Values(SPIHeaderClientKey), ","))
		},
		OnResponse: func(_ context.Context, i ResponseInfo) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, i.Body)
		},
	}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newTestSPIClient(t, WithSPIClientHooks(hooks), WithSPIClientUserAgent("probe/1"), WithSPIClientLogger(logger))
	var sent string // the signature actually sent
	mt.RegisterResponder(http.MethodPost, spiTestBase+SPIPathCommitOrder,
		func(r *http.Request) (*http.Response, error) {
			assert.Equal(t, "probe/1", r.Header.Get("User-Agent"))
			sent = r.Header.Get(SPIHeaderSign)
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
		"nil http":       {spiTestBase, "k", "s", WithSPIClientHTTPClient(nil)},
		"nil rt":         {spiTestBase, "k", "s", WithSPIClientTransport(nil)},
		"neg retry":      {spiTestBase, "k", "s", WithSPIClientRetryPolicy(RetryPolicy{MaxAttempts: -1})},
		"nil clock":      {spiTestBase, "k", "s", WithSPIClientClock(nil)},
		"nil log id gen": {spiTestBase, "k", "s", WithSPIClientLogID(nil)},
	} {
		c, err := NewSPIClient(tc.base, tc.key, tc.secret, tc.opt)
		assert.Error(t, err, name)
		assert.Nil(t, c, name)
	}
	c, err := NewSPIClient(spiTestBase, "k", "s", nil, WithSPIClientHTTPClient(&http.Client{}),
		WithSPIClientLogger(nil))
	require.NoError(t, err)
	assert.NotNil(t, c)
}

func TestRandomLogID(t *testing.T) {
	t.Parallel()
	a, b := randomLogID(), randomLogID()
	assert.Len(t, a, 32)
	assert.NotEqual(t, a, b)
}
