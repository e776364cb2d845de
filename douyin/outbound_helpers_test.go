package douyin

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

// obNow is the fake clock's start: 2024-03-01 12:00:00 UTC.
var obNow = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// obClock is a settable clock safe for concurrent use.
type obClock struct {
	mu sync.Mutex
	t  time.Time
}

func newObClock() *obClock { return &obClock{t: obNow} }

func (c *obClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *obClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// obFastRetry keeps retries but makes their waits negligible.
var obFastRetry = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}

// obSeen is what a mock endpoint received.
type obSeen struct {
	Method string
	Path   string
	Query  map[string][]string
	Header http.Header
	Body   string
}

// obRecorder captures requests to one endpoint and answers from a list
// (the last answer repeats).
type obRecorder struct {
	mu       sync.Mutex
	seen     []obSeen
	answers  []httpmock.Responder
	received int
}

func (r *obRecorder) responder(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	r.mu.Lock()
	r.seen = append(r.seen, obSeen{req.Method, req.URL.Path, req.URL.Query(), req.Header.Clone(), string(body)})
	i := r.received
	r.received++
	if i >= len(r.answers) {
		i = len(r.answers) - 1
	}
	ans := r.answers[i]
	r.mu.Unlock()
	return ans(req)
}

func (r *obRecorder) requests() []obSeen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]obSeen(nil), r.seen...)
}

func (r *obRecorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.received
}

// mock registers a obRecorder for method+URL answering with answers in turn.
func obMock(mt *httpmock.MockTransport, method, url string, answers ...httpmock.Responder) *obRecorder {
	r := &obRecorder{answers: answers}
	mt.RegisterResponder(method, url, r.responder)
	return r
}

func obJSON(status int, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
}

const (
	obTokenURL  = DefaultBaseURL + PathClientToken
	obStatusURL = DefaultBaseURL + PathOrderStatus
	obSyncURL   = DefaultBaseURL + PathOrderSync
	obUserURL   = DefaultBaseURL + PathAccessToken
)

func obTokenAnswer(tok string, expiresIn int) httpmock.Responder {
	b, _ := json.Marshal(map[string]any{
		"data":    map[string]any{"access_token": tok, "expires_in": expiresIn, "error_code": 0, "description": ""},
		"message": "success",
	})
	return obJSON(200, string(b))
}

const obOKStatus = `{"data":{"error_code":0,"description":"","balance":0,"ext":""},"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"2024030112000001","now":1709294400000}}`

func obErrorBody(code any, desc string) string {
	b, _ := json.Marshal(map[string]any{
		"data":  map[string]any{"error_code": code, "description": desc},
		"extra": map[string]any{"error_code": 0, "description": "", "sub_error_code": 0, "sub_description": "", "logid": "LOG-ERR", "now": 1709294400000},
	})
	return string(b)
}

// newOutboundClient returns a client on mt with credentials ck/cs, a fake clock
// and fast retries.
func newOutboundClient(t *testing.T, mt *httpmock.MockTransport, clock *obClock, opts ...Option) *Client {
	t.Helper()
	all := append([]Option{WithTransport(mt), WithClientCredentials("ck", "cs"), WithClock(clock.Now), WithRetryPolicy(obFastRetry)}, opts...)
	c, err := NewClient(all...)
	require.NoError(t, err)
	return c
}
