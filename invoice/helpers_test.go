package invoice

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

// Values of the documentation's signature example.
const (
	docAppID     = "12345678"
	docSecret    = "abcdef"
	docNonce     = "b7c0ebd06e66454b867e73d8400ff882"
	docTimestamp = 1554366469041
	docMD5       = "8AED3DCC696D89D628AA62719A66FBED"
	docSHA1      = "6DF9CBB3D636644C7ADF60269321A3E61B4A0C6F"
	testBaseURL  = "https://invoice.test/gw"
)

// fakeClock starts at the documentation's timestamp and advances by step on
// every call, so consecutive attempts carry different timestamps.
type fakeClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func newFakeClock(step time.Duration) *fakeClock {
	return &fakeClock{t: time.UnixMilli(docTimestamp), step: step}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

// nonceSeq returns the documentation's nonce first, then nonce-2, nonce-3...
func nonceSeq() func() (string, error) {
	var mu sync.Mutex
	n := 0
	return func() (string, error) {
		mu.Lock()
		defer mu.Unlock()
		n++
		if n == 1 {
			return docNonce, nil
		}
		return fmt.Sprintf("nonce-%d", n), nil
	}
}

// fastRetries keeps retry waits negligible.
var fastRetries = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond}

// newTestClient returns a client on mt with the documentation's app, a
// userId identity, the core signed set (so the documentation's vector
// applies), a fixed clock and nonce sequence.
func newTestClient(t *testing.T, mt http.RoundTripper, opts ...Option) *Client {
	t.Helper()
	base := []Option{
		WithBaseURL(testBaseURL),
		WithTransport(mt),
		WithApp(docAppID, docSecret),
		WithUserID("u-1001"),
		WithSignedParams(SignCoreParams),
		WithClock(newFakeClock(0).Now),
		WithNonceSource(nonceSeq()),
		WithRetryPolicy(fastRetries),
	}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// recorded is one request a responder saw.
type recorded struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// recorder collects requests and answers from a list of responders in order
// (the last one repeats).
type recorder struct {
	mu   sync.Mutex
	reqs []recorded
}

func (r *recorder) responder(answers ...httpmock.Responder) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
		}
		r.mu.Lock()
		r.reqs = append(r.reqs, recorded{Method: req.Method, URL: req.URL.String(), Header: req.Header.Clone(), Body: body})
		n := len(r.reqs)
		r.mu.Unlock()
		i := min(n-1, len(answers)-1)
		return answers[i](req)
	}
}

func (r *recorder) all() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recorded(nil), r.reqs...)
}

// authOf decodes the authentication parameters of a request body.
func authOf(t *testing.T, body []byte) AuthParams {
	t.Helper()
	var a AuthParams
	require.NoError(t, json.Unmarshal(body, &a))
	return a
}

// jsonResponder answers status with body as application/json.
func jsonResponder(status int, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json;charset=UTF-8")
		return resp, nil
	}
}
