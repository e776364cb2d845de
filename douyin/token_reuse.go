package douyin

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// TokenRefreshTimeout bounds one refresh of the token sources NewClient and
// ReuseTokenSource make: the store's lease, its load and the fetch, retries
// included. The refresh runs on behalf of every waiting caller and so is
// not cancelled by any one of them; it ends sooner when every waiter has
// gone. The client's own fetch fits its attempts in it (see
// WithRetryPolicy); a source given to ReuseTokenSource gets a context that
// ends after it.
const TokenRefreshTimeout = 20 * time.Second

// tokenRejectionRefetchInterval bounds how often Douyin's rejection of the
// token (2190002, 2190008) makes the source replace it: at most once per
// interval. When Douyin keeps rejecting every token (a revoked
// application, a wrong scope), calls fail with the rejection instead of
// each fetching a new token, which would also retire the token the rest
// of the fleet shares.
const tokenRejectionRefetchInterval = 30 * time.Second

// tokenLeaseTTL is how long a refresh lease of a shared store lasts: longer
// than a refresh may take, so that a live holder keeps it, and short enough
// that the fleet takes over soon after a holder died.
const tokenLeaseTTL = TokenRefreshTimeout + 10*time.Second

// ReuseTokenSource returns a TokenSource that caches the tokens src fetches,
// in the spirit of golang.org/x/oauth2's ReuseTokenSource: src is called
// only when the cached token is missing, about to expire (see
// WithTokenRefreshBefore) or was rejected by Douyin; when many goroutines
// need a token at once, one calls src and the others wait for its result.
// The client's default source is ReuseTokenSource over FetchClientToken.
//
// One refresh (store lease, load, src and save) is bounded by
// TokenRefreshTimeout: src gets a context that ends after it, so its own
// retries must fit in it.
//
// The options that apply are WithTokenStore with WithTokenStoreKey (share
// the token through a store; a TokenRefreshLocker store lets one process
// at a time refresh), WithTokenRefreshBefore, WithClock, WithLogger and
// WithHooks (OnEvent sees each refresh);
// any other option, and a nil src, is an error. The returned source also
// implements TokenInvalidator.
func ReuseTokenSource(src TokenSource, opts ...Option) (TokenSource, error) {
	if src == nil {
		return nil, errors.New("douyin: ReuseTokenSource: nil source")
	}
	cfg := config{tokenSourceOnly: true, refreshBefore: DefaultTokenRefreshBefore}
	cfg.tc.Now = time.Now
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.store != nil && cfg.storeKey == "" {
		return nil, errors.New("douyin: ReuseTokenSource: WithTokenStore needs WithTokenStoreKey")
	}
	return newReuseTokenSource(src, &cfg, cfg.storeKey), nil
}

func newReuseTokenSource(src TokenSource, cfg *config, key string) *reuseTokenSource {
	store := cfg.store
	if store == nil {
		store = NewMemoryTokenStore()
	}
	return &reuseTokenSource{
		fetch:         src.Token,
		store:         store,
		key:           key,
		refreshBefore: cfg.refreshBefore,
		now:           cfg.tc.Now,
		logger:        cfg.tc.Logger,
		onEvent:       cfg.tc.Hooks.OnEvent,
		timeout:       refreshTimeout(cfg),
	}
}

// refreshTimeout is the bound of one refresh under cfg.
func refreshTimeout(cfg *config) time.Duration {
	if cfg.refreshTimeout > 0 {
		return cfg.refreshTimeout
	}
	return TokenRefreshTimeout
}

// reuseTokenSource is what ReuseTokenSource returns: a token cached in a
// TokenStore, replaced shortly before it expires, fetched by one caller
// while concurrent callers wait. A token Douyin rejected is never handed
// out again.
type reuseTokenSource struct {
	fetch         func(context.Context) (Token, error)
	store         TokenStore
	key           string
	refreshBefore time.Duration
	now           func() time.Time
	logger        *slog.Logger
	onEvent       func(context.Context, hotelsdk.Event)
	timeout       time.Duration // bounds one refresh (TokenRefreshTimeout)

	mu       sync.Mutex
	cached   Token
	rejected string
	flight   *tokenFlight
	// lastForced is when a rejection last made the source drop its token.
	lastForced time.Time
	// failures counts consecutive failed refreshes; until backoffUntil
	// callers get backoffErr instead of a new fetch.
	failures     int
	backoffUntil time.Time
	backoffErr   error
}

