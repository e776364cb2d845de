package douyin

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokenMasksAccessTokenWhenPrinted(t *testing.T) {
	t.Parallel()
	tok := Token{AccessToken: "clt.SECRET", IssuedAt: obNow, ExpiresAt: obNow.Add(time.Hour)}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for name, v := range map[string]any{"value": tok, "pointer": &tok, "in a slice": []Token{tok}} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, "SECRET", verb+" "+name)
			assert.Contains(t, out, "***", verb+" "+name)
		}
	}
	assert.Contains(t, fmt.Sprintf("%v", tok), "2024-03-01T13:00:00Z", "the expiry stays readable")
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("t", "token", tok)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("t", "token", tok)
	for _, out := range []string{text.String(), js.String()} {
		assert.NotContains(t, out, "SECRET")
		assert.Contains(t, out, "***")
		assert.Contains(t, out, "2024-03-01T13:00:00")
	}
	assert.Equal(t, "{AccessToken: IssuedAt:0001-01-01T00:00:00Z ExpiresAt:0001-01-01T00:00:00Z}", Token{}.String(),
		"an empty token is not shown as a masked one")
}

func TestMemoryTokenStoreLeaseExpiresAndFences(t *testing.T) {
	t.Parallel()
	clock := newObClock()
	s := &MemoryTokenStore{now: clock.Now}
	ctx := context.Background()

	first, err := s.LockRefresh(ctx, "k", time.Minute)
	require.NoError(t, err)
	assert.Equal(t, int64(1), first.Fence())
	require.NoError(t, first.Save(ctx, Token{AccessToken: "a"}))

	// The holder "dies": after the TTL the lease is free for the next one.
	clock.Advance(time.Minute)
	second, err := s.LockRefresh(ctx, "k", time.Minute)
	require.NoError(t, err)
	assert.Equal(t, int64(2), second.Fence(), "the fence grows with every lease")

	require.ErrorIs(t, first.Save(ctx, Token{AccessToken: "stale"}), ErrLeaseLost, "a lease passed on cannot write")
	require.NoError(t, first.Release(ctx), "releasing a lost lease is harmless")
	got, err := s.Load(ctx, "k")
	require.NoError(t, err)
	assert.Equal(t, "a", got.AccessToken)

	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	_, err = s.LockRefresh(short, "k", time.Minute)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the old holder's release did not free the new lease")

	require.NoError(t, second.Save(ctx, Token{AccessToken: "b"}))
	clock.Advance(time.Minute)
	require.ErrorIs(t, second.Save(ctx, Token{AccessToken: "late"}), ErrLeaseLost, "an expired lease cannot write")
	got, _ = s.Load(ctx, "k")
	assert.Equal(t, "b", got.AccessToken)

	_, err = s.LockRefresh(ctx, "k", 0)
	require.Error(t, err, "a lease without a TTL would never expire")
}

func TestMemoryTokenStoreLeaseWaiterWakesOnRelease(t *testing.T) {
	t.Parallel()
	s := NewMemoryTokenStore()
	ctx := context.Background()
	held, err := s.LockRefresh(ctx, "k", time.Hour)
	require.NoError(t, err)
	got := make(chan TokenLease, 1)
	go func() {
		l, err := s.LockRefresh(ctx, "k", time.Hour)
		if err == nil {
			got <- l
		}
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("granted while held")
	case <-time.After(20 * time.Millisecond):
	}
	require.NoError(t, held.Release(ctx))
	l, ok := <-got
	require.True(t, ok)
	assert.Equal(t, int64(2), l.Fence())
}

// leaseLog is a MemoryTokenStore that records what the token source does
// with it, and can lose the lease right after granting it.
type leaseLog struct {
	*MemoryTokenStore
	mu        sync.Mutex
	events    []string
	loseLease bool
}

func (s *leaseLog) log(e string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, e)
}

func (s *leaseLog) Load(ctx context.Context, key string) (Token, error) {
	s.log("load")
	return s.MemoryTokenStore.Load(ctx, key)
}

func (s *leaseLog) Save(ctx context.Context, key string, t Token) error {
	s.log("store.save")
	return s.MemoryTokenStore.Save(ctx, key, t)
}

func (s *leaseLog) LockRefresh(ctx context.Context, key string, ttl time.Duration) (TokenLease, error) {
	s.log(fmt.Sprintf("lock ttl>%v", ttl > TokenRefreshTimeout))
	l, err := s.MemoryTokenStore.LockRefresh(ctx, key, ttl)
	if err != nil {
		return nil, err
	}
	if s.loseLease {
		// Another process is granted the key meanwhile.
		s.MemoryTokenStore.mu.Lock()
		s.MemoryTokenStore.leases[key].holder = 0
		s.MemoryTokenStore.mu.Unlock()
		if _, err := s.MemoryTokenStore.LockRefresh(ctx, key, ttl); err != nil {
			return nil, err
		}
	}
	return &loggedLease{l, s}, nil
}

type loggedLease struct {
	TokenLease
	s *leaseLog
}

func (l *loggedLease) Save(ctx context.Context, t Token) error {
	l.s.log("lease.save")
	return l.TokenLease.Save(ctx, t)
}

func (l *loggedLease) Release(ctx context.Context) error {
	l.s.log("release")
	return l.TokenLease.Release(ctx)
}

func TestClientCredentialsSourceRefreshesUnderTheLease(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	tok := obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 7200))
	store := &leaseLog{MemoryTokenStore: NewMemoryTokenStore()}
	c := newOutboundClient(t, mt, newObClock(), WithTokenStore(store))
	got, err := c.TokenSource().Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "clt.1", got.AccessToken)
	assert.Equal(t, []string{"lock ttl>true", "load", "lease.save", "release"}, store.events,
		"take the lease, load again, fetch, save through the lease, release")
	assert.Equal(t, 1, tok.count())
	stored, _ := store.MemoryTokenStore.Load(context.Background(), "ck")
	assert.Equal(t, got, stored)

	// Another process stored a usable token while this one waited for
	// the lease: no fetch, no save.
	store2 := &leaseLog{MemoryTokenStore: NewMemoryTokenStore()}
	require.NoError(t, store2.MemoryTokenStore.Save(context.Background(), "ck",
		Token{AccessToken: "clt.other", IssuedAt: obNow, ExpiresAt: obNow.Add(2 * time.Hour)}))
	c2 := newOutboundClient(t, mt, newObClock(), WithTokenStore(store2))
	got, err = c2.TokenSource().Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "clt.other", got.AccessToken)
	assert.Equal(t, []string{"lock ttl>true", "load", "release"}, store2.events)
	assert.Equal(t, 1, tok.count())
}

func TestClientCredentialsSourceLeaseLost(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.mine", 7200))
	var logs bytes.Buffer
	store := &leaseLog{MemoryTokenStore: NewMemoryTokenStore(), loseLease: true}
	c := newOutboundClient(t, mt, newObClock(), WithTokenStore(store),
		WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	got, err := c.TokenSource().Token(context.Background())
	require.NoError(t, err, "the fetched token is valid even if it could not be shared")
	assert.Equal(t, "clt.mine", got.AccessToken)
	stored, _ := store.MemoryTokenStore.Load(context.Background(), "ck")
	assert.Zero(t, stored, "a lost lease stores nothing")
	assert.Contains(t, logs.String(), "lease lost")
	assert.False(t, strings.Contains(logs.String(), "clt.mine"))
}
