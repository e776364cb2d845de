package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/internal/faults"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewValidatesConfig(t *testing.T) {
	_, err := New(Config{Platform: "p"})
	require.EqualError(t, err, "p: base URL is required")
	_, err = New(Config{BaseURL: "ftp://x"})
	require.Error(t, err)
	c, err := New(Config{BaseURL: "https://x/"})
	require.NoError(t, err)
	assert.Equal(t, "https://x", c.BaseURL())
}

func TestDefaultHTTPTransportKeepsConnectionsPerHost(t *testing.T) {
	tr := hotelsdk.DefaultHTTPTransport()
	assert.Greater(t, tr.MaxIdleConnsPerHost, http.DefaultMaxIdleConnsPerHost*10)
	assert.NotZero(t, tr.TLSHandshakeTimeout)
	assert.NotZero(t, tr.ResponseHeaderTimeout)
	assert.NotNil(t, tr.DialContext)
}

func TestRequestShapeAndUserAgent(t *testing.T) {
	mt := httpmock.NewMockTransport()
	var got *http.Request
	var body []byte
	mt.RegisterResponder(http.MethodPost, testBase+"/v1/form", func(r *http.Request) (*http.Response, error) {
		got = r
		body, _ = io.ReadAll(r.Body)
		return httpmock.NewStringResponse(200, `{"code":0,"data":{}}`), nil
	})
	c, _ := newTestClient(t, mt)
	err := c.Do(context.Background(), &Request{
		Operation: "form", Method: http.MethodPost, Path: "/v1/form",
		Query:  map[string][]string{"route": {"a.b"}},
		Header: http.Header{"X-Extra": {"1"}},
		Form:   map[string][]string{"mobile": {"1"}, "password": {"p w"}},
		Decode: decodeInto(new(any)),
	}, hotelsdk.WithHeader("X-Call", "yes"))
	require.NoError(t, err)
	assert.Equal(t, "a.b", got.URL.Query().Get("route"))
	assert.Equal(t, "1", got.Header.Get("X-Extra"))
	assert.Equal(t, "yes", got.Header.Get("X-Call"))
	assert.Equal(t, "application/x-www-form-urlencoded", got.Header.Get("Content-Type"))
	assert.Equal(t, "hotelsdk-go/"+hotelsdk.Version+" (test)", got.Header.Get("User-Agent"))
	assert.Equal(t, "mobile=1&password=p+w", string(body))
}

func TestInjectedClientIsNotModified(t *testing.T) {
	mt := httpmock.NewMockTransport()
	hc := &http.Client{Transport: mt}
	jar, _ := cookiejar.New(nil)
	_, err := New(Config{BaseURL: testBase, HTTPClient: hc, CookieJar: jar})
	require.NoError(t, err)
	assert.Nil(t, hc.Jar)
	assert.Same(t, mt, hc.Transport)
}

func TestCookiesOnlyWithAJar(t *testing.T) {
	for _, withJar := range []bool{false, true} {
		mt := httpmock.NewMockTransport()
		var cookies []string
		mt.RegisterResponder(http.MethodGet, testBase+"/c", func(r *http.Request) (*http.Response, error) {
			cookies = append(cookies, r.Header.Get("Cookie"))
			resp := httpmock.NewStringResponse(200, `{"code":0,"data":{}}`)
			resp.Header.Set("Set-Cookie", "PHPSESSID=abc; Path=/")
			return resp, nil
		})
		c, _ := newTestClient(t, mt, func(cfg *Config) {
			if withJar {
				cfg.CookieJar, _ = cookiejar.New(nil)
			}
		})
		for i := 0; i < 2; i++ {
			require.NoError(t, c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "/c", Idempotent: true, Decode: decodeInto(new(any))}))
		}
		if withJar {
			assert.Equal(t, []string{"", "PHPSESSID=abc"}, cookies)
		} else {
			assert.Equal(t, []string{"", ""}, cookies)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, testBase+"/big", httpmock.NewStringResponder(200, `{"code":0,"data":"`+strings.Repeat("x", 100)+`"}`))
	c, _ := newTestClient(t, mt, func(cfg *Config) { cfg.MaxBodyBytes = 32 })
	err := c.Do(context.Background(), &Request{Operation: "big", Method: http.MethodGet, Path: "/big", Idempotent: true, Decode: decodeInto(new(any))})
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Len(t, de.Raw, 32)
	assert.Contains(t, err.Error(), "exceeds the size limit")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestDecodeErrorKeepsStatusAndTruncatedBody(t *testing.T) {
	html := "<html>" + strings.Repeat("错误", 400) + "</html>"
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, testBase+"/h", httpmock.NewStringResponder(502, html))
	mt.RegisterResponder(http.MethodGet, testBase+"/trailing", httpmock.NewStringResponder(200, `{"result":0,"msg":"错误信息",}`))
	c, _ := newTestClient(t, mt, func(cfg *Config) { cfg.Retry.MaxAttempts = 1 })
	err := c.Do(context.Background(), &Request{Operation: "h", Method: http.MethodGet, Path: "/h", Idempotent: true, Decode: decodeInto(new(any))})
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 502, de.HTTPStatus)
	assert.True(t, de.Truncated)
	assert.LessOrEqual(t, len(de.Raw), 512)
	assert.True(t, strings.HasPrefix(html, string(de.Raw)), "cut on a rune boundary")
	assert.Equal(t, "test: h: cannot decode response (HTTP 502, HTML or XML body): invalid character '<' looking for beginning of value", err.Error())

	err = c.Do(context.Background(), &Request{Operation: "t", Method: http.MethodGet, Path: "/trailing", Idempotent: true, Decode: decodeInto(new(any))})
	require.ErrorAs(t, err, &de)
	assert.Equal(t, `{"result":0,"msg":"错误信息",}`, string(de.Raw))
	assert.False(t, de.Truncated)
}

