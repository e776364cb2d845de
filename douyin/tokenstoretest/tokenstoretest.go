// Package tokenstoretest checks a douyin.TokenStore meant to be shared by
// a fleet of processes against the behaviour the douyin Client relies on.
// douyin.MemoryTokenStore, contrib/redisstore and contrib/sqlstore run it;
// run it on your own store:
//
//	func TestFleet(t *testing.T) {
//		tokenstoretest.FleetFetchBackoff(t, func() douyin.TokenStore { return newStore(t) })
//	}
package tokenstoretest

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// orderSeq numbers the calls' order ids.
var orderSeq atomic.Int64

// tokenOutage sits between the clients and a douyintest.Server: while down
// it answers every client_token request 503 itself; it counts the
// client_token requests either way.
type tokenOutage struct {
	base     http.RoundTripper
	down     atomic.Bool
	requests atomic.Int32
}

func (o *tokenOutage) RoundTrip(r *http.Request) (*http.Response, error) {
	if !strings.HasPrefix(r.URL.Path, "/oauth/client_token") {
		return o.base.RoundTrip(r)
	}
	o.requests.Add(1)
	if !o.down.Load() {
		return o.base.RoundTrip(r)
	}
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{StatusCode: http.StatusServiceUnavailable, Status: "503 Service Unavailable",
		Header: http.Header{"Content-Type": {"text/plain"}}, Body: io.NopCloser(strings.NewReader("Service Unavailable")),
		ContentLength: 19, Request: r, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
}

// fleetClock is the clients' clock: frozen unless advanced.
type fleetClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fleetClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fleetClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// withoutFetchBackoff hides a store's douyin.TokenFetchBackoff methods: the
// store as it was before it shared the backoff.
type withoutFetchBackoff struct {
	douyin.TokenStore
	douyin.TokenRefreshLocker
}

// fleetBackoffCounts are the client_token requests of one run.
type fleetBackoffCounts struct {
	outage   int // during the outage, all calls within one backoff window
	recovery int // after the endpoint is back and the backoff is over
}

const fleetBackoffCalls = 60

// testFleetTokenBackoff: three clients (three "processes") share store;
// the token endpoint is down and fleetBackoffCalls calls start at once
// across them, within one backoff window. It returns how many client_token
// requests reached the endpoint then, and after the endpoint recovered and
// the backoff passed (when every call must succeed on one fetch).
//
// The clients' clock runs 10 s ahead of real time and stands still unless
// advanced: the window cannot pass by itself however slow the machine, and
// the store's own expiry (counted from real time) outlasts it.
func testFleetTokenBackoff(t *testing.T, store douyin.TokenStore) fleetBackoffCounts {
	t.Helper()
	srv := douyintest.NewServer()
	t.Cleanup(srv.Close)
	outage := &tokenOutage{base: srv.Client().Transport}
	outage.down.Store(true)
	clock := &fleetClock{t: time.Now().Add(10 * time.Second)}
	clients := make([]*douyin.Client, 3)
	for i := range clients {
		c, err := srv.NewClient(douyin.WithTokenStore(store), douyin.WithClock(clock.Now),
			douyin.WithHTTPClient(&http.Client{Transport: outage}),
			// One attempt per fetch, so that the count is of fetches.
			douyin.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1}))
		if err != nil {
			t.Fatal(err)
		}
		clients[i] = c
	}
	call := func(c *douyin.Client) error {
		_, err := c.UpdateOrderStatus(t.Context(), &douyin.UpdateOrderStatusRequest{
			OrderID: "1000" + strconv.Itoa(int(orderSeq.Add(1))), OrderExtID: "H1", SupplierExtID: "S1", Status: douyin.ConfirmStatusConfirmed})
		return err
	}
	// burst runs fleetBackoffCalls calls at once, spread over the
	// clients, and returns each client's errors.
	burst := func() [][]error {
		errs := make([][]error, len(clients))
		var mu sync.Mutex
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := 0; i < fleetBackoffCalls; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if err := call(clients[i%3]); err != nil {
					mu.Lock()
					errs[i%3] = append(errs[i%3], err)
					mu.Unlock()
				}
			}()
		}
		close(start)
		wg.Wait()
		return errs
	}

	errs := burst()
	var counts fleetBackoffCounts
	counts.outage = int(outage.requests.Load())
	fleetErrs := 0
	for i, ce := range errs {
		if len(ce) != fleetBackoffCalls/3 {
			t.Fatalf("client %d: %d of %d calls failed during the outage; want all", i, len(ce), fleetBackoffCalls/3)
		}
		for _, err := range ce {
			if strings.Contains(err.Error(), "another process's token fetch failed") {
				fleetErrs++
			}
		}
	}
	_, shared := store.(douyin.TokenFetchBackoff)
	if shared {
		until, err := store.(douyin.TokenFetchBackoff).FetchBackoff(t.Context(), douyintest.DefaultClientKey)
		if err != nil || !until.After(clock.Now()) {
			t.Fatalf("FetchBackoff during the outage = %v, %v; want a time after the clients' now %v", until, err, clock.Now())
		}
		if counts.outage != 1 {
			t.Errorf("client_token requests during the outage = %d; want 1 for the fleet", counts.outage)
		}
		// Whichever client fetched, its callers got its failure; the
		// other two clients' callers got the fleet's backoff.
		if want := 2 * fleetBackoffCalls / 3; fleetErrs != want {
			t.Errorf("%d calls answered with the fleet's backoff, want %d (the two clients that did not fetch)", fleetErrs, want)
		}
	} else if fleetErrs != 0 {
		t.Errorf("%d calls answered with the fleet's backoff by a store without it", fleetErrs)
	}
	if n := srv.TokenFetches(); n != 0 {
		t.Fatalf("the server issued %d tokens while down", n)
	}

	// The endpoint recovers; the backoff (1 s after one failure) passes.
	outage.down.Store(false)
	clock.Advance(2 * time.Second)
	errs = burst()
	for i, ce := range errs {
		for _, err := range ce {
			t.Errorf("client %d after the recovery: %v", i, err)
		}
	}
	counts.recovery = int(outage.requests.Load()) - counts.outage
	if counts.recovery != 1 || srv.TokenFetches() != 1 {
		t.Errorf("client_token requests after the recovery = %d (tokens issued %d); want 1 for the fleet", counts.recovery, srv.TokenFetches())
	}
	if shared {
		if until, err := store.(douyin.TokenFetchBackoff).FetchBackoff(t.Context(), douyintest.DefaultClientKey); err != nil || !until.IsZero() {
			t.Errorf("FetchBackoff after the recovery = %v, %v; want cleared", until, err)
		}
	}
	t.Logf("3 clients, %d concurrent calls within one backoff window of a token-endpoint outage: %d client_token request(s); "+
		"after the recovery: %d (fetch backoff shared through the store: %v)", fleetBackoffCalls, counts.outage, counts.recovery, shared)
	return counts
}

