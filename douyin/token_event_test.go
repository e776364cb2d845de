package douyin

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// CONTRACTS amendment 02:20: each token refresh reaches Hooks.OnEvent as
// "token.refresh" with its outcome, never with the token.
func TestTokenRefreshIsReportedToOnEvent(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obJSON(503, "down"), obTokenAnswer("clt.EVENT-SECRET", 7200))
	var mu sync.Mutex
	var events []hotelsdk.Event
	clock := newObClock()
	store := NewMemoryTokenStore()
	hooks := WithHooks(hotelsdk.Hooks{OnEvent: func(_ context.Context, e hotelsdk.Event) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, e)
	}})
	c := newOutboundClient(t, mt, clock, WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1}), WithTokenStore(store), hooks)
	_, err := c.TokenSource().Token(context.Background())
	require.Error(t, err)
	clock.Advance(tokenBackoffBase)
	_, err = c.TokenSource().Token(context.Background())
	require.NoError(t, err)
	other := newOutboundClient(t, mt, clock, WithTokenStore(store), hooks)
	_, err = other.TokenSource().Token(context.Background())
	require.NoError(t, err)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, events, 3)
	var outcomes []string
	for _, e := range events {
		assert.Equal(t, "douyin", e.Platform)
		assert.Equal(t, hotelsdk.EventTokenRefresh, e.Name)
		outcomes = append(outcomes, e.Attrs[0].Value.String())
		assert.NotContains(t, fmt.Sprint(e.Attrs), "EVENT-SECRET")
	}
	assert.Equal(t, []string{"failed", "fetched", "loaded"}, outcomes)
	require.Error(t, events[0].Err)
	assert.NoError(t, events[1].Err)
}
