package transport

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// retryCell is one row of the retry matrix: how the server (or network)
// fails every attempt, and how many attempts each kind of operation makes
// with MaxAttempts = 3.
type retryCell struct {
	name          string
	responder     httpmock.Responder
	idemAttempts  int
	writeAttempts int
	errKind       string // "transport", "decode", "api"
	maybeSent     bool   // for the non-idempotent write's error
}

func retryMatrix() []retryCell {
	timeout := func(req *http.Request) (*http.Response, error) {
		<-req.Context().Done() // the per-attempt timeout ends the wait
		return nil, req.Context().Err()
	}
	return []retryCell{
		{"connection refused", httpmock.NewErrorResponder(dialRefused()), 3, 3, "transport", false},
		{"connection reset after the request was sent", httpmock.NewErrorResponder(resetAfterSend()), 3, 1, "transport", true},
		{"timeout", timeout, 3, 1, "transport", true},
		{"429 with Retry-After", func(*http.Request) (*http.Response, error) {
			r := httpmock.NewStringResponse(429, `{"code":429,"message":"slow down"}`)
			r.Header.Set("Retry-After", "1")
			return r, nil
		}, 3, 1, "api", false},
		{"500", httpmock.NewStringResponder(500, `<html>Internal Server Error</html>`), 3, 1, "decode", false},
		{"503", httpmock.NewStringResponder(503, `Service Unavailable`), 3, 1, "decode", false},
		{"200 with a retryable platform code", httpmock.NewStringResponder(200, `{"code":2100004,"message":"系统繁忙"}`), 3, 1, "api", false},
		{"200 with a fatal platform code", httpmock.NewStringResponder(200, `{"code":2100005,"message":"参数不合法"}`), 1, 1, "api", false},
		{"non-JSON body", httpmock.NewStringResponder(200, `<html><body>Whoops</body></html>`), 1, 1, "decode", false},
	}
}

func TestRetryMatrix(t *testing.T) {
	for _, cell := range retryMatrix() {
		for _, idempotent := range []bool{true, false} {
			want := cell.writeAttempts
			kind := "non-idempotent"
			if idempotent {
				want, kind = cell.idemAttempts, "idempotent"
			}
			t.Run(cell.name+"/"+kind, func(t *testing.T) {
				t.Parallel()
				rec := &recorder{}
				var logs bytes.Buffer
				c, _ := newTestClient(t, mockTransport(t, rec, cell.responder), func(cfg *Config) {
					if cell.name == "timeout" { // the others keep the 1s of newTestClient: a loaded machine must not time them out
						cfg.Retry.PerAttemptTimeout = 20 * time.Millisecond
					}
					cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
				})
				var out map[string]any
				err := c.Do(context.Background(), signedRequest(idempotent, &out))
				require.Error(t, err)
				assert.Equal(t, want, rec.count(), "attempts")
				assert.Nil(t, out, "no half-filled result")

				// Every attempt was signed afresh.
				bodies, nonces := rec.snapshot()
				seen := map[string]bool{}
				for _, n := range nonces {
					assert.False(t, seen[n], "nonce %s reused", n)
					seen[n] = true
				}
				// Every attempt sent the same business bytes.
				for _, b := range bodies {
					assert.Equal(t, bodies[0], b)
				}

				switch cell.errKind {
				case "transport":
					var te *hotelsdk.TransportError
					require.ErrorAs(t, err, &te)
					assert.Equal(t, want, te.Attempts)
					assert.Equal(t, cell.maybeSent, te.MaybeSent, "MaybeSent is the truth, whatever the idempotency")
					assert.Equal(t, !idempotent && cell.maybeSent, hotelsdk.OutcomeUnknown(err))
					assert.Equal(t, !idempotent && cell.maybeSent, strings.Contains(err.Error(), "outcome unknown"))
				case "decode":
					var de *hotelsdk.DecodeError
					require.ErrorAs(t, err, &de)
					assert.NotZero(t, de.HTTPStatus)
					assert.NotEmpty(t, de.Raw)
					assert.Equal(t, !idempotent, hotelsdk.OutcomeUnknown(err), "an unreadable answer to a write")
					assert.Equal(t, !idempotent, strings.Contains(err.Error(), "outcome unknown"))
				case "api":
					var ae *testAPIError
					require.ErrorAs(t, err, &ae)
					assert.False(t, hotelsdk.OutcomeUnknown(err), "the platform answered and refused")
				}
				for _, secret := range []string{"TOKEN-SECRET-123", "SIGNATURE-SECRET", "13800138000"} {
					assert.NotContains(t, err.Error(), secret)
					assert.NotContains(t, logs.String(), secret)
				}
				assert.Equal(t, want, strings.Count(logs.String(), "hotelsdk response"), "one log line per attempt")
			})
		}
	}
}

