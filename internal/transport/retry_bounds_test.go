package transport

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const maxDur = time.Duration(math.MaxInt64)

// TestExtremeRetryPolicyNeverPanics (issue 10 §16): BaseDelay and MaxDelay
// of math.MaxInt64 made the jitter panic (int64(ceiling)+1 overflowed); the
// doubling could overflow too. Every wait stays in [0, MaxDelay].
func TestExtremeRetryPolicyNeverPanics(t *testing.T) {
	for _, p := range []hotelsdk.RetryPolicy{
		{MaxAttempts: 5, BaseDelay: maxDur, MaxDelay: maxDur},
		{MaxAttempts: hotelsdk.MaxRetryAttempts, BaseDelay: maxDur/2 + 1, MaxDelay: maxDur},
		{MaxAttempts: hotelsdk.MaxRetryAttempts, BaseDelay: 1, MaxDelay: maxDur, MaxRetryAfter: maxDur, PerAttemptTimeout: maxDur},
		{MaxAttempts: 4, BaseDelay: maxDur, MaxDelay: 1},
	} {
		for _, jitter := range []func(int64) int64{defaultJitter, func(n int64) int64 { return n - 1 }} {
			rec := &recorder{}
			c, ns := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(503, "busy")), func(cfg *Config) {
				cfg.Retry = p
				cfg.Jitter = jitter
			})
			require.NotPanics(t, func() { require.Error(t, c.Do(context.Background(), signedRequest(true, new(any)))) })
			assert.Equal(t, p.MaxAttempts, rec.count())
			for _, w := range ns.waits {
				assert.True(t, w >= 0 && w <= p.MaxDelay, "wait %s outside [0, %s]", w, p.MaxDelay)
			}
		}
	}
}

// TestHugeRetryAfterEndsTheRetries: a Retry-After too large for a
// time.Duration wrapped around to a negative wait, so the call retried at
// once instead of giving up.
func TestHugeRetryAfterEndsTheRetries(t *testing.T) {
	for _, v := range []string{"9223372037", "99999999999999999999999"} {
		rec := &recorder{}
		c, ns := newTestClient(t, mockTransport(t, rec, func(*http.Request) (*http.Response, error) {
			r := httpmock.NewStringResponse(429, `{"code":429}`)
			r.Header.Set("Retry-After", v)
			return r, nil
		}))
		require.Error(t, c.Do(context.Background(), signedRequest(true, new(any))))
		assert.Equal(t, 1, rec.count(), "Retry-After %s is beyond MaxRetryAfter", v)
		assert.Empty(t, ns.waits)
		d, ok := retryAfter(http.Header{"Retry-After": {v}}, time.Now())
		assert.True(t, ok)
		assert.Equal(t, maxDur, d)
	}
}

// TestInvalidRetryPolicyIsRefused: New and a per-call policy refuse
// negative values and absurd attempt counts before anything is sent.
func TestInvalidRetryPolicyIsRefused(t *testing.T) {
	for _, p := range []hotelsdk.RetryPolicy{
		{MaxAttempts: -1}, {MaxAttempts: hotelsdk.MaxRetryAttempts + 1}, {MaxAttempts: math.MaxInt},
		{BaseDelay: -1}, {MaxDelay: -time.Second}, {MaxRetryAfter: -1}, {PerAttemptTimeout: math.MinInt64},
	} {
		_, err := New(Config{Platform: "test", BaseURL: testBase, Retry: p})
		require.ErrorIs(t, err, hotelsdk.ErrInvalidRetryPolicy, "%+v", p)
		assert.Contains(t, err.Error(), "test: invalid retry policy: ")

		rec := &recorder{}
		c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewStringResponder(200, `{"code":0,"data":{}}`)))
		err = c.Do(context.Background(), signedRequest(true, new(any)), hotelsdk.WithRetryPolicy(p))
		var ve *hotelsdk.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Contains(t, ve.Problems[0].Field, "RetryPolicy.")
		assert.Equal(t, 0, rec.count(), "nothing sent")
	}
}

// FuzzRetryPolicy: for any policy the SDK accepts and any attempt number,
// computing the wait never panics; the backoff is in [0, MaxDelay]; the wait
// before a retry allowed by a Retry-After is at most max(MaxDelay,
// MaxRetryAfter); and a Retry-After header never parses to a negative wait.
func FuzzRetryPolicy(f *testing.F) {
	f.Add(int64(0), int64(0), int64(0), 0, 2, int64(0), "")
	f.Add(int64(math.MaxInt64), int64(math.MaxInt64), int64(math.MaxInt64), 100, 100, int64(math.MaxInt64), "9223372037")
	f.Add(int64(math.MaxInt64/2+1), int64(math.MaxInt64), int64(1), 3, 64, int64(-1), "1")
	f.Add(int64(1), int64(math.MaxInt64), int64(30e9), 3, 1<<30, int64(math.MinInt64), "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Add(int64(-1), int64(5), int64(5), -3, -7, int64(0), "-5")
	f.Fuzz(func(t *testing.T, base, maxDelay, maxRA int64, maxAttempts, next int, jit int64, header string) {
		p := hotelsdk.RetryPolicy{MaxAttempts: maxAttempts, BaseDelay: time.Duration(base),
			MaxDelay: time.Duration(maxDelay), MaxRetryAfter: time.Duration(maxRA)}
		if err := p.Validate(); err != nil {
			assert.ErrorIs(t, err, hotelsdk.ErrInvalidRetryPolicy)
			assert.True(t, maxAttempts < 0 || maxAttempts > hotelsdk.MaxRetryAttempts || base < 0 || maxDelay < 0 || maxRA < 0)
			return
		}
		p = withDefaults(p)
		jitters := []func(int64) int64{
			defaultJitter,
			func(n int64) int64 { return n - 1 },
			func(int64) int64 { return jit }, // a hostile replacement
		}
		for _, j := range jitters {
			d := backoff(p, next, j)
			if d < 0 || d > p.MaxDelay {
				t.Fatalf("backoff(%+v, %d) = %s, outside [0, %s]", p, next, d, p.MaxDelay)
			}
		}
		ra, ok := retryAfter(http.Header{"Retry-After": {header}}, time.Unix(1700000000, 0))
		if ra < 0 || (!ok && ra != 0) {
			t.Fatalf("retryAfter(%q) = %s, %v", header, ra, ok)
		}
		if ok && ra <= p.MaxRetryAfter { // checkStatus allows the retry
			w := max(backoff(p, next, defaultJitter), ra)
			if w < 0 || w > max(p.MaxDelay, p.MaxRetryAfter) {
				t.Fatalf("wait %s beyond max(MaxDelay %s, MaxRetryAfter %s)", w, p.MaxDelay, p.MaxRetryAfter)
			}
		}
		if secs, err := strconv.ParseInt(header, 10, 64); err == nil && secs >= 0 && ok {
			assert.True(t, ra >= time.Duration(min(secs, math.MaxInt64/int64(time.Second)))*time.Second)
		}
	})
}
