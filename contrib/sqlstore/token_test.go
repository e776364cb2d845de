package sqlstore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/contrib/sqlstore"
	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/tokenstoretest"
)

func randomName() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// newTokenStore returns a TokenStore under a fresh prefix.
func newTokenStore(t *testing.T) *tokenStore {
	t.Helper()
	s, err := sqlstore.NewTokenStore(openDB(t))
	if err != nil {
		t.Fatal(err)
	}
	return &tokenStore{s, "test-" + randomName() + ":"}
}

// tokenStore isolates each test's keys under a random prefix.
type tokenStore struct {
	s      *sqlstore.TokenStore
	prefix string
}

func (s *tokenStore) Load(ctx context.Context, key string) (douyin.Token, error) {
	return s.s.Load(ctx, s.prefix+key)
}

func (s *tokenStore) Save(ctx context.Context, key string, t douyin.Token) error {
	return s.s.Save(ctx, s.prefix+key, t)
}

func (s *tokenStore) LockRefresh(ctx context.Context, key string, ttl time.Duration) (douyin.TokenLease, error) {
	return s.s.LockRefresh(ctx, s.prefix+key, ttl)
}

func (s *tokenStore) SetFetchBackoff(ctx context.Context, key string, until time.Time) error {
	return s.s.SetFetchBackoff(ctx, s.prefix+key, until)
}

func (s *tokenStore) FetchBackoff(ctx context.Context, key string) (time.Time, error) {
	return s.s.FetchBackoff(ctx, s.prefix+key)
}

