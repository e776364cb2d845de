package transport

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCancelledDuringBackoff (issue 10 §7): a context that ends while the
// call waits before its next attempt makes errors.Is(err, ctx.Err()) true,
// keeps the last attempt's error reachable, says so in the text, and keeps
// OutcomeUnknown truthful.
func TestCancelledDuringBackoff(t *testing.T) {
	// cancelAt returns a Sleep that ends the call's context at the n-th wait.
	cancelAt := func(n int, end func()) func(context.Context, time.Duration) error {
		waits := 0
		return func(ctx context.Context, d time.Duration) error {
			waits++
			if waits == n {
				end()
			}
			return sleepCtx(ctx, d)
		}
	}
	t.Run("cancelled after a 503, idempotent", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(503, "busy")), func(cfg *Config) {
			cfg.Sleep = cancelAt(2, cancel)
		})
		err := c.Do(ctx, signedRequest(true, new(any)))
		require.ErrorIs(t, err, context.Canceled)
		var de *hotelsdk.DecodeError
		require.ErrorAs(t, err, &de, "the last attempt's error stays reachable")
		assert.Equal(t, 503, de.HTTPStatus)
		assert.Equal(t, 2, rec.count())
		assert.Contains(t, err.Error(), "test: thing.create: POST /v1/things: call cancelled during the backoff after 2 attempts (context canceled); last attempt: ")
		assert.Contains(t, err.Error(), "HTTP 503")
		assert.False(t, hotelsdk.OutcomeUnknown(err))
	})
	t.Run("deadline during the wait after a platform error", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		boom := errors.New("shutting down")
		c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(200, `{"code":2100004,"message":"busy"}`)), func(cfg *Config) {
			cfg.Sleep = cancelAt(1, func() { cancel(boom) })
		})
		err := c.Do(ctx, signedRequest(true, new(any)))
		require.ErrorIs(t, err, context.Canceled)
		require.ErrorIs(t, err, boom, "the context's cause is reachable too")
		var ae *testAPIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, 2100004, ae.Code)
		assert.Contains(t, err.Error(), "call cancelled during the backoff after 1 attempt (context canceled: shutting down)")
	})
	t.Run("real deadline during a real wait", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewErrorResponder(resetAfterSend())), func(cfg *Config) {
			cfg.Sleep = func(ctx context.Context, _ time.Duration) error { <-ctx.Done(); return ctx.Err() }
		})
		err := c.Do(ctx, signedRequest(true, new(any)))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		var te *hotelsdk.TransportError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, 1, te.Attempts)
		assert.Contains(t, err.Error(), "call cancelled during the backoff after 1 attempt (context deadline exceeded)")
	})
	t.Run("write never sent, cancelled before its next attempt: not outcome-unknown", func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewErrorResponder(dialRefused())), func(cfg *Config) {
			cfg.Sleep = cancelAt(1, cancel)
		})
		err := c.Do(ctx, signedRequest(false, new(any)))
		require.ErrorIs(t, err, context.Canceled)
		var te *hotelsdk.TransportError
		require.ErrorAs(t, err, &te)
		assert.False(t, te.MaybeSent)
		assert.False(t, hotelsdk.OutcomeUnknown(err))
		assert.NotContains(t, err.Error(), "outcome unknown")
	})
	t.Run("a write that may have been received stays outcome-unknown", func(t *testing.T) {
		// The loop never waits after such an attempt; the error type still
		// keeps the fact when it wraps one.
		last := &hotelsdk.DecodeError{Platform: "test", Operation: "thing.create", HTTPStatus: 502}
		c, _ := newTestClient(t, mockTransport(t, &recorder{}, httpmock.NewStringResponder(200, `{}`)))
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := signedRequest(false, new(any))
		err := c.cancelledInBackoff(ctx, nil, req, 2, true, last)
		assert.True(t, hotelsdk.OutcomeUnknown(err))
		assert.Contains(t, err.Error(), "outcome unknown")
		err = c.cancelledInBackoff(ctx, nil, req, 2, false, &hotelsdk.TransportError{Err: resetAfterSend(), MaybeSent: false})
		assert.False(t, hotelsdk.OutcomeUnknown(err))
	})
	t.Run("hooks see the cancellation", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var res hotelsdk.CallResult
		c, _ := newTestClient(t, mockTransport(t, &recorder{}, httpmock.NewStringResponder(http.StatusServiceUnavailable, "busy")), func(cfg *Config) {
			cfg.Sleep = cancelAt(1, cancel)
			cfg.Hooks.OnCallEnd = func(_ context.Context, _ hotelsdk.CallInfo, r hotelsdk.CallResult) { res = r }
		})
		err := c.Do(ctx, signedRequest(true, new(any)))
		assert.ErrorIs(t, res.Err, context.Canceled)
		assert.Equal(t, err, res.Err)
		assert.Equal(t, 1, res.Attempts)
	})
}
