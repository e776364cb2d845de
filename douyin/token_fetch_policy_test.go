package douyin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withRefreshTimeout shortens the bound of a token refresh
// (TokenRefreshTimeout) so that the tests run in a fraction of it.
func withRefreshTimeout(d time.Duration) Option {
	return func(c *config) error { c.refreshTimeout = d; return nil }
}

// The refresh's bound used to be cut by the client's retry policy: with
// PerAttemptTimeout 30 s against a 20 s refresh, a first attempt that hung
// used up the whole refresh and the retries the policy allows never
// happened. Each attempt of the fetch now gets its share of the bound.
func TestTokenFetchRetriesFitTheRefreshBound(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var n atomic.Int32
	mt.RegisterResponder(http.MethodPost, obTokenURL, func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 1 { // the first attempt hangs until it is given up
			<-r.Context().Done()
			return nil, r.Context().Err()
		}
		return obTokenAnswer(fmt.Sprintf("clt.%d", n.Load()), 7200)(r)
	})
	// obFastRetry: 3 attempts, the default PerAttemptTimeout (30 s), longer
	// than the whole refresh.
	c := newOutboundClient(t, mt, newObClock(), withRefreshTimeout(2*time.Second))
	tok, err := c.TokenSource().Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "clt.2", tok.AccessToken, "the second attempt was made within the bound")
	assert.EqualValues(t, 2, n.Load())
}

// A Retry-After longer than the fetch's share of the bound ends the retries
// at once with the platform's answer, instead of sleeping into the bound
// and failing as "cancelled during the backoff".
func TestTokenFetchLongRetryAfterEndsTheRetries(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var n atomic.Int32
	mt.RegisterResponder(http.MethodPost, obTokenURL, func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			resp := httpmock.NewStringResponse(http.StatusServiceUnavailable, "busy")
			resp.Header.Set("Retry-After", "3") // within the default MaxRetryAfter (30 s)
			return resp, nil
		}
		return obTokenAnswer("clt.2", 7200)(r)
	})
	c := newOutboundClient(t, mt, newObClock(), withRefreshTimeout(2*time.Second))
	_, err := c.TokenSource().Token(context.Background())
	require.Error(t, err)
	assert.False(t, errors.Is(err, context.DeadlineExceeded), "the refresh did not wait into its bound: %v", err)
	assert.Contains(t, err.Error(), "503")
	assert.EqualValues(t, 1, n.Load())
}

// The fetch's policy keeps the client's number of attempts (at most
// maxTokenFetchAttempts) and backoff, and its worst case fits the bound,
// whatever the client's policy.
func TestTokenFetchPolicyFitsTheBound(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		p        hotelsdk.RetryPolicy
		attempts int
	}{
		"default":      {hotelsdk.RetryPolicy{}, 3},
		"no retries":   {hotelsdk.RetryPolicy{MaxAttempts: 1}, 1},
		"many":         {hotelsdk.RetryPolicy{MaxAttempts: hotelsdk.MaxRetryAttempts}, maxTokenFetchAttempts},
		"fast":         {obFastRetry, 3},
		"short limits": {hotelsdk.RetryPolicy{MaxAttempts: 2, PerAttemptTimeout: time.Second, MaxDelay: time.Millisecond, MaxRetryAfter: time.Millisecond}, 2},
		"huge": {hotelsdk.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Duration(1<<63 - 1), MaxDelay: time.Duration(1<<63 - 1),
			MaxRetryAfter: time.Duration(1<<63 - 1), PerAttemptTimeout: time.Duration(1<<63 - 1)}, 4},
	} {
		for _, bound := range []time.Duration{TokenRefreshTimeout, 2 * time.Second} {
			got := tokenFetchPolicy(tc.p, bound)
			require.NoError(t, got.Validate(), name)
			assert.Equal(t, tc.attempts, got.MaxAttempts, name)
			wait := max(got.MaxDelay, got.MaxRetryAfter)
			worst := time.Duration(got.MaxAttempts)*got.PerAttemptTimeout + time.Duration(got.MaxAttempts-1)*wait
			assert.LessOrEqual(t, worst, bound, "%s: %+v", name, got)
			assert.Positive(t, got.PerAttemptTimeout, name)
			assert.Positive(t, got.MaxDelay, name)
			assert.LessOrEqual(t, got.BaseDelay, got.MaxDelay, name)
			if tc.p.PerAttemptTimeout > 0 {
				assert.LessOrEqual(t, got.PerAttemptTimeout, tc.p.PerAttemptTimeout, "never longer than the client's: %s", name)
			}
		}
	}
	// The default policy, under the real bound: 3 attempts of 5 s, waits
	// of at most 5/3 s.
	assert.Equal(t, hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: 200 * time.Millisecond, MaxDelay: 20 * time.Second / 12,
		MaxRetryAfter: 20 * time.Second / 12, PerAttemptTimeout: 5 * time.Second}, tokenFetchPolicy(hotelsdk.RetryPolicy{}, TokenRefreshTimeout))
}