func TestTokenStoreLoadSave(t *testing.T) {
	s := newTokenStore(t)
	ctx := t.Context()
	if tok, err := s.Load(ctx, "k"); err != nil || tok != (douyin.Token{}) {
		t.Fatalf("Load of nothing = %v, %v; want a zero Token", tok, err)
	}
	want := douyin.Token{AccessToken: "clt.abc", IssuedAt: time.UnixMilli(1700000000123), ExpiresAt: time.Now().Add(2 * time.Hour).Round(time.Millisecond)}
	if err := s.Save(ctx, "k", want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(ctx, "k")
	if err != nil || got.AccessToken != want.AccessToken || !got.IssuedAt.Equal(want.IssuedAt) || !got.ExpiresAt.Equal(want.ExpiresAt) {
		t.Fatalf("Load = %#v, %v; want %#v", got, err, want)
	}
	if err := s.Save(ctx, "never", douyin.Token{AccessToken: "static"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Load(ctx, "never"); got.AccessToken != "static" || !got.ExpiresAt.IsZero() || !got.IssuedAt.IsZero() {
		t.Fatalf("Load = %#v; want zero times kept zero", got)
	}
}

func TestTokenLeaseIsExclusiveFencedAndExpires(t *testing.T) {
	s := newTokenStore(t)
	ctx := t.Context()
	first, err := s.LockRefresh(ctx, "k", 300*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := s.LockRefresh(short, "k", time.Second); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("LockRefresh while held = %v, want the context's deadline", err)
	}
	// The holder dies (never releases): another takes over after the lease.
	second, err := s.LockRefresh(ctx, "k", time.Minute)
	if err != nil || second.Fence() <= first.Fence() {
		t.Fatalf("takeover = %v, %v; want a larger fence than %d", second, err, first.Fence())
	}
	if err := first.Save(ctx, douyin.Token{AccessToken: "stale"}); !errors.Is(err, douyin.ErrLeaseLost) {
		t.Fatalf("Save through the expired lease = %v, want ErrLeaseLost", err)
	}
	if err := first.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if err := second.Save(ctx, douyin.Token{AccessToken: "fresh"}); err != nil {
		t.Fatalf("Save through the current lease = %v (the old holder's Release must not free it)", err)
	}
	if got, _ := s.Load(ctx, "k"); got.AccessToken != "fresh" {
		t.Fatalf("stored %q, want fresh", got.AccessToken)
	}
	if err := second.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if err := second.Release(ctx); err != nil {
		t.Fatalf("second Release = %v; want idempotent", err)
	}
	third, err := s.LockRefresh(short2(t), "k", time.Minute)
	if err != nil || third.Fence() <= second.Fence() {
		t.Fatalf("after Release: %v, %v", third, err)
	}
	_ = third.Release(ctx)
	if _, err := s.LockRefresh(ctx, "k", 0); err == nil {
		t.Error("zero TTL accepted")
	}
	var nilCtx context.Context
	if l, err := s.LockRefresh(nilCtx, "other", time.Second); err != nil {
		t.Errorf("nil ctx: %v", err)
	} else {
		_ = l.Release(ctx)
	}
}

func short2(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestTokenLeaseOneHolderAtATime(t *testing.T) {
	s := newTokenStore(t)
	var holders, maxHolders atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := s.LockRefresh(t.Context(), "k", 10*time.Second)
			if err != nil {
				t.Error(err)
				return
			}
			n := holders.Add(1)
			for {
				m := maxHolders.Load()
				if n <= m || maxHolders.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			holders.Add(-1)
			_ = l.Release(context.Background())
		}()
	}
	wg.Wait()
	if maxHolders.Load() != 1 {
		t.Fatalf("%d holders at once, want 1", maxHolders.Load())
	}
}

// Three clients (three "processes") share one Redis token store; 200 calls
// start at once with a cold cache: Douyin issues exactly one client token.
func TestThreeClientsShareOneTokenFetch(t *testing.T) {
	srv := douyintest.NewServer()
	t.Cleanup(srv.Close)
	store := newTokenStore(t)
	clients := make([]*douyin.Client, 3)
	for i := range clients {
		c, err := srv.NewClient(douyin.WithTokenStore(store))
		if err != nil {
			t.Fatal(err)
		}
		clients[i] = c
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := clients[i%3].UpdateOrderStatus(t.Context(), &douyin.UpdateOrderStatusRequest{
				OrderID: "1000" + randomName(), OrderExtID: "H1", SupplierExtID: "S1", Status: douyin.ConfirmStatusConfirmed})
			if err != nil {
				failed.Add(1)
				t.Error(err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := srv.TokenFetches(); n != 1 || failed.Load() != 0 {
		t.Fatalf("client_token fetches = %d, failed calls = %d; want exactly 1 fetch and no failure", n, failed.Load())
	}
	t.Logf("3 clients, 200 concurrent calls, cold cache: %d client_token fetch", srv.TokenFetches())
}

// Issue 10 §14: a failed fetch is shared through PostgreSQL, so that three
// clients send one client_token request per backoff window, not three.
func TestThreeClientsShareOneTokenFetchBackoff(t *testing.T) {
	tokenstoretest.FleetFetchBackoff(t, func() douyin.TokenStore { return newTokenStore(t) })
}

func TestTokenStoreFetchBackoff(t *testing.T) {
	s := newTokenStore(t)
	ctx := t.Context()
	if until, err := s.FetchBackoff(ctx, "k"); err != nil || !until.IsZero() {
		t.Fatalf("FetchBackoff of nothing = %v, %v; want the zero time", until, err)
	}
	want := time.Now().Add(time.Minute).Round(time.Millisecond)
	if err := s.SetFetchBackoff(ctx, "k", want); err != nil {
		t.Fatal(err)
	}
	if until, err := s.FetchBackoff(ctx, "k"); err != nil || !until.Equal(want) {
		t.Fatalf("FetchBackoff = %v, %v; want %v", until, err, want)
	}
	if until, _ := s.FetchBackoff(ctx, "other"); !until.IsZero() {
		t.Fatalf("another key's FetchBackoff = %v; want the zero time", until)
	}
	// A later failure moves it (the row is updated, not duplicated).
	later := want.Add(time.Minute)
	if err := s.SetFetchBackoff(ctx, "k", later); err != nil {
		t.Fatal(err)
	}
	if until, _ := s.FetchBackoff(ctx, "k"); !until.Equal(later) {
		t.Fatalf("FetchBackoff after a second Set = %v; want %v", until, later)
	}
	// Sub-microsecond times round up: never read back earlier than set.
	odd := time.Now().Add(time.Minute).Truncate(time.Microsecond).Add(300 * time.Nanosecond)
	if err := s.SetFetchBackoff(ctx, "odd", odd); err != nil {
		t.Fatal(err)
	}
	if until, _ := s.FetchBackoff(ctx, "odd"); until.Before(odd) || until.Sub(odd) >= time.Microsecond {
		t.Fatalf("FetchBackoff = %v; want %v rounded up to the microsecond", until, odd)
	}
	// A zero time clears it.
	if err := s.SetFetchBackoff(ctx, "k", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if until, err := s.FetchBackoff(ctx, "k"); err != nil || !until.IsZero() {
		t.Fatalf("FetchBackoff after clearing = %v, %v; want the zero time", until, err)
	}
	// A time already past deletes it too.
	_ = s.SetFetchBackoff(ctx, "k", want)
	if err := s.SetFetchBackoff(ctx, "k", time.Now().Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if until, _ := s.FetchBackoff(ctx, "k"); !until.IsZero() {
		t.Fatalf("FetchBackoff after a past time = %v; want the zero time", until)
	}
	if err := s.SetFetchBackoff(ctx, "never-set", time.Time{}); err != nil {
		t.Fatalf("clearing an absent backoff: %v", err)
	}
	var zero *sqlstore.TokenStore
	if err := zero.SetFetchBackoff(ctx, "k", want); err == nil {
		t.Error("nil store: SetFetchBackoff gave no error")
	}
	if _, err := zero.FetchBackoff(ctx, "k"); err == nil {
		t.Error("nil store: FetchBackoff gave no error")
	}
}

// The row expires by the database's clock at until, whatever the readers'
// clocks say.
func TestTokenStoreFetchBackoffExpires(t *testing.T) {
	s := newTokenStore(t)
	ctx := t.Context()
	if err := s.SetFetchBackoff(ctx, "k", time.Now().Add(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FetchBackoff(ctx, "k"); got.IsZero() {
		t.Fatal("FetchBackoff = zero right after SetFetchBackoff")
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		got, err := s.FetchBackoff(ctx, "k")
		if err != nil {
			t.Fatal(err)
		}
		if got.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the backoff row still holds %v long after its until", got)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Set again after expiry: the expired row is overwritten.
	want := time.Now().Add(time.Minute).Round(time.Millisecond)
	if err := s.SetFetchBackoff(ctx, "k", want); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FetchBackoff(ctx, "k"); !got.Equal(want) {
		t.Fatalf("FetchBackoff after re-Set = %v; want %v", got, want)
	}
}