// FleetFetchBackoff checks that a store shares a failed token fetch with
// the fleet (douyin.TokenFetchBackoff): three douyin Clients ("processes")
// share a store from newStore, the token endpoint of a douyintest.Server
// is down, and 60 calls start at once across them within one backoff
// window. It wants 1 client_token request then, and 1 after the endpoint
// recovers and the backoff passes. It runs the same with the store's
// backoff methods hidden, where it wants 3 (one per client), and logs both
// counts. newStore must return a store that also implements
// douyin.TokenRefreshLocker and douyin.TokenFetchBackoff, empty or under a
// fresh namespace each time (the clients use douyintest.DefaultClientKey).
func FleetFetchBackoff(t *testing.T, newStore func() douyin.TokenStore) {
	t.Helper()
	var with, without fleetBackoffCounts
	t.Run("shared", func(t *testing.T) {
		s := newStore()
		if _, ok := s.(douyin.TokenFetchBackoff); !ok {
			t.Fatalf("%T does not implement douyin.TokenFetchBackoff", s)
		}
		with = testFleetTokenBackoff(t, s)
	})
	t.Run("not-shared", func(t *testing.T) {
		s := newStore()
		locker, ok := s.(douyin.TokenRefreshLocker)
		if !ok {
			t.Fatalf("%T does not implement douyin.TokenRefreshLocker", s)
		}
		without = testFleetTokenBackoff(t, withoutFetchBackoff{TokenStore: s, TokenRefreshLocker: locker})
	})
	if !t.Failed() && without.outage != 3 {
		t.Errorf("without the shared backoff: %d client_token requests during the outage; want 3 (one per client)", without.outage)
	}
	t.Logf("client_token requests during the outage: %d with the fleet backoff in the store, %d without", with.outage, without.outage)
}