func TestNilDecoderAndDecoderPanic(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, testBase+"/ok", httpmock.NewStringResponder(204, ""))
	mt.RegisterResponder(http.MethodGet, testBase+"/bad", httpmock.NewStringResponder(404, "nope"))
	c, _ := newTestClient(t, mt)
	require.NoError(t, c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "/ok"}))
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "/bad"}), &de)
	assert.Equal(t, 404, de.HTTPStatus)
	err := c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "/ok", Decode: func(*Response) error { panic("bug") }})
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "decoder panic")
}

func TestUnencodableBodyIsAValidationError(t *testing.T) {
	c, _ := newTestClient(t, httpmock.NewMockTransport())
	err := c.Do(context.Background(), &Request{Operation: "x", Method: http.MethodPost, Path: "/x", JSON: map[string]any{"f": func() {}}})
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
}

func TestHooksAndLogsAreRedacted(t *testing.T) {
	rec := &recorder{}
	mt := mockTransport(t, rec, func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(200, `{"code":0,"data":{"access_token":"clt.RESPONSE-TOKEN","user_name":"张三","id":"ok"}}`)
		r.Header.Set("X-Tt-Logid", "LOG-1")
		r.Header.Set("Set-Cookie", "PHPSESSID=SESSION-SECRET")
		return r, nil
	})
	var logs bytes.Buffer
	var reqs []hotelsdk.RequestInfo
	var resps []hotelsdk.ResponseInfo
	c, _ := newTestClient(t, mt, func(cfg *Config) {
		cfg.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		cfg.Hooks = hotelsdk.Hooks{
			OnRequest:  func(_ context.Context, i hotelsdk.RequestInfo) { reqs = append(reqs, i) },
			OnResponse: func(_ context.Context, i hotelsdk.ResponseInfo) { resps = append(resps, i) },
		}
	})
	var out map[string]any
	require.NoError(t, c.Do(context.Background(), signedRequest(true, &out)))
	require.Len(t, reqs, 1)
	require.Len(t, resps, 1)
	assert.Equal(t, "/v1/things?access_token=%2A%2A%2A", reqs[0].URL)
	assert.Equal(t, Mask, reqs[0].Header.Get("X-Life-Sign"))
	assert.Equal(t, "nonce-1", reqs[0].Header.Get("X-Nonce"))
	assert.JSONEq(t, `{"name":"room","tel":"***"}`, reqs[0].Body)
	assert.Equal(t, "LOG-1", resps[0].RequestID)
	assert.Equal(t, 200, resps[0].StatusCode)
	assert.JSONEq(t, `{"code":0,"data":{"access_token":"***","user_name":"***","id":"ok"}}`, resps[0].Body)
	assert.Equal(t, Mask, resps[0].Header.Get("Set-Cookie"))

	all := logs.String()
	for _, secret := range []string{"TOKEN-SECRET-123", "SIGNATURE-SECRET", "13800138000", "RESPONSE-TOKEN", "张三", "SESSION-SECRET"} {
		assert.NotContains(t, all, secret)
	}
	for _, field := range []string{`"attempt":1`, `"status":200`, `"request_id":"LOG-1"`, `"method":"POST"`, `"path":"/v1/things"`, `"duration"`} {
		assert.Contains(t, all, field)
	}
}

func TestSilentByDefault(t *testing.T) {
	// With no logger and no hooks nothing is redacted or printed: the
	// request goes straight through.
	rec := &recorder{}
	c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(200, `{"code":0,"data":{}}`)))
	require.NoError(t, c.Do(context.Background(), signedRequest(true, new(any))))
	assert.Equal(t, 1, rec.count())
}

