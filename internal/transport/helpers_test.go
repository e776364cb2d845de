package transport

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

const testBase = "https://api.test/prefix"

// testEnvelope is a platform envelope like the invoice API's.
type testEnvelope struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// testAPIError is what a package's decoder returns for code != 0.
type testAPIError struct {
	Code    int
	Message string
}

func (e *testAPIError) Error() string   { return fmt.Sprintf("code %d: %s", e.Code, e.Message) }
func (e *testAPIError) Retryable() bool { return e.Code == 2100004 }

// decodeInto returns a Decode function that fills out from the envelope.
func decodeInto(out any) func(*Response) error {
	return func(r *Response) error {
		var env testEnvelope
		if err := json.Unmarshal(r.Body, &env); err != nil {
			return r.DecodeError(err)
		}
		if env.Code != 0 {
			return &testAPIError{Code: env.Code, Message: env.Message}
		}
		if r.StatusCode/100 != 2 {
			return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
		}
		if err := json.Unmarshal(env.Data, out); err != nil {
			return r.DecodeError(err)
		}
		return nil
	}
}

// recorder records every attempt the mock transport received.
type recorder struct {
	mu     sync.Mutex
	bodies []string
	nonces []string
}

func (r *recorder) add(req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if req.Body != nil {
		b := make([]byte, 0, 64)
		buf := make([]byte, 512)
		for {
			n, err := req.Body.Read(buf)
			b = append(b, buf[:n]...)
			if err != nil {
				break
			}
		}
		r.bodies = append(r.bodies, string(b))
	}
	r.nonces = append(r.nonces, req.Header.Get("X-Nonce"))
}

// snapshot returns copies of what was recorded so far: a timed-out attempt's
// request may still be recorded after the call returned.
func (r *recorder) snapshot() (bodies, nonces []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.bodies...), append([]string(nil), r.nonces...)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.nonces)
}

// noSleep records the waits instead of sleeping.
type noSleep struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *noSleep) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func newTestClient(t *testing.T, rt http.RoundTripper, mutate ...func(*Config)) (*Client, *noSleep) {
	t.Helper()
	ns := &noSleep{}
	cfg := Config{
		Platform:     "test",
		BaseURL:      testBase,
		RoundTripper: rt,
		Retry:        hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, PerAttemptTimeout: time.Second},
		Sleep:        ns.sleep,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	require.NoError(t, err)
	return c, ns
}

// signedRequest returns a request whose signer stamps a fresh nonce and a
// secret-bearing signature on every attempt.
func signedRequest(idempotent bool, out any) *Request {
	var mu sync.Mutex
	n := 0
	return &Request{
		Operation:  "thing.create",
		Method:     http.MethodPost,
		Path:       "/v1/things",
		Query:      map[string][]string{"access_token": {"TOKEN-SECRET-123"}},
		JSON:       map[string]any{"name": "room", "tel": "13800138000"},
		Idempotent: idempotent,
		Sign: func(_ context.Context, a *Attempt) error {
			mu.Lock()
			n++
			nonce := fmt.Sprintf("nonce-%d", n)
			mu.Unlock()
			a.Header.Set("X-Nonce", nonce)
			a.Header.Set("X-Life-Sign", "SIGNATURE-SECRET-"+nonce)
			return nil
		},
		Decode: decodeInto(out),
	}
}

func dialRefused() error {
	return &net.OpError{Op: "dial", Net: "tcp", Err: &os.SyscallError{Syscall: "connect", Err: syscall.ECONNREFUSED}}
}

func resetAfterSend() error {
	return &net.OpError{Op: "read", Net: "tcp", Err: &os.SyscallError{Syscall: "read", Err: syscall.ECONNRESET}}
}

func mockTransport(t *testing.T, rec *recorder, responder httpmock.Responder) *httpmock.MockTransport {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBase+"/v1/things", func(req *http.Request) (*http.Response, error) {
		rec.add(req)
		return responder(req)
	})
	return mt
}
