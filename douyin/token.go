package douyin

import (
	"context"
	"errors"
	"time"
)

// Token is an access token and when it stops being valid.
type Token struct {
	AccessToken string
	// IssuedAt is when the token was obtained (zero if unknown).
	IssuedAt time.Time
	// ExpiresAt is when Douyin stops accepting the token (zero: unknown,
	// treated as never).
	ExpiresAt time.Time
}

// TokenSource supplies the access token sent with /poi/order/* calls. It is
// called before every attempt and must be safe for concurrent use.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
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

// TokenRefreshLocker is implemented by a TokenStore that can let one
// process at a time refresh the token of key (e.g. with a Redis lock). The
// client-credentials source then takes the lock, looks in the store again
// and fetches only when no process has stored a usable token meanwhile, so
// a fleet starting at once fetches one token instead of one per process
// (Douyin keeps only the latest two valid). Without it, processes share the
// stored token but may race to refresh it.
type TokenRefreshLocker interface {
	// LockRefresh blocks until the caller holds the refresh lock for key
	// or ctx ends, and returns the function that releases the lock.
	LockRefresh(ctx context.Context, key string) (unlock func(), err error)
}

// StaticTokenSource always returns the same token, e.g. a user token from
// ExchangeUserToken or one your own system refreshes. Douyin's rejection
// of it is returned to the caller as an *APIError.
type StaticTokenSource string

// Token returns the token, or an error when it is empty.
func (s StaticTokenSource) Token(context.Context) (string, error) {
	if s == "" {
		return "", errors.New("douyin: empty static access token")
	}
	return string(s), nil
}
