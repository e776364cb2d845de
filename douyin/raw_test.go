package douyin_test

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
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
)

// rawFast keeps retries but makes their waits negligible.
var rawFast = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}

func rawSandbox(t *testing.T, opts ...douyin.Option) (*douyintest.Server, *douyin.Client) {
	t.Helper()
	s := douyintest.NewServer()
	t.Cleanup(s.Close)
	c, err := s.NewClient(append([]douyin.Option{douyin.WithRetryPolicy(rawFast)}, opts...)...)
	require.NoError(t, err)
	return s, c
}

// statusBody is a valid /poi/order/status body.
var statusBody = map[string]any{"order_id": "7000000000001", "order_ext_id": "EXT-1", "supplier_ext_id": "HOTEL-9", "status": 0}

func TestRawSendsWithTokenAndDecodesEnvelope(t *testing.T) {
	s, c := rawSandbox(t)
	var out struct {
		Balance int64  `json:"balance"`
		Ext     string `json:"ext"`
	}
	res, err := c.Raw(context.Background(), &douyin.RawRequest{
		Operation: "poi.order.status.raw", Path: douyin.PathOrderStatus,
		Query: url.Values{"trace": {"t-1"}}, Body: statusBody,
	}, &out)
	require.NoError(t, err)

	got := s.RequestsTo(douyin.PathOrderStatus)
	require.Len(t, got, 1)
	r := got[0]
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.NotEmpty(t, r.Token)
	assert.Equal(t, r.Token, r.Header.Get("access-token"), "token in the header")
	assert.Equal(t, r.Token, r.Query.Get("access_token"), "and in the query (default placement)")
	assert.Equal(t, "t-1", r.Query.Get("trace"))
	assert.JSONEq(t, `{"order_id":"7000000000001","order_ext_id":"EXT-1","supplier_ext_id":"HOTEL-9","status":0}`, string(r.Body))
	require.Len(t, s.StatusUpdates(), 1)
	assert.Equal(t, "EXT-1", s.StatusUpdates()[0].OrderExtID)

	assert.Equal(t, http.StatusOK, res.HTTPStatus)
	assert.Len(t, res.RequestID, 20, "the envelope's logid")
	assert.JSONEq(t, `{"error_code":0,"description":"","balance":0,"ext":""}`, string(res.Data))
	assert.Equal(t, "", out.Ext)
}

// gateway serves the sandbox under /gw (so that a path the client would
// make absolute fails) plus one endpoint the SDK does not model.
type gateway struct {
	mu   sync.Mutex
	seen []*http.Request
	body [][]byte
}

func (g *gateway) requests() []*http.Request {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]*http.Request(nil), g.seen...)
}

func rawGateway(t *testing.T, answer func(w http.ResponseWriter, r *http.Request)) (*douyintest.Server, *douyin.Client, *gateway) {
	t.Helper()
	s := douyintest.NewServer()
	t.Cleanup(s.Close)
	g := &gateway{}
	mux := http.NewServeMux()
	mux.Handle("/gw/", http.StripPrefix("/gw", s.Handler()))
	mux.HandleFunc("/gw/goodlife/v1/custom/query/", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		g.mu.Lock()
		g.seen, g.body = append(g.seen, r), append(g.body, b)
		g.mu.Unlock()
		answer(w, r)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	key, secret := s.Credentials()
	c, err := douyin.NewClient(douyin.WithBaseURL(ts.URL+"/gw"), douyin.WithClientCredentials(key, secret),
		douyin.WithRetryPolicy(rawFast))
	require.NoError(t, err)
	return s, c, g
}

func TestRawGetWithQueryToUnmodelledEndpoint(t *testing.T) {
	_, c, g := rawGateway(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Tt-Logid", "header-logid")
		_, _ = io.WriteString(w, `{"data":{"error_code":0,"description":"","orders":[{"id":"o1","amount":12800}]},`+
			`"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"envelope-logid","now":1}}`)
	})
	var out struct {
		Orders []struct {
			ID     string `json:"id"`
			Amount int64  `json:"amount"`
		} `json:"orders"`
	}
	res, err := c.Raw(context.Background(), &douyin.RawRequest{
		Operation: "goodlife.custom.query", Method: http.MethodGet, Path: "/goodlife/v1/custom/query/",
		Query: url.Values{"poi_id": {"p1"}, "page": {"1"}}, Idempotent: true,
	}, &out)
	require.NoError(t, err)

	seen := g.requests()
	require.Len(t, seen, 1)
	r := seen[0]
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/gw/goodlife/v1/custom/query/", r.URL.Path)
	assert.Equal(t, "p1", r.URL.Query().Get("poi_id"))
	assert.Equal(t, "1", r.URL.Query().Get("page"))
	tok, err := c.TokenSource().Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, tok.AccessToken, r.Header.Get("access-token"))
	assert.Equal(t, tok.AccessToken, r.URL.Query().Get("access_token"))
	assert.Empty(t, g.body[0], "a GET sends no body")
	assert.Empty(t, r.Header.Get("Content-Type"))
	assert.Contains(t, r.Header.Get("User-Agent"), "hotelsdk-go/")

	assert.Equal(t, "envelope-logid", res.RequestID, "extra.logid wins over the header")
	require.Len(t, out.Orders, 1)
	assert.Equal(t, "o1", out.Orders[0].ID)
	assert.Equal(t, int64(12800), out.Orders[0].Amount)
}

