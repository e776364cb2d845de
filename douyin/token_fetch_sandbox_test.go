package douyin_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Against the sandbox, with the client's retry policy (3 attempts, the
// default 30 s per attempt) and a refresh bounded at 1.2 s: a token
// endpoint that stalls on the first request is retried within the bound,
// and a Retry-After longer than an attempt's share ends the fetch with the
// sandbox's answer instead of sleeping into the bound.
func TestTokenRefreshRetriesWithinItsBoundOnTheSandbox(t *testing.T) {
	t.Parallel()
	s, c := rawSandbox(t, douyin.WithTokenRefreshTimeoutForTest(1200*time.Millisecond))
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Path: douyin.PathClientToken, Delay: 1500 * time.Millisecond})
	tok, err := c.TokenSource().Token(context.Background())
	require.NoError(t, err, "the second attempt fits in the bound")
	assert.NotEmpty(t, tok.AccessToken)
	assert.Equal(t, 1, s.FaultsInjected(hotelsdktest.Latency))

	s2, c2 := rawSandbox(t, douyin.WithTokenRefreshTimeoutForTest(1200*time.Millisecond))
	s2.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Path: douyin.PathClientToken, RetryAfter: 2})
	_, err = c2.TokenSource().Token(context.Background())
	require.Error(t, err)
	assert.False(t, errors.Is(err, context.DeadlineExceeded), "ended by the answer, not by the bound: %v", err)
	assert.Contains(t, err.Error(), "HTTP 503")
	assert.Equal(t, 0, s2.TokenFetches(), "no token was issued")
}
