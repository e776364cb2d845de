package transport

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// switchable answers 503 while down is true, else success; while
// failNext is set, the next request gets a 503 and clears it.
func switchable(down *atomic.Bool, failNext ...*atomic.Bool) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		if down.Load() || (len(failNext) > 0 && failNext[0].CompareAndSwap(true, false)) {
			return httpmock.NewStringResponse(503, "busy"), nil
		}
		return httpmock.NewStringResponse(200, `{"code":0,"data":{"id":"ok"}}`), nil
	}
}

func callMany(t *testing.T, c *Client, n int) (failed int) {
	t.Helper()
	var wg sync.WaitGroup
	var f atomic.Int32
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if c.Do(context.Background(), signedRequest(true, new(any))) != nil {
				f.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(f.Load())
}

// TestRetryBudgetBoundsAnOutage (issue 10 §15): during a platform outage,
// N concurrent calls made 3N attempts; with the default budget (500
// tokens, 5 per retry) they make at most N+100. After recovery, successes
// refill the budget and a transient failure is retried again.
func TestRetryBudgetBoundsAnOutage(t *testing.T) {
	const n = 300
	var down, failNext atomic.Bool
	down.Store(true)
	rec := &recorder{}
	var logs bytes.Buffer
	var reasons []string
	var mu sync.Mutex
	c, _ := newTestClient(t, mockTransport(t, rec, switchable(&down, &failNext)), func(cfg *Config) {
		cfg.Retry.Budget = hotelsdk.RetryBudget{} // the default
		cfg.Retry.PerAttemptTimeout = time.Minute // no timeouts under a loaded -race run: each retry costs 5
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		cfg.Hooks.OnResponse = func(_ context.Context, i hotelsdk.ResponseInfo) {
			mu.Lock()
			reasons = append(reasons, i.RetryReason)
			mu.Unlock()
		}
	})

	assert.Equal(t, n, callMany(t, c, n))
	attempts := rec.count()
	t.Logf("outage: %d calls made %d attempts (3N = %d)", n, attempts, 3*n)
	assert.LessOrEqual(t, attempts, n+100, "500 tokens pay for 100 retries")
	assert.GreaterOrEqual(t, attempts, n+100, "every token was used")
	assert.Contains(t, reasons, "retry budget exhausted (HTTP 503)")
	assert.Contains(t, logs.String(), `retry_reason="retry budget exhausted (HTTP 503)"`)

	// Still down, bucket empty: a call makes one attempt.
	before := rec.count()
	require.Error(t, c.Do(context.Background(), signedRequest(true, new(any))))
	assert.Equal(t, 1, rec.count()-before)

	// Recovery: 5 successes (1 token each) pay for one retry.
	down.Store(false)
	for i := 0; i < 5; i++ {
		require.NoError(t, c.Do(context.Background(), signedRequest(true, new(any))))
	}
	before = rec.count()
	failNext.Store(true) // one transient failure
	require.NoError(t, c.Do(context.Background(), signedRequest(true, new(any))), "the refilled budget pays for the retry")
	assert.Equal(t, 2, rec.count()-before)
	// The successful retry gave its cost back: the budget holds 5 again.
	assert.Equal(t, int64(5), c.budget.tokens.Load())
}

// TestRetryBudgetTimeoutsCostMore: a retry after a timeout takes 10 tokens.
func TestRetryBudgetTimeoutsCostMore(t *testing.T) {
	b := newRetryBudget(hotelsdk.RetryBudget{Capacity: 20})
	cost, ok, _ := b.afford(outcome{kind: kindTransport, cause: context.DeadlineExceeded}, "transient transport error (timeout)")
	assert.True(t, ok)
	assert.Equal(t, int64(10), cost)
	cost, ok, _ = b.afford(outcome{kind: kindAnswer}, "HTTP 503")
	assert.True(t, ok)
	assert.Equal(t, int64(5), cost)
	_, ok, reason := b.afford(outcome{kind: kindTransport, cause: context.DeadlineExceeded}, "transient transport error (timeout)")
	assert.False(t, ok)
	assert.Equal(t, "retry budget exhausted (transient transport error (timeout))", reason)
	cost, ok, _ = b.afford(outcome{kind: kindAnswer}, "HTTP 503")
	assert.True(t, ok, "5 tokens left pay for a plain retry")
	assert.Equal(t, int64(5), cost)
	assert.Equal(t, int64(0), b.tokens.Load())
	b.succeeded(0)
	assert.Equal(t, int64(1), b.tokens.Load())
	b.succeeded(1 << 62) // never above the capacity, never overflowing
	assert.Equal(t, int64(20), b.tokens.Load())
}

// TestRetryBudgetDisabled: Disabled makes every retry the policy allows.
func TestRetryBudgetDisabled(t *testing.T) {
	const n = 100
	var down atomic.Bool
	down.Store(true)
	rec := &recorder{}
	c, _ := newTestClient(t, mockTransport(t, rec, switchable(&down)), func(cfg *Config) {
		cfg.Retry.Budget = hotelsdk.RetryBudget{Disabled: true, Capacity: 1}
	})
	assert.Nil(t, c.budget)
	assert.Equal(t, n, callMany(t, c, n))
	assert.Equal(t, 3*n, rec.count())
}

// TestRetryBudgetValidation: negative fields and costs above the capacity
// are refused; a per-call policy's budget is ignored (the client's applies).
func TestRetryBudgetValidation(t *testing.T) {
	for _, b := range []hotelsdk.RetryBudget{
		{Capacity: -1}, {RetryCost: -1}, {TimeoutRetryCost: -5}, {SuccessRefill: -1},
		{Capacity: 4}, {Capacity: 8, RetryCost: 1}, {RetryCost: 501},
	} {
		_, err := New(Config{Platform: "test", BaseURL: testBase, Retry: hotelsdk.RetryPolicy{Budget: b}})
		assert.ErrorIs(t, err, hotelsdk.ErrInvalidRetryPolicy, "%+v", b)
	}
	_, err := New(Config{Platform: "test", BaseURL: testBase, Retry: hotelsdk.RetryPolicy{Budget: hotelsdk.RetryBudget{Disabled: true, RetryCost: 1000}}})
	assert.NoError(t, err, "a disabled budget's costs do not matter")

	rec := &recorder{}
	c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(503, "busy")), func(cfg *Config) {
		cfg.Retry.Budget = hotelsdk.RetryBudget{Capacity: 10, RetryCost: 10}
	})
	require.Error(t, c.Do(context.Background(), signedRequest(true, new(any)),
		hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 3, Budget: hotelsdk.RetryBudget{Disabled: true}})))
	assert.Equal(t, 2, rec.count(), "the client's 10 tokens pay for one retry, whatever the per-call policy says")
}
