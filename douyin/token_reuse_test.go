package douyin

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ReuseTokenSource caches what any fetch function returns: one call per
// token, one call for many concurrent callers, a new call shortly before
// expiry and after Douyin rejected the token.
func TestReuseTokenSourceWrapsAnyFetchFunction(t *testing.T) {
	t.Parallel()
	clock := newObClock()
	var calls atomic.Int32
	gate := make(chan struct{})
	fetch := TokenFunc(func(context.Context) (Token, error) {
		n := calls.Add(1)
		<-gate
		now := clock.Now()
		return Token{AccessToken: "u." + string(rune('0'+n)), IssuedAt: now, ExpiresAt: now.Add(time.Hour)}, nil
	})
	src, err := ReuseTokenSource(fetch, WithClock(clock.Now), WithTokenRefreshBefore(time.Minute))
	require.NoError(t, err)
	ctx := context.Background()

	var wg sync.WaitGroup
	got := make([]Token, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = src.Token(ctx)
		}()
	}
	require.Eventually(t, func() bool { return calls.Load() == 1 }, 5*time.Second, time.Millisecond)
	close(gate)
	wg.Wait()
	for _, g := range got {
		assert.Equal(t, "u.1", g.AccessToken)
	}
	assert.Equal(t, int32(1), calls.Load(), "one fetch for every concurrent caller")

	clock.Advance(time.Hour - time.Minute - time.Second)
	tok, err := src.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "u.1", tok.AccessToken)
	clock.Advance(2 * time.Second)
	tok, err = src.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "u.2", tok.AccessToken, "refreshed a minute early")

	src.(TokenInvalidator).InvalidateToken(ctx, "u.2")
	tok, err = src.Token(ctx)
	require.NoError(t, err)
	assert.Equal(t, "u.3", tok.AccessToken, "a rejected token is not handed out again")
}

func TestReuseTokenSourceSharesThroughAStore(t *testing.T) {
	t.Parallel()
	store := NewMemoryTokenStore()
	var calls atomic.Int32
	fetch := TokenFunc(func(context.Context) (Token, error) {
		calls.Add(1)
		return Token{AccessToken: "shared", ExpiresAt: time.Now().Add(time.Hour)}, nil
	})
	a, err := ReuseTokenSource(fetch, WithTokenStore(store), WithTokenStoreKey("app-1"))
	require.NoError(t, err)
	b, err := ReuseTokenSource(fetch, WithTokenStore(store), WithTokenStoreKey("app-1"))
	require.NoError(t, err)
	for _, s := range []TokenSource{a, b} {
		tok, err := s.Token(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "shared", tok.AccessToken)
	}
	assert.Equal(t, int32(1), calls.Load())
	stored, _ := store.Load(context.Background(), "app-1")
	assert.Equal(t, "shared", stored.AccessToken)
}

func TestReuseTokenSourceMisuse(t *testing.T) {
	t.Parallel()
	ok := TokenFunc(func(context.Context) (Token, error) { return Token{AccessToken: "x"}, nil })
	for name, tc := range map[string]struct {
		src  TokenSource
		opts []Option
		want string
	}{
		"nil source":          {nil, nil, "nil source"},
		"client option":       {ok, []Option{WithBaseURL("http://x")}, "WithBaseURL does not apply"},
		"credentials":         {ok, []Option{WithClientCredentials("k", "s")}, "WithClientCredentials does not apply"},
		"store without a key": {ok, []Option{WithTokenStore(NewMemoryTokenStore())}, "needs WithTokenStoreKey"},
		"empty key":           {ok, []Option{WithTokenStoreKey("")}, "empty key"},
		"nil logger":          {ok, []Option{WithLogger(nil)}, "nil *slog.Logger"},
		"nil clock":           {ok, []Option{WithClock(nil)}, "nil clock"},
	} {
		s, err := ReuseTokenSource(tc.src, tc.opts...)
		require.ErrorContains(t, err, tc.want, name)
		assert.Nil(t, s, name)
	}
	_, err := TokenFunc(nil).Token(context.Background())
	require.Error(t, err)

	failing := TokenFunc(func(context.Context) (Token, error) { return Token{}, errors.New("idp down") })
	s, err := ReuseTokenSource(failing)
	require.NoError(t, err)
	_, err = s.Token(context.Background())
	require.ErrorContains(t, err, "idp down")
}

func TestNilOptionArgumentsAreErrors(t *testing.T) {
	t.Parallel()
	for name, o := range map[string]Option{
		"WithLogger": WithLogger(nil), "WithHTTPClient": WithHTTPClient(nil), "WithTransport": WithTransport(nil),
		"WithClock": WithClock(nil), "WithTokenSource": WithTokenSource(nil), "WithTokenStore": WithTokenStore(nil),
	} {
		c, err := NewClient(WithClientCredentials("ck", "cs"), o)
		require.ErrorContains(t, err, name, name)
		assert.Nil(t, c, name)
	}
}