// Backoff of failed token fetches: the first failure holds fetching back
// for tokenBackoffBase, each further consecutive one twice as long, at most
// tokenBackoffMax.
const (
	tokenBackoffBase = time.Second
	tokenBackoffMax  = 30 * time.Second
)

func tokenBackoff(failures int) time.Duration {
	d := tokenBackoffBase
	for i := 1; i < failures && d < tokenBackoffMax; i++ {
		d *= 2
	}
	return min(d, tokenBackoffMax)
}

// ErrTokenFetchBackedOff matches the error of a token refresh whose fetch
// failed, and the error callers get instead of a new fetch while fetching is
// backed off after that failure (1 s, doubling up to 30 s) — in this
// process, or in the fleet when the TokenStore implements
// TokenFetchBackoff. Where this process's fetch failed, the error also
// wraps the fetch's own error (an *APIError, a *hotelsdk.TransportError…).
// Calls fail fast meanwhile; retry after the backoff.
var ErrTokenFetchBackedOff = errors.New("douyin: token fetch backed off")

// fleetBackoffError is the error of a refresh that found the fleet's
// fetch backoff (TokenFetchBackoff) in force.
type fleetBackoffError struct{ until time.Time }

func (e *fleetBackoffError) Error() string {
	return "douyin: another process's token fetch failed; not retried before " + e.until.UTC().Format(time.RFC3339)
}

// Is makes errors.Is(err, ErrTokenFetchBackedOff) true.
func (e *fleetBackoffError) Is(target error) bool { return target == ErrTokenFetchBackedOff }

// fetchFailedError is the error of this process's failed fetch, returned
// to its callers until the backoff ends.
type fetchFailedError struct {
	until time.Time
	err   error
}

func (e *fetchFailedError) Error() string {
	return "douyin: token fetch failed; not retried before " + e.until.UTC().Format(time.RFC3339) + ": " + e.err.Error()
}

// Unwrap returns the fetch's own error.
func (e *fetchFailedError) Unwrap() error { return e.err }

// Is makes errors.Is(err, ErrTokenFetchBackedOff) true.
func (e *fetchFailedError) Is(target error) bool { return target == ErrTokenFetchBackedOff }

// tokenFlight is one refresh in progress; done is closed when it ends.
// waiters counts the callers waiting for it; when the last one gives up,
// cancel stops the refresh.
type tokenFlight struct {
	done    chan struct{}
	tok     Token
	err     error
	waiters int
	cancel  context.CancelFunc
	// fleetUntil is the fetch backoff loadOrFetch recorded in a
	// TokenFetchBackoff store after the fetch failed (zero: none), read
	// by the refresh goroutine that set it.
	fleetUntil time.Time
}

