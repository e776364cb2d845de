package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

// TokenStore is a douyin.TokenStore, douyin.TokenRefreshLocker and
// douyin.TokenFetchBackoff on a SQL database (tables hotelsdk_douyin_token
// and hotelsdk_douyin_token_lease of migrations/001_init.sql,
// hotelsdk_douyin_token_fetch_backoff of
// migrations/002_token_fetch_backoff.sql), so that a fleet shares one Douyin
// access token, fetches it once, and backs off together when fetching
// fails: pass it to douyin.WithTokenStore. Safe for concurrent use.
type TokenStore struct {
	db *sql.DB
}

var (
	_ douyin.TokenStore         = (*TokenStore)(nil)
	_ douyin.TokenRefreshLocker = (*TokenStore)(nil)
)

// NewTokenStore returns a TokenStore using db, whose schema must have been
// applied (Migrate).
func NewTokenStore(db *sql.DB) (*TokenStore, error) {
	if db == nil {
		return nil, errors.New("sqlstore: NewTokenStore: nil *sql.DB")
	}
	return &TokenStore{db: db}, nil
}

var errNilTokenStore = errors.New("sqlstore: nil or zero *TokenStore: use NewTokenStore")

func (s *TokenStore) ok() error {
	if s == nil || s.db == nil {
		return errNilTokenStore
	}
	return nil
}

const (
	tokenLoad = `SELECT access_token, issued_at, expires_at FROM hotelsdk_douyin_token WHERE key = $1`
	tokenSave = `INSERT INTO hotelsdk_douyin_token (key, access_token, issued_at, expires_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (key) DO UPDATE SET access_token = EXCLUDED.access_token, issued_at = EXCLUDED.issued_at,
    expires_at = EXCLUDED.expires_at`
	// Grants the lease when nobody holds it or the holder's lease ran out.
	leaseAcquire = `INSERT INTO hotelsdk_douyin_token_lease AS l (key, fence, lease_until) VALUES ($1, 1, ` + "CURRENT_TIMESTAMP + CAST($2 AS DOUBLE PRECISION) * INTERVAL '1 millisecond'" + `)
ON CONFLICT (key) DO UPDATE SET fence = l.fence + 1, lease_until = EXCLUDED.lease_until
WHERE l.lease_until <= CURRENT_TIMESTAMP
RETURNING fence`
	leaseCheck   = `SELECT fence FROM hotelsdk_douyin_token_lease WHERE key = $1 AND lease_until > CURRENT_TIMESTAMP FOR UPDATE`
	leaseRelease = `UPDATE hotelsdk_douyin_token_lease SET lease_until = CURRENT_TIMESTAMP
WHERE key = $1 AND fence = $2 AND lease_until > CURRENT_TIMESTAMP`
)

// Load implements douyin.TokenStore: the token stored under key, or a zero
// Token and nil when there is none.
func (s *TokenStore) Load(ctx context.Context, key string) (douyin.Token, error) {
	if err := s.ok(); err != nil {
		return douyin.Token{}, err
	}
	var t douyin.Token
	var issued, expires sql.NullTime
	err := s.db.QueryRowContext(ctx, tokenLoad, key).Scan(&t.AccessToken, &issued, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return douyin.Token{}, nil
	}
	if err != nil {
		return douyin.Token{}, err
	}
	t.IssuedAt, t.ExpiresAt = issued.Time, expires.Time
	return t, nil
}

func nullTime(t time.Time) sql.NullTime { return sql.NullTime{Time: t, Valid: !t.IsZero()} }

// Save implements douyin.TokenStore: it stores t under key whoever holds the
// refresh lease (use the lease's Save to store only while holding it).
func (s *TokenStore) Save(ctx context.Context, key string, t douyin.Token) error {
	if err := s.ok(); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, tokenSave, key, t.AccessToken, nullTime(t.IssuedAt), nullTime(t.ExpiresAt))
	return err
}

// LockRefresh implements douyin.TokenRefreshLocker: it waits until no other
// lease of key is current (released, or expired because its holder died)
// or ctx ends, and grants the caller a lease that expires after ttl (by the
// database's clock). A nil ctx is taken as context.Background(); ttl must
// be at least a millisecond.
func (s *TokenStore) LockRefresh(ctx context.Context, key string, ttl time.Duration) (douyin.TokenLease, error) {
	if err := s.ok(); err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if ttl < time.Millisecond {
		return nil, errors.New("sqlstore: LockRefresh: the lease TTL must be at least a millisecond")
	}
	poll := 5 * time.Millisecond
	for {
		var fence int64
		err := s.db.QueryRowContext(ctx, leaseAcquire, key, ttl.Milliseconds()).Scan(&fence)
		if err == nil {
			return &tokenLease{s: s, key: key, fence: fence}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		t := time.NewTimer(poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		poll = min(poll*2, 100*time.Millisecond)
	}
}

type tokenLease struct {
	s          *TokenStore
	key        string
	fence      int64
	once       sync.Once
	releaseErr error
}

// Fence implements douyin.TokenLease.
func (l *tokenLease) Fence() int64 { return l.fence }

// Save implements douyin.TokenLease: in one transaction it locks the lease
// row, checks that this lease is current, and stores t; else it returns
// douyin.ErrLeaseLost.
func (l *tokenLease) Save(ctx context.Context, t douyin.Token) (err error) {
	tx, err := l.s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	var fence int64
	err = tx.QueryRowContext(ctx, leaseCheck, l.key).Scan(&fence)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && fence != l.fence) {
		return douyin.ErrLeaseLost
	}
	if err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, tokenSave, l.key, t.AccessToken, nullTime(t.IssuedAt), nullTime(t.ExpiresAt)); err != nil {
		return err
	}
	return tx.Commit()
}

// Release implements douyin.TokenLease: it ends the lease if it is still
// this one's; idempotent.
func (l *tokenLease) Release(ctx context.Context) error {
	l.once.Do(func() {
		_, l.releaseErr = l.s.db.ExecContext(ctx, leaseRelease, l.key, l.fence)
	})
	return l.releaseErr
}
