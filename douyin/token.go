package douyin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Token is an access token and when it stops being valid. It masks
// AccessToken when printed (%v, %+v, %#v, %s) or logged with log/slog;
// read the field itself to use it. It marshals to JSON in full, so that a
// TokenStore can keep it.
type Token struct {
	// AccessToken is the token sent to Douyin. Never log it.
	AccessToken string
	// IssuedAt is when the token was obtained (zero if unknown).
	IssuedAt time.Time
	// ExpiresAt is when Douyin stops accepting the token (zero: unknown,
	// treated as never).
	ExpiresAt time.Time
}

// mask is what a secret is replaced with when printed.
const mask = "***"

func maskSecret(s string) string {
	if s == "" {
		return ""
	}
	return mask
}

// String describes the token with its access token masked.
func (t Token) String() string {
	return fmt.Sprintf("{AccessToken:%s IssuedAt:%s ExpiresAt:%s}", maskSecret(t.AccessToken),
		t.IssuedAt.Format(time.RFC3339), t.ExpiresAt.Format(time.RFC3339))
}

// GoString is String for %#v.
func (t Token) GoString() string {
	return fmt.Sprintf("douyin.Token{AccessToken:%q, IssuedAt:%#v, ExpiresAt:%#v}", maskSecret(t.AccessToken),
		t.IssuedAt, t.ExpiresAt)
}

// LogValue makes log/slog print the token with its access token masked.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("access_token", maskSecret(t.AccessToken)),
		slog.Time("issued_at", t.IssuedAt),
		slog.Time("expires_at", t.ExpiresAt),
	)
}

// TokenSource supplies the access token sent with /poi/order/* calls. It is
// called before every attempt and must be safe for concurrent use.
type TokenSource interface {
	Token(ctx context.Context) (Token, error)
}

// TokenInvalidator is implemented by token sources that can drop a token
// Douyin rejected (2190002 invalid, 2190008 expired). The client then calls
// Token again and repeats the rejected call once. A source that does not
// implement it (a static token) gets no second try: the same token would be
// rejected again.
type TokenInvalidator interface {
	InvalidateToken(ctx context.Context, rejected string)
}

// TokenStore keeps the client-credentials token where several processes
// can share it (a cache such as Redis, a database row). Douyin keeps only
// the latest two tokens of an application valid, so processes that each
// fetch their own token invalidate one another. Implementations must be
// safe for concurrent use.
type TokenStore interface {
	// Load returns the token stored under key, or a zero Token and nil
	// when there is none.
	Load(ctx context.Context, key string) (Token, error)
	// Save stores t under key, replacing what was there.
	Save(ctx context.Context, key string, t Token) error
}

// TokenRefreshLocker is implemented by a TokenStore that can grant one
// process at a time a lease to refresh key (e.g. with a Redis lock). The
// client-credentials source then takes the lease, looks in the store again,
// fetches only when no process has stored a usable token meanwhile, saves
// the new token through the lease and releases it, so a fleet starting at
// once fetches one token instead of one per process (Douyin keeps only the
// latest two valid). Without it, processes share the stored token but may
// race to refresh it.
type TokenRefreshLocker interface {
	// LockRefresh blocks until the caller holds the refresh lease of key
	// or ctx ends. The lease expires by itself after ttl (a holder that
	// died frees it).
	LockRefresh(ctx context.Context, key string, ttl time.Duration) (TokenLease, error)
}

// TokenLease is the refresh lease of one key, granted by
// TokenRefreshLocker.LockRefresh.
type TokenLease interface {
	// Fence grows with every lease granted for key: a store can use it to
	// refuse writes of a holder whose lease has passed to another.
	Fence() int64
	// Save stores t under key only while this lease is current; else it
	// returns ErrLeaseLost and stores nothing.
	Save(ctx context.Context, t Token) error
	// Release ends the lease early; it is idempotent.
	Release(ctx context.Context) error
}

// TokenFetchBackoff is implemented by a TokenStore that shares a failed
// token fetch with the fleet. After a process's fetch failed, the token
// source records until when fetching is backed off (a short interval that
// grows with consecutive failures: 1 s, 2 s, 4 s … 30 s); the other
// processes sharing the store then answer their callers with an error until
// that time instead of each calling the token endpoint, so a fleet does not
// walk into Douyin's limit of 500 fetches in 5 minutes (10020) during an
// outage. A successful fetch clears it. Times are absolute: keep the
// fleet's clocks in sync (or have the store keep a TTL instead).
type TokenFetchBackoff interface {
	// SetFetchBackoff records that fetching key's token is backed off
	// until the given time; a zero time clears it.
	SetFetchBackoff(ctx context.Context, key string, until time.Time) error
	// FetchBackoff returns until when fetching key's token is backed off;
	// the zero time when it is not.
	FetchBackoff(ctx context.Context, key string) (time.Time, error)
}

// ErrLeaseLost is returned by TokenLease.Save when the lease has expired or
// another holder has been granted the key since.
var ErrLeaseLost = errors.New("douyin: token refresh lease lost")

// TokenFunc adapts a function to TokenSource, e.g. one that fetches a
// token from your own system. Wrap it with ReuseTokenSource to cache what
// it returns.
type TokenFunc func(ctx context.Context) (Token, error)

// Token calls f.
func (f TokenFunc) Token(ctx context.Context) (Token, error) {
	if f == nil {
		return Token{}, errors.New("douyin: nil TokenFunc")
	}
	return f(ctx)
}

// StaticTokenSource returns a TokenSource that always returns t, e.g. a
// user token from ExchangeUserToken or one your own system refreshes.
// Douyin's rejection of it is returned to the caller as an *APIError; an
// empty t makes every Token call (and WithTokenSource) fail.
func StaticTokenSource(t Token) TokenSource { return staticTokenSource{t} }

type staticTokenSource struct{ t Token }

func (s staticTokenSource) Token(context.Context) (Token, error) {
	if s.t.AccessToken == "" {
		return Token{}, errors.New("douyin: empty static access token")
	}
	return s.t, nil
}