// Token returns a valid token, fetching one when the cached token is
// missing, about to expire or rejected. Concurrent callers share one
// fetch, which stops when all of them have given up (or after
// TokenRefreshTimeout).
func (s *reuseTokenSource) Token(ctx context.Context) (Token, error) {
	if s == nil || s.fetch == nil || s.store == nil {
		return Token{}, errors.New("douyin: token source not made by ReuseTokenSource or NewClient")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	s.mu.Lock()
	if s.usable(s.cached) {
		t := s.cached
		s.mu.Unlock()
		return t, nil
	}
	if s.backoffErr != nil && s.now().Before(s.backoffUntil) {
		err := s.backoffErr
		s.mu.Unlock()
		return Token{}, err
	}
	f := s.flight
	if f == nil {
		// The refresh serves every waiter, so no one caller's
		// cancellation aborts it; it ends when the last waiter leaves.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.timeout)
		f = &tokenFlight{done: make(chan struct{}), cancel: cancel}
		s.flight = f
		go s.refresh(fctx, f)
	}
	f.waiters++
	s.mu.Unlock()
	select {
	case <-f.done:
		if f.err != nil {
			return Token{}, f.err
		}
		return f.tok, nil
	case <-ctx.Done():
		s.mu.Lock()
		f.waiters--
		if f.waiters == 0 {
			f.cancel()
			if s.flight == f {
				s.flight = nil // later callers start afresh
			}
		}
		s.mu.Unlock()
		return Token{}, ctx.Err()
	}
}

// InvalidateToken drops rejected, so that the next Token call obtains
// another one (from the store, if another process has refreshed it, or
// from the fetch function) — at most once per
// tokenRejectionRefetchInterval: a rejection soon after the last one
// leaves the token in place, and the caller's call fails with Douyin's
// rejection.
func (s *reuseTokenSource) InvalidateToken(_ context.Context, rejected string) {
	if s == nil || s.now == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if !s.lastForced.IsZero() && now.Sub(s.lastForced) < tokenRejectionRefetchInterval {
		return
	}
	s.lastForced = now
	s.rejected = rejected
	if s.cached.AccessToken == rejected {
		s.cached = Token{}
	}
}

func (s *reuseTokenSource) refresh(ctx context.Context, f *tokenFlight) {
	defer f.cancel()
	tok, fetched, err := s.safeLoadOrFetch(ctx, f)
	abandoned := err != nil && errors.Is(err, context.Canceled) && ctx.Err() != nil
	fetchErr := err
	var record func()
	s.mu.Lock()
	switch {
	case err == nil:
		s.cached = tok
		if s.failures > 0 {
			record = func() { s.setFleetBackoff(ctx, time.Time{}) }
		}
		s.failures, s.backoffUntil, s.backoffErr = 0, time.Time{}, nil
	case abandoned:
		// Every waiter gave up: not a failure of the token endpoint.
	default:
		s.failures++
		now := s.now()
		s.backoffUntil = now.Add(tokenBackoff(s.failures))
		var fe *fleetBackoffError
		if errors.As(err, &fe) {
			if fe.until.After(s.backoffUntil) {
				s.backoffUntil = fe.until
			}
			s.backoffErr = err
		} else {
			if !f.fleetUntil.IsZero() {
				// Already recorded for the fleet, under the lease.
				s.backoffUntil = f.fleetUntil
			} else {
				until := s.backoffUntil
				record = func() { s.setFleetBackoff(ctx, until) }
			}
			s.backoffErr = &fetchFailedError{until: s.backoffUntil, err: err}
		}
		err = s.backoffErr
	}
	f.tok, f.err = tok, err
	if s.flight == f {
		s.flight = nil
	}
	s.mu.Unlock()
	if record != nil {
		// Before the waiters hear of the failure, so that the fleet
		// knows it by the time they return.
		record()
	}
	// Reported before the waiters return, so that a caller sees the
	// events of the refresh it waited for, in order.
	s.emitRefresh(ctx, tok, fetched, abandoned, fetchErr)
	close(f.done)
}

// setFleetBackoff records the fetch backoff in a TokenFetchBackoff store,
// on a context of its own (the refresh's may be over). A store failure or
// panic is only logged: the backoff is advice.
func (s *reuseTokenSource) setFleetBackoff(ctx context.Context, until time.Time) {
	b, ok := s.store.(TokenFetchBackoff)
	if !ok {
		return
	}
	defer func() {
		if recover() != nil {
			s.warn(ctx, "douyin: token store panicked recording the fetch backoff", errors.New("panic"))
		}
	}()
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := b.SetFetchBackoff(rctx, s.key, until); err != nil {
		s.warn(ctx, "douyin: token store could not record the fetch backoff", err)
	}
}

// safeLoadOrFetch runs loadOrFetch on the refresh goroutine, where no
// caller could recover a panic of the TokenStore (integrator code): the
// panic becomes the waiters' error instead of ending the process. Its value
// is left out: it might hold the token being saved.
func (s *reuseTokenSource) safeLoadOrFetch(ctx context.Context, f *tokenFlight) (tok Token, fetched bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			tok, fetched, err = Token{}, false, errors.New("douyin: the token store panicked while getting an access token")
		}
	}()
	return s.loadOrFetch(ctx, f)
}