func TestRetrySucceedsAfterTransientFailures(t *testing.T) {
	rec := &recorder{}
	mt := mockTransport(t, rec, httpmock.NewStringResponder(503, "busy").
		Then(httpmock.NewErrorResponder(resetAfterSend())).
		Then(httpmock.NewStringResponder(200, `{"code":0,"data":{"id":"t-1"}}`)))
	c, ns := newTestClient(t, mt)
	var out struct{ ID string }
	require.NoError(t, c.Do(context.Background(), signedRequest(true, &out)))
	assert.Equal(t, "t-1", out.ID)
	assert.Equal(t, 3, rec.count())
	assert.Len(t, ns.waits, 2)
}

func TestNonIdempotentWriteRetriedOnlyWhileNeverSent(t *testing.T) {
	rec := &recorder{}
	mt := mockTransport(t, rec, httpmock.NewErrorResponder(dialRefused()).
		Then(httpmock.NewErrorResponder(resetAfterSend())).
		Then(httpmock.NewStringResponder(200, `{"code":0,"data":{"id":"dup"}}`)))
	c, _ := newTestClient(t, mt)
	var out struct{ ID string }
	err := c.Do(context.Background(), signedRequest(false, &out))
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.Equal(t, 2, rec.count(), "refused dial retried, reset after sending not")
	assert.Contains(t, err.Error(), "may have reached the server")
}

func TestRetryAfterHonouredUpToCeiling(t *testing.T) {
	ra := func(v string) httpmock.Responder {
		return func(*http.Request) (*http.Response, error) {
			r := httpmock.NewStringResponse(429, `{"code":429}`)
			r.Header.Set("Retry-After", v)
			return r, nil
		}
	}
	t.Run("within ceiling", func(t *testing.T) {
		rec := &recorder{}
		c, ns := newTestClient(t, mockTransport(t, rec, ra("2")))
		require.Error(t, c.Do(context.Background(), signedRequest(true, new(any))))
		assert.Equal(t, 3, rec.count())
		assert.Equal(t, []time.Duration{2 * time.Second, 2 * time.Second}, ns.waits)
	})
	t.Run("over ceiling ends the retries", func(t *testing.T) {
		rec := &recorder{}
		c, ns := newTestClient(t, mockTransport(t, rec, ra("120")))
		require.Error(t, c.Do(context.Background(), signedRequest(true, new(any))))
		assert.Equal(t, 1, rec.count())
		assert.Empty(t, ns.waits)
	})
	t.Run("http date", func(t *testing.T) {
		now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		d, ok := retryAfter(http.Header{"Retry-After": {now.Add(7 * time.Second).Format(http.TimeFormat)}}, now)
		assert.True(t, ok)
		assert.Equal(t, 7*time.Second, d)
		_, ok = retryAfter(http.Header{"Retry-After": {"soon"}}, now)
		assert.False(t, ok)
	})
}

