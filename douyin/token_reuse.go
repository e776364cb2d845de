package douyin

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// tokenFetchTimeout bounds one shared refresh, which runs on behalf of every
// waiting caller and so is not cancelled by any one of them.
const tokenFetchTimeout = time.Minute

// tokenLeaseTTL is how long a refresh lease of a shared store lasts: longer
// than a refresh may take, so that a live holder keeps it, and short enough
// that the fleet takes over soon after a holder died.
const tokenLeaseTTL = tokenFetchTimeout + 10*time.Second

// ReuseTokenSource returns a TokenSource that caches the tokens src fetches,
// in the spirit of golang.org/x/oauth2's ReuseTokenSource: src is called
// only when the cached token is missing, about to expire (see
// WithTokenRefreshBefore) or was rejected by Douyin; when many goroutines
// need a token at once, one calls src and the others wait for its result.
// The client's default source is ReuseTokenSource over FetchClientToken.
//
// The options that apply are WithTokenStore with WithTokenStoreKey (share
// the token through a store; a TokenRefreshLocker store lets one process
// at a time refresh), WithTokenRefreshBefore, WithClock and WithLogger;
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
	}
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

	mu       sync.Mutex
	cached   Token
	rejected string
	flight   *tokenFlight
}

// tokenFlight is one refresh in progress; done is closed when it ends.
type tokenFlight struct {
	done chan struct{}
	tok  Token
	err  error
}

// Token returns a valid client token, fetching one when the cached token is
// missing, about to expire or rejected.
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
	f := s.flight
	if f == nil {
		f = &tokenFlight{done: make(chan struct{})}
		s.flight = f
		// The refresh serves every waiter, so the first caller's
		// cancellation must not abort it.
		go s.refresh(context.WithoutCancel(ctx), f)
	}
	s.mu.Unlock()
	select {
	case <-f.done:
		if f.err != nil {
			return Token{}, f.err
		}
		return f.tok, nil
	case <-ctx.Done():
		return Token{}, ctx.Err()
	}
}

// InvalidateToken drops rejected, so that the next Token call obtains
// another one (from the store, if another process has refreshed it, or
// from Douyin).
func (s *reuseTokenSource) InvalidateToken(_ context.Context, rejected string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejected = rejected
	if s.cached.AccessToken == rejected {
		s.cached = Token{}
	}
}

func (s *reuseTokenSource) refresh(ctx context.Context, f *tokenFlight) {
	ctx, cancel := context.WithTimeout(ctx, tokenFetchTimeout)
	defer cancel()
	tok, err := s.safeLoadOrFetch(ctx)
	s.mu.Lock()
	if err == nil {
		s.cached = tok
	}
	f.tok, f.err = tok, err
	s.flight = nil
	s.mu.Unlock()
	close(f.done)
}

// safeLoadOrFetch runs loadOrFetch on the refresh goroutine, where no
// caller could recover a panic of the TokenStore (integrator code): the
// panic becomes the waiters' error instead of ending the process. Its value
// is left out: it might hold the token being saved.
func (s *reuseTokenSource) safeLoadOrFetch(ctx context.Context) (tok Token, err error) {
	defer func() {
		if p := recover(); p != nil {
			tok, err = Token{}, errors.New("douyin: the token store panicked while getting an access token")
		}
	}()
	return s.loadOrFetch(ctx)
}

// loadOrFetch prefers a usable token from the store (another process may
// have refreshed it) and fetches a new one only when there is none. When
// the store is a TokenRefreshLocker it holds the store's refresh lease
// meanwhile: take the lease, load again, fetch only if the stored token is
// still unusable, save through the lease, release.
func (s *reuseTokenSource) loadOrFetch(ctx context.Context) (Token, error) {
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
			return stored, nil
		}
	}
	tok, err := s.fetch(ctx)
	if err != nil {
		return Token{}, err
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
	return tok, nil
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