// loadOrFetch prefers a usable token from the store (another process may
// have refreshed it) and fetches a new one only when there is none. When
// the store is a TokenRefreshLocker it holds the store's refresh lease
// meanwhile: take the lease, load again, fetch only if the stored token is
// still unusable, save through the lease, release.
//
// A failed fetch is recorded in a TokenFetchBackoff store (and in
// f.fleetUntil) before the lease is released, so that the process taking
// the lease next finds the backoff instead of fetching again.
//
// fetched reports whether the token is a new one from the fetch function.
func (s *reuseTokenSource) loadOrFetch(ctx context.Context, f *tokenFlight) (_ Token, fetched bool, _ error) {
	var lease TokenLease
	if l, ok := s.store.(TokenRefreshLocker); ok {
		var err error
		lease, err = l.LockRefresh(ctx, s.key, tokenLeaseTTL)
		switch {
		case err != nil:
			// Refreshing without the lease risks a race with other
			// processes; not refreshing at all would stop every call.
			s.warn(ctx, "douyin: token store lock failed; refreshing without it", err)
			lease = nil
		case lease == nil:
			s.warn(ctx, "douyin: token store lock failed; refreshing without it", errors.New("nil lease"))
		default:
			defer func() {
				// Released on a context of its own: the refresh's may be
				// over, and a lease left held blocks the fleet until its TTL.
				rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
				defer cancel()
				if err := lease.Release(rctx); err != nil {
					s.warn(ctx, "douyin: token store lease release failed", err)
				}
			}()
		}
	}
	stored, err := s.store.Load(ctx, s.key)
	if err != nil {
		s.warn(ctx, "douyin: token store load failed; fetching a new token", err)
	} else {
		s.mu.Lock()
		ok := s.usable(stored)
		s.mu.Unlock()
		if ok {
			return stored, false, nil
		}
	}
	if b, ok := s.store.(TokenFetchBackoff); ok {
		until, err := b.FetchBackoff(ctx, s.key)
		switch {
		case err != nil:
			s.warn(ctx, "douyin: token store could not read the fetch backoff; fetching", err)
		case s.now().Before(until):
			return Token{}, false, &fleetBackoffError{until: until}
		}
	}
	tok, err := s.fetch(ctx)
	if err != nil {
		abandoned := errors.Is(err, context.Canceled) && ctx.Err() != nil
		if _, ok := s.store.(TokenFetchBackoff); ok && !abandoned {
			s.mu.Lock()
			until := s.now().Add(tokenBackoff(s.failures + 1))
			s.mu.Unlock()
			s.setFleetBackoff(ctx, until)
			f.fleetUntil = until
		}
		return Token{}, false, err
	}
	if lease != nil {
		err = lease.Save(ctx, tok)
	} else {
		err = s.store.Save(ctx, s.key, tok)
	}
	switch {
	case errors.Is(err, ErrLeaseLost):
		// Another process holds the key now and may store its own token;
		// ours is valid all the same.
		s.warn(ctx, "douyin: token store lease lost before the new token was saved", err)
	case err != nil:
		// The token works; only sharing it failed.
		s.warn(ctx, "douyin: token store save failed", err)
	}
	return tok, true, nil
}

// usable reports whether t may be handed out now. s.mu must be held.
func (s *reuseTokenSource) usable(t Token) bool {
	if t.AccessToken == "" || t.AccessToken == s.rejected {
		return false
	}
	if t.ExpiresAt.IsZero() {
		return true
	}
	margin := s.refreshBefore
	if !t.IssuedAt.IsZero() {
		if half := t.ExpiresAt.Sub(t.IssuedAt) / 2; margin > half {
			margin = half
		}
	}
	return s.now().Add(margin).Before(t.ExpiresAt)
}

func (s *reuseTokenSource) warn(ctx context.Context, msg string, err error) {
	if s.logger != nil {
		s.logger.WarnContext(ctx, msg, slog.String("error", err.Error()))
	}
}

// emitRefresh reports one refresh to Hooks.OnEvent as
// hotelsdk.EventTokenRefresh with its outcome ("fetched", "loaded" from
// the store, "backed_off" by the fleet, "failed", "abandoned" by every
// waiter) and, on success, the token's expiry; never the token. A panic of
// the hook is recovered: it runs on the refresh goroutine.
func (s *reuseTokenSource) emitRefresh(ctx context.Context, tok Token, fetched, abandoned bool, err error) {
	if s.onEvent == nil {
		return
	}
	outcome := "loaded"
	var fe *fleetBackoffError
	switch {
	case abandoned:
		outcome = "abandoned"
	case errors.As(err, &fe):
		outcome = "backed_off"
	case err != nil:
		outcome = "failed"
	case fetched:
		outcome = "fetched"
	}
	attrs := []slog.Attr{slog.String("outcome", outcome)}
	if err == nil {
		attrs = append(attrs, slog.Time("expires_at", tok.ExpiresAt))
	}
	defer func() {
		if recover() != nil {
			s.warn(ctx, "douyin: the OnEvent hook panicked", errors.New("panic"))
		}
	}()
	s.onEvent(ctx, hotelsdk.Event{Platform: platform, Name: hotelsdk.EventTokenRefresh, Attrs: attrs, Err: err})
}