func TestBackoffIsCappedFullJitter(t *testing.T) {
	p := withDefaults(hotelsdk.RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: 300 * time.Millisecond})
	top := func(n int64) int64 { return n - 1 }
	assert.Equal(t, 100*time.Millisecond, backoff(p, 2, top))
	assert.Equal(t, 200*time.Millisecond, backoff(p, 3, top))
	assert.Equal(t, 300*time.Millisecond, backoff(p, 4, top))
	assert.Equal(t, 300*time.Millisecond, backoff(p, 40, top))
	assert.Equal(t, time.Duration(0), backoff(p, 3, func(int64) int64 { return 0 }))
	for i := 0; i < 100; i++ {
		d := backoff(p, 3, defaultJitter)
		assert.True(t, d >= 0 && d <= 200*time.Millisecond, d)
	}
}

func TestContextBoundsTheWholeCall(t *testing.T) {
	t.Run("cancelled during an attempt is never retried", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		mt := mockTransport(t, rec, func(req *http.Request) (*http.Response, error) {
			cancel()
			<-req.Context().Done()
			return nil, req.Context().Err()
		})
		c, _ := newTestClient(t, mt)
		err := c.Do(ctx, signedRequest(true, new(any)))
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 1, rec.count())
	})
	t.Run("deadline during an attempt", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		mt := mockTransport(t, rec, func(req *http.Request) (*http.Response, error) {
			<-req.Context().Done()
			return nil, req.Context().Err()
		})
		c, _ := newTestClient(t, mt)
		err := c.Do(ctx, signedRequest(true, new(any)))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 1, rec.count())
	})
	t.Run("no wait that outlives the deadline", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c, ns := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(503, "busy")), func(cfg *Config) {
			cfg.Retry.BaseDelay = time.Hour
			cfg.Retry.MaxDelay = time.Hour
			cfg.Jitter = func(n int64) int64 { return n - 1 }
		})
		require.Error(t, c.Do(ctx, signedRequest(true, new(any))))
		assert.Equal(t, 1, rec.count())
		assert.Empty(t, ns.waits)
	})
	t.Run("cancelled during the backoff wait", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(503, "busy")), func(cfg *Config) {
			cfg.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); return sleepCtx(ctx, d) }
		})
		require.Error(t, c.Do(ctx, signedRequest(true, new(any))))
		assert.Equal(t, 1, rec.count())
	})
	t.Run("already cancelled sends nothing", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(200, `{"code":0,"data":{}}`)))
		err := c.Do(ctx, signedRequest(true, new(any)))
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 0, rec.count())
	})
}

func TestPerCallPolicyOverride(t *testing.T) {
	rec := &recorder{}
	c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(503, "busy")))
	require.Error(t, c.Do(context.Background(), signedRequest(true, new(any)), hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1})))
	assert.Equal(t, 1, rec.count())

	rec2 := &recorder{}
	c2, _ := newTestClient(t, mockTransport(t, rec2, httpmock.NewStringResponder(503, "busy")))
	require.Error(t, c2.Do(context.Background(), signedRequest(true, new(any)),
		hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Nanosecond})))
	assert.Equal(t, 5, rec2.count())

	// An override cannot make a write repeat after it may have been sent.
	rec3 := &recorder{}
	c3, _ := newTestClient(t, mockTransport(t, rec3, httpmock.NewStringResponder(503, "busy")))
	require.Error(t, c3.Do(context.Background(), signedRequest(false, new(any)), hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 5})))
	assert.Equal(t, 1, rec3.count())
}

func TestSignerFailureSendsNothing(t *testing.T) {
	rec := &recorder{}
	c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(200, `{"code":0,"data":{}}`)))
	req := signedRequest(true, new(any))
	boom := errors.New("no token")
	req.Sign = func(context.Context, *Attempt) error { return boom }
	require.ErrorIs(t, c.Do(context.Background(), req), boom)
	assert.Equal(t, 0, rec.count())
}