// TestRealNetworkFailures checks the error classification on real sockets,
// not only on errors a mock returns.
func TestRealNetworkFailures(t *testing.T) {
	t.Run("connection refused is retried even for a write", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := l.Addr().String()
		require.NoError(t, l.Close())
		c, err := New(Config{BaseURL: "http://" + addr, Retry: hotelsdk.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Microsecond}})
		require.NoError(t, err)
		err = c.Do(context.Background(), &Request{Operation: "w", Method: http.MethodPost, Path: "/w", JSON: map[string]int{"a": 1}})
		var te *hotelsdk.TransportError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, 2, te.Attempts)
		assert.False(t, te.MaybeSent)
	})
	t.Run("dropped after the request is sent once for a write", func(t *testing.T) {
		var inj faults.Injector
		var served atomic.Int32
		srv := httptest.NewServer(inj.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			served.Add(1)
			_, _ = w.Write([]byte(`{"code":0,"data":{}}`))
		}), nil))
		defer srv.Close()
		inj.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Times: 5})
		c, err := New(Config{BaseURL: srv.URL, Retry: hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond}})
		require.NoError(t, err)
		err = c.Do(context.Background(), &Request{Operation: "w", Method: http.MethodPost, Path: "/w", JSON: map[string]int{"a": 1}, Decode: decodeInto(new(any))})
		var te *hotelsdk.TransportError
		require.ErrorAs(t, err, &te)
		assert.True(t, te.MaybeSent)
		assert.Equal(t, int32(1), served.Load())

		err = c.Do(context.Background(), &Request{Operation: "r", Method: http.MethodPost, Path: "/r", Idempotent: true, JSON: map[string]int{"a": 1}, Decode: decodeInto(new(any))})
		require.Error(t, err)
		assert.Equal(t, int32(4), served.Load(), "an idempotent read is attempted three times")
	})
}

func TestErrorStrings(t *testing.T) {
	te := &hotelsdk.TransportError{Platform: "p", Operation: "op", Method: "POST", Path: "/x", Attempts: 2, Err: errors.New("boom")}
	assert.Equal(t, "p: op: POST /x: after 2 attempts: boom", te.Error())
	ve := &hotelsdk.ValidationError{Platform: "p", Operation: "op", Problems: []hotelsdk.FieldError{{Field: "a", Message: "is required"}, {Message: "bad"}}}
	assert.Equal(t, "p: op: invalid request: a: is required; bad", ve.Error())
	v := Validator{Platform: "p"}
	assert.NoError(t, v.Err())
	v.Check(false, "b[0].c", "must be %s", "positive")
	v.Check(true, "d", "never")
	assert.EqualError(t, v.Err(), "p: invalid request: b[0].c: must be positive")
}

func TestRedactor(t *testing.T) {
	r := Redactor{Extra: []string{"remark"}}
	assert.Equal(t, `{"list":[{"cn_name":"***","n":1.50}],"remark":"***","x":"y"}`,
		r.Body([]byte(`{"x":"y","remark":"r","list":[{"cn_name":"李四","n":1.50}]}`)))
	assert.Equal(t, "mobile=%2A%2A%2A&route=a", r.Body([]byte("mobile=138&route=a")))
	assert.Equal(t, "[5 bytes]", r.Body([]byte("hello")))
	assert.Equal(t, "[6 bytes, not valid JSON]", r.Body([]byte(`{"a":}`)))
	assert.Equal(t, "", r.Body(nil))
	for _, k := range []string{"access-token", "client_secret", "appSecret", "x-life-sign", "customer_phone", "PASSWORD", "Cookie",
		"contact_mobile", "id_card_no", "IDCardNumber", "guest_email", "passport_no", "contactName", "tel"} {
		assert.True(t, IsSensitive(k), k)
	}
	for _, k := range []string{"order_id", "status", "hotel_id", "route", "hotel_name", "room_name", "total_price", "telescope"} {
		assert.False(t, IsSensitive(k), k)
	}
	assert.Equal(t, `[{"token":"***"}]`, r.Body([]byte(`[{"token":"t"}]`)))
}

func TestMisuseIsAnErrorNotAPanic(t *testing.T) {
	var zero *Client
	require.ErrorContains(t, zero.Do(context.Background(), &Request{}), "create it with NewClient")
	require.ErrorContains(t, (&Client{}).Do(context.Background(), &Request{}), "create it with NewClient")
	c, _ := newTestClient(t, httpmock.NewMockTransport())
	require.ErrorIs(t, c.Do(context.Background(), nil), hotelsdk.ErrInvalidRequest)
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, testBase+"/ok", httpmock.NewStringResponder(200, `{"code":0,"data":{}}`))
	c, _ = newTestClient(t, mt)
	//lint:ignore SA1012 a nil context is what this test is about
	require.NoError(t, c.Do(nil, &Request{Method: http.MethodGet, Path: "/ok"}))
	require.NoError(t, c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "/ok"}, nil))
}

func TestSignerFailureIsLogged(t *testing.T) {
	var logs bytes.Buffer
	c, _ := newTestClient(t, httpmock.NewMockTransport(), func(cfg *Config) {
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	req := signedRequest(true, new(any))
	req.Sign = func(context.Context, *Attempt) error { return errors.New("no token available") }
	require.Error(t, c.Do(context.Background(), req))
	assert.Contains(t, logs.String(), "no token available")
	assert.Contains(t, logs.String(), "level=WARN")
}
