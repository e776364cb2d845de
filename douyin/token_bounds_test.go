package douyin

import (
	"context"
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

// Issue 10 §17: a token refresh kept running for up to a minute after its
// only caller had cancelled. It now ends with its last waiter.
func TestTokenRefreshStopsWhenItsCallersCancel(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	started := make(chan struct{}, 1)
	aborted := make(chan struct{})
	mt.RegisterResponder(http.MethodPost, obTokenURL, func(r *http.Request) (*http.Response, error) {
		started <- struct{}{}
		<-r.Context().Done()
		close(aborted)
		return nil, r.Context().Err()
	})
	c := newOutboundClient(t, mt, newObClock(), WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1}))
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := c.TokenSource().Token(ctx)
		errc <- err
	}()
	<-started
	cancel()
	require.ErrorIs(t, <-errc, context.Canceled)
	select {
	case <-aborted:
	case <-time.After(15 * time.Second):
		t.Fatal("the token fetch kept running after its only caller cancelled")
	}

	// A caller arriving afterwards starts a fresh fetch instead of joining
	// the abandoned one.
	mt2 := httpmock.NewMockTransport()
	gate := make(chan struct{})
	var n atomic.Int32
	mt2.RegisterResponder(http.MethodPost, obTokenURL, func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			select {
			case <-gate:
			case <-r.Context().Done():
				return nil, r.Context().Err()
			}
		}
		return obTokenAnswer(fmt.Sprintf("clt.%d", n.Load()), 7200)(r)
	})
	c2 := newOutboundClient(t, mt2, newObClock(), WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1}))
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() {
		_, err := c2.TokenSource().Token(ctx2)
		errc <- err
	}()
	require.Eventually(t, func() bool { return n.Load() == 1 }, 5*time.Second, time.Millisecond)
	cancel2()
	require.ErrorIs(t, <-errc, context.Canceled)
	tok, err := c2.TokenSource().Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "clt.2", tok.AccessToken)
	close(gate)
}

// Issue 10 §17: when Douyin keeps rejecting every token, each call used to
// fetch a new one (101 fetches for 100 calls), retiring the token the rest
// of the fleet shares. Re-fetches after a rejection are now bounded per
// interval.
func TestPersistentTokenRejectionIsBounded(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var fetches atomic.Int32
	mt.RegisterResponder(http.MethodPost, obTokenURL, func(r *http.Request) (*http.Response, error) {
		return obTokenAnswer(fmt.Sprintf("clt.%d", fetches.Add(1)), 7200)(r)
	})
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obErrorBody(2190002, "access_token无效")))
	clock := newObClock()
	c := newOutboundClient(t, mt, clock)
	for range 100 {
		_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
		require.ErrorIs(t, err, ErrTokenRejected)
	}
	assert.Equal(t, int32(2), fetches.Load(), "the first token and one replacement")
	assert.LessOrEqual(t, st.count(), 101, "a call is repeated only with a token other than the rejected one")

	clock.Advance(tokenRejectionRefetchInterval)
	for range 100 {
		_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
		require.ErrorIs(t, err, ErrTokenRejected)
	}
	assert.Equal(t, int32(3), fetches.Load(), "one more replacement per interval")
}
