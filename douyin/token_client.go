package douyin

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// ClientTokenRequest is the body of POST /oauth/client_token/.
type ClientTokenRequest struct {
	ClientKey    string `json:"client_key"`
	ClientSecret string `json:"client_secret"`
	// GrantType is always "client_credential".
	GrantType string `json:"grant_type"`
}

// ClientTokenResponse is Douyin's answer to POST /oauth/client_token/.
type ClientTokenResponse struct {
	Data    ClientTokenData `json:"data"`
	Message string          `json:"message"`
	// Extra is present when Douyin sends it.
	Extra *Extra `json:"extra,omitempty"`
}

// ClientTokenData is the data part of ClientTokenResponse.
type ClientTokenData struct {
	// AccessToken is the client token ("clt.…"). Never log it.
	AccessToken string `json:"access_token"`
	// ExpiresIn is the token's lifetime in seconds (7200).
	ExpiresIn   int64  `json:"expires_in"`
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
}

func (r *ClientTokenResponse) check() error {
	if r.Data.AccessToken == "" {
		return errors.New("data.access_token is missing")
	}
	if r.Data.ExpiresIn <= 0 {
		return errors.New("data.expires_in is missing or not positive")
	}
	return nil
}

// FetchClientToken gets a new client token (POST /oauth/client_token/,
// grant_type client_credential) with the client's credentials. Most
// integrators never call it: the client's default token source calls it
// when needed, caches the token and shares it through the TokenStore.
// Every fetch makes Douyin retire older tokens after five minutes, and more
// than 500 fetches in five minutes are refused (10020).
//
// The call is declared idempotent: each fetch yields a valid token, so a
// repeated fetch after a lost answer does no harm.
func (c *Client) FetchClientToken(ctx context.Context, opts ...CallOption) (*ClientTokenResponse, error) {
	const op = "oauth.client_token"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	if c.clientKey == "" {
		return nil, missingCredentials(op)
	}
	var out ClientTokenResponse
	body := &ClientTokenRequest{ClientKey: c.clientKey, ClientSecret: c.clientSecret, GrantType: "client_credential"}
	if err := c.call(ctx, op, PathClientToken, body, true, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) fetchToken(ctx context.Context) (Token, error) {
	now := c.now()
	r, err := c.FetchClientToken(ctx)
	if err != nil {
		return Token{}, err
	}
	return Token{
		AccessToken: r.Data.AccessToken,
		IssuedAt:    now,
		ExpiresAt:   now.Add(time.Duration(r.Data.ExpiresIn) * time.Second),
	}, nil
}

// tokenFetchTimeout bounds one shared refresh, which runs on behalf of every
// waiting caller and so is not cancelled by any one of them.
const tokenFetchTimeout = time.Minute

// tokenLeaseTTL is how long a refresh lease of a shared store lasts: longer
// than a refresh may take, so that a live holder keeps it, and short enough
// that the fleet takes over soon after a holder died.
const tokenLeaseTTL = tokenFetchTimeout + 10*time.Second

// ClientCredentialsSource is the client's default TokenSource: a client
// token from /oauth/client_token/, kept in a TokenStore, replaced shortly
// before it expires. When many goroutines need a token at once, one fetches
// and the others wait for its result. A token Douyin rejected is never
// handed out again. It is created by NewClient; get it with
// Client.TokenSource.
type ClientCredentialsSource struct {
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
func (s *ClientCredentialsSource) Token(ctx context.Context) (Token, error) {
	if s == nil || s.fetch == nil || s.store == nil {
		return Token{}, errors.New("douyin: ClientCredentialsSource used without NewClient (get it with Client.TokenSource)")
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
func (s *ClientCredentialsSource) InvalidateToken(_ context.Context, rejected string) {
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

func (s *ClientCredentialsSource) refresh(ctx context.Context, f *tokenFlight) {
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
func (s *ClientCredentialsSource) safeLoadOrFetch(ctx context.Context) (tok Token, err error) {
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
func (s *ClientCredentialsSource) loadOrFetch(ctx context.Context) (Token, error) {
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
func (s *ClientCredentialsSource) usable(t Token) bool {
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

func (s *ClientCredentialsSource) warn(ctx context.Context, msg string, err error) {
	if s.logger != nil {
		s.logger.WarnContext(ctx, msg, slog.String("error", err.Error()))
	}
}