func TestRawBodyForms(t *testing.T) {
	_, c, g := rawGateway(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"data":{"error_code":0,"description":""},"extra":{"logid":"l"}}`)
	})
	ctx := context.Background()
	_, err := c.Raw(ctx, &douyin.RawRequest{Operation: "custom", Path: "/goodlife/v1/custom/query/",
		Body: json.RawMessage(`{"keep":  "as is"}`)}, nil)
	require.NoError(t, err)
	_, err = c.Raw(ctx, &douyin.RawRequest{Operation: "custom", Path: "/goodlife/v1/custom/query/",
		Body: url.Values{"a": {"1"}}}, nil)
	require.NoError(t, err)
	_, err = c.Raw(ctx, &douyin.RawRequest{Operation: "custom", Method: http.MethodDelete, Path: "/goodlife/v1/custom/query/"}, nil)
	require.NoError(t, err)

	seen := g.requests()
	require.Len(t, seen, 3)
	assert.Equal(t, `{"keep":  "as is"}`, string(g.body[0]), "json.RawMessage is sent byte for byte")
	assert.Equal(t, "application/json", seen[0].Header.Get("Content-Type"))
	assert.Equal(t, "a=1", string(g.body[1]))
	assert.Equal(t, "application/x-www-form-urlencoded", seen[1].Header.Get("Content-Type"))
	assert.Equal(t, http.MethodDelete, seen[2].Method)
	assert.Empty(t, g.body[2])
}

func TestRawAPIError(t *testing.T) {
	s, c := rawSandbox(t)
	s.FailNext(douyin.PathOrderStatus, douyin.CodeInvalidParameter, "参数不合法")
	res, err := c.Raw(context.Background(), &douyin.RawRequest{Operation: "status.raw", Path: douyin.PathOrderStatus, Body: statusBody}, nil)
	require.Error(t, err)
	assert.Nil(t, res)
	var apiErr *douyin.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, douyin.CodeInvalidParameter, apiErr.ErrorCode)
	assert.Equal(t, "status.raw", apiErr.Operation)
	assert.NotEmpty(t, apiErr.RequestID)
	assert.False(t, hotelsdk.OutcomeUnknown(err), "an error code proves the call was refused")
	assert.Len(t, s.RequestsTo(douyin.PathOrderStatus), 1)
	assert.Empty(t, s.StatusUpdates())
}

func TestRawUnmodelledPathIsDecodeError(t *testing.T) {
	s, c := rawSandbox(t)
	_, err := c.Raw(context.Background(), &douyin.RawRequest{Operation: "nowhere", Path: "/no/such/endpoint", Body: map[string]int{"a": 1}}, nil)
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, http.StatusNotFound, de.HTTPStatus)
	assert.True(t, hotelsdk.OutcomeUnknown(err), "a non-idempotent request got an answer that is not Douyin's")
	assert.Len(t, s.RequestsTo("/no/such/endpoint"), 1)
}

func TestRawRepeatsOnceWithAFreshTokenWhenRejected(t *testing.T) {
	s, c := rawSandbox(t)
	ctx := context.Background()
	req := &douyin.RawRequest{Operation: "status.raw", Path: douyin.PathOrderStatus, Body: statusBody}
	_, err := c.Raw(ctx, req, nil)
	require.NoError(t, err)
	s.RevokeTokens()
	_, err = c.Raw(ctx, req, nil) // not idempotent: still repeated, Douyin refused the first
	require.NoError(t, err)
	got := s.RequestsTo(douyin.PathOrderStatus)
	require.Len(t, got, 3)
	assert.Equal(t, got[0].Token, got[1].Token)
	assert.NotEqual(t, got[1].Token, got[2].Token, "the repeat carries a new token")
	assert.Equal(t, 2, s.TokenFetches())
	assert.Len(t, s.StatusUpdates(), 2)
}

func TestRawNonIdempotentDroppedConnectionIsSentOnce(t *testing.T) {
	s, c := rawSandbox(t)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: douyin.PathOrderStatus})
	res, err := c.Raw(context.Background(), &douyin.RawRequest{Operation: "status.raw", Path: douyin.PathOrderStatus, Body: statusBody}, nil)
	require.Error(t, err)
	assert.Nil(t, res)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.Equal(t, 1, te.Attempts)
	assert.Equal(t, "status.raw", te.Operation)
	assert.Contains(t, err.Error(), "outcome unknown")
	assert.Len(t, s.RequestsTo(douyin.PathOrderStatus), 1, "sent once")
	assert.Len(t, s.StatusUpdates(), 1, "and it took effect")
}

func TestRawIdempotentDroppedConnectionIsRetried(t *testing.T) {
	s, c := rawSandbox(t)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: douyin.PathOrderStatus})
	res, err := c.Raw(context.Background(), &douyin.RawRequest{Operation: "status.raw", Path: douyin.PathOrderStatus,
		Body: statusBody, Idempotent: true}, nil)
	require.NoError(t, err)
	assert.NotEmpty(t, res.RequestID)
	assert.Len(t, s.RequestsTo(douyin.PathOrderStatus), 2)
}

func TestRawValidationSendsNothing(t *testing.T) {
	s, c := rawSandbox(t)
	var notPointer struct{}
	cases := []struct {
		name  string
		req   *douyin.RawRequest
		out   any
		field string
	}{
		{"nil request", nil, nil, ""},
		{"no operation", &douyin.RawRequest{Path: "/a"}, nil, "Operation"},
		{"blank operation", &douyin.RawRequest{Operation: "  ", Path: "/a"}, nil, "Operation"},
		{"control in operation", &douyin.RawRequest{Operation: "a\nb", Path: "/a"}, nil, "Operation"},
		{"no path", &douyin.RawRequest{Operation: "x"}, nil, "Path"},
		{"absolute URL", &douyin.RawRequest{Operation: "x", Path: "https://evil.example/poi"}, nil, "Path"},
		{"other host", &douyin.RawRequest{Operation: "x", Path: "//evil.example/poi"}, nil, "Path"},
		{"relative", &douyin.RawRequest{Operation: "x", Path: "poi/order"}, nil, "Path"},
		{"dot dot", &douyin.RawRequest{Operation: "x", Path: "/poi/../oauth/client_token/"}, nil, "Path"},
		{"encoded dot dot", &douyin.RawRequest{Operation: "x", Path: "/poi/%2e%2E/x"}, nil, "Path"},
		{"encoded slash dot dot", &douyin.RawRequest{Operation: "x", Path: "/poi..%2F..%2Fx"}, nil, "Path"},
		{"query in path", &douyin.RawRequest{Operation: "x", Path: "/poi?access_token=x"}, nil, "Path"},
		{"space in path", &douyin.RawRequest{Operation: "x", Path: "/poi order"}, nil, "Path"},
		{"backslash", &douyin.RawRequest{Operation: "x", Path: `/poi\..\x`}, nil, "Path"},
		{"bad escape", &douyin.RawRequest{Operation: "x", Path: "/poi%zz"}, nil, "Path"},
		{"lower-case method", &douyin.RawRequest{Operation: "x", Method: "post", Path: "/a"}, nil, "Method"},
		{"unknown method", &douyin.RawRequest{Operation: "x", Method: "TRACE", Path: "/a"}, nil, "Method"},
		{"GET with body", &douyin.RawRequest{Operation: "x", Method: http.MethodGet, Path: "/a", Body: map[string]int{"a": 1}}, nil, "Body"},
		{"token in query", &douyin.RawRequest{Operation: "x", Path: "/a", Query: url.Values{"access_token": {"mine"}}}, nil, "Query"},
		{"empty query name", &douyin.RawRequest{Operation: "x", Path: "/a", Query: url.Values{"": {"v"}}}, nil, "Query"},
		{"invalid JSON bytes", &douyin.RawRequest{Operation: "x", Path: "/a", Body: []byte(`{"a":`)}, nil, "Body"},
		{"string body", &douyin.RawRequest{Operation: "x", Path: "/a", Body: `{"a":1}`}, nil, "Body"},
		{"reader body", &douyin.RawRequest{Operation: "x", Path: "/a", Body: strings.NewReader("{}")}, nil, "Body"},
		{"unmarshalable body", &douyin.RawRequest{Operation: "x", Path: "/a", Body: map[string]any{"c": make(chan int)}}, nil, "Body"},
		{"out not a pointer", &douyin.RawRequest{Operation: "x", Path: "/a"}, notPointer, "out"},
		{"out nil pointer", &douyin.RawRequest{Operation: "x", Path: "/a"}, (*struct{})(nil), "out"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Raw(context.Background(), tc.req, tc.out)
			assert.Nil(t, res)
			var ve *hotelsdk.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
			assert.Equal(t, "douyin", ve.Platform)
			if tc.field != "" {
				require.NotEmpty(t, ve.Problems)
				assert.Equal(t, tc.field, ve.Problems[0].Field, "%v", ve)
			}
			assert.False(t, hotelsdk.OutcomeUnknown(err))
		})
	}
	assert.Empty(t, s.Requests(), "nothing was sent")
	assert.Zero(t, s.TokenFetches(), "not even a token fetch")

	_, err := c.Raw(context.Background(), &douyin.RawRequest{Operation: "x"}, nil)
	var ve *hotelsdk.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "x", ve.Operation, "the caller's operation names the error")
	_, err = c.Raw(context.Background(), &douyin.RawRequest{Path: "//h/x", Method: "bad method"}, nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "raw", ve.Operation)
	assert.Len(t, ve.Problems, 3, "every problem at once: %v", ve)
}

func TestRawRedirectIsNotFollowed(t *testing.T) {
	var elsewhere int
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere++ }))
	defer other.Close()
	_, c, g := rawGateway(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	})
	_, err := c.Raw(context.Background(), &douyin.RawRequest{Operation: "custom", Path: "/goodlife/v1/custom/query/",
		Body: map[string]string{"a": "b"}}, nil)
	var re *hotelsdk.RedirectError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, http.StatusTemporaryRedirect, re.StatusCode)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	assert.Zero(t, elsewhere, "the token and body never reached the other host")
	assert.Len(t, g.requests(), 1)
}

func TestRawRedactsLogsHooksAndErrors(t *testing.T) {
	const phone, name, openID = "13800138000", "张三", "open-id-of-guest"
	var logs bytes.Buffer
	var hooked []string
	var mu sync.Mutex
	record := func(v any) {
		mu.Lock()
		hooked = append(hooked, fmt.Sprintf("%+v", v))
		mu.Unlock()
	}
	s, c := rawSandbox(t,
		douyin.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		douyin.WithHooks(hotelsdk.Hooks{
			OnRequest:  func(_ context.Context, i hotelsdk.RequestInfo) { record(i) },
			OnResponse: func(_ context.Context, i hotelsdk.ResponseInfo) { record(i) },
			OnCallEnd:  func(_ context.Context, _ hotelsdk.CallInfo, r hotelsdk.CallResult) { record(r) },
		}))
	req := &douyin.RawRequest{
		Operation: "custom.guest", Path: douyin.PathOrderStatus,
		Query: url.Values{"open_id": {openID}},
		Body:  map[string]any{"phone": phone, "remark": name, "guest_name": name},
	}
	_, err := c.Raw(context.Background(), req, nil) // refused by the sandbox: unknown fields
	require.Error(t, err)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest})
	_, err2 := c.Raw(context.Background(), req, nil)
	require.Error(t, err2)

	tok := s.RequestsTo(douyin.PathOrderStatus)[0].Token
	require.NotEmpty(t, tok)
	everything := logs.String() + strings.Join(hooked, "\n") + err.Error() + err2.Error() +
		fmt.Sprintf("%v %+v %#v %s", req, req, req, req)
	var sl bytes.Buffer
	slog.New(slog.NewJSONHandler(&sl, nil)).Info("raw", "req", req)
	everything += sl.String()
	assert.Contains(t, logs.String(), "custom.guest", "the logs are there")
	for _, secret := range []string{tok, phone, name, openID} {
		assert.NotContains(t, everything, secret)
		assert.NotContains(t, everything, url.QueryEscape(secret), "queries are logged encoded")
	}

	res := &douyin.RawResult{RequestID: "l", HTTPStatus: 200, Data: json.RawMessage(`{"phone":"` + phone + `","n":1}`)}
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", res, res, res), phone)
	assert.Contains(t, res.String(), `"n":1`)
}

func TestRawOnNilAndClosedClient(t *testing.T) {
	var nilClient *douyin.Client
	_, err := nilClient.Raw(context.Background(), &douyin.RawRequest{Operation: "x", Path: "/a"}, nil)
	require.Error(t, err)
	_, err = (&douyin.Client{}).Raw(context.Background(), nil, nil)
	require.Error(t, err)

	s, c := rawSandbox(t)
	require.NoError(t, c.Close())
	_, err = c.Raw(context.Background(), &douyin.RawRequest{Operation: "x", Path: "/a"}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "closed")
	assert.Empty(t, s.Requests())

	// A nil context is Background, as for every call.
	_, c = rawSandbox(t)
	var nilCtx context.Context
	_, err = c.Raw(nilCtx, &douyin.RawRequest{Operation: "x", Path: douyin.PathOrderStatus, Body: statusBody}, nil)
	require.NoError(t, err)
}

func TestRawOutThatDoesNotFitIsDecodeError(t *testing.T) {
	_, c := rawSandbox(t)
	var out struct {
		Balance string `json:"balance"` // a number on the wire
	}
	_, err := c.Raw(context.Background(), &douyin.RawRequest{Operation: "status.raw", Path: douyin.PathOrderStatus,
		Body: statusBody, Idempotent: true}, &out)
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, de.Error(), "data:")
	assert.False(t, errors.Is(err, douyin.ErrTokenRejected))
}

func TestRawTransientCodeIsRetriedOnlyWhenIdempotent(t *testing.T) {
	s, c := rawSandbox(t)
	ctx := context.Background()
	s.FailNext(douyin.PathOrderStatus, douyin.CodeSystemBusy, "系统繁忙")
	_, err := c.Raw(ctx, &douyin.RawRequest{Operation: "status.raw", Path: douyin.PathOrderStatus, Body: statusBody, Idempotent: true}, nil)
	require.NoError(t, err)
	assert.Len(t, s.RequestsTo(douyin.PathOrderStatus), 2, "busy, then served")

	s.Reset()
	s.FailNext(douyin.PathOrderStatus, douyin.CodeSystemBusy, "系统繁忙")
	_, err = c.Raw(ctx, &douyin.RawRequest{Operation: "status.raw", Path: douyin.PathOrderStatus, Body: statusBody}, nil)
	var apiErr *douyin.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, douyin.CodeSystemBusy, apiErr.ErrorCode)
	assert.True(t, apiErr.Retryable())
	assert.False(t, hotelsdk.OutcomeUnknown(err))
	assert.Len(t, s.RequestsTo(douyin.PathOrderStatus), 1, "a call not declared idempotent is not sent again")
}

func TestRawMasksTheSensitiveValuesItIsGiven(t *testing.T) {
	const guest = "王小明"
	var logs bytes.Buffer
	var mu sync.Mutex
	var hooked []string
	s := douyintest.NewServer()
	defer s.Close()
	mux := http.NewServeMux()
	mux.Handle("/", s.Handler())
	mux.HandleFunc("/goodlife/v1/guest/check/", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Contact string `json:"contact"`
		}
		_ = json.NewDecoder(r.Body).Decode(&in)
		// Douyin quotes what it was sent.
		_, _ = fmt.Fprintf(w, `{"data":{"error_code":2100005,"description":"联系人 %s 不存在"},"extra":{"logid":"l1"}}`, in.Contact)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	key, secret := s.Credentials()
	c, err := douyin.NewClient(douyin.WithBaseURL(ts.URL), douyin.WithClientCredentials(key, secret),
		douyin.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		douyin.WithHooks(hotelsdk.Hooks{OnResponse: func(_ context.Context, i hotelsdk.ResponseInfo) {
			mu.Lock()
			hooked = append(hooked, fmt.Sprintf("%+v", i))
			mu.Unlock()
		}}))
	require.NoError(t, err)
	req := &douyin.RawRequest{Operation: "guest.check", Path: "/goodlife/v1/guest/check/",
		Body: map[string]string{"contact": guest}, Sensitive: []string{guest}}
	_, err = c.Raw(context.Background(), req, nil)
	var apiErr *douyin.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Description, "联系人 *** 不存在")
	everything := logs.String() + strings.Join(hooked, "\n") + err.Error() + fmt.Sprintf("%v %#v", req, req)
	assert.Contains(t, logs.String(), "guest.check")
	assert.NotContains(t, everything, guest)
}
