package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

var _ douyin.TokenFetchBackoff = (*TokenStore)(nil)

const (
	// backoffSet keeps the until-time as given and an expiry by the
	// database's clock, $3 milliseconds from now.
	backoffSet = `INSERT INTO hotelsdk_douyin_token_fetch_backoff (key, backoff_until, expires_at) VALUES ($1, $2, ` +
		"CURRENT_TIMESTAMP + CAST($3 AS DOUBLE PRECISION) * INTERVAL '1 millisecond'" + `)
ON CONFLICT (key) DO UPDATE SET backoff_until = EXCLUDED.backoff_until, expires_at = EXCLUDED.expires_at`
	backoffClear = `DELETE FROM hotelsdk_douyin_token_fetch_backoff WHERE key = $1`
	backoffGet   = `SELECT backoff_until FROM hotelsdk_douyin_token_fetch_backoff WHERE key = $1 AND expires_at > CURRENT_TIMESTAMP`
)

// SetFetchBackoff implements douyin.TokenFetchBackoff: it records until
// when fetching key's token is backed off, in table
// hotelsdk_douyin_token_fetch_backoff (migrations/002_token_fetch_backoff.sql);
// a zero until, or one already past, deletes the row.
//
// Clocks: the row holds the writer's until-time, which every instance reads
// against its own clock, and an expiry by the database's clock: now plus
// until minus this process's time.Now(). So an instance whose clock runs
// behind the writer's is held back at most for the backoff's length, never
// longer; one whose clock runs ahead fetches early by the skew. A client
// with a WithClock far from real time therefore does not share its backoff.
func (s *TokenStore) SetFetchBackoff(ctx context.Context, key string, until time.Time) error {
	if err := s.ok(); err != nil {
		return err
	}
	ttl := time.Until(until)
	if until.IsZero() || ttl < time.Millisecond {
		_, err := s.db.ExecContext(ctx, backoffClear, key)
		return err
	}
	// The column keeps microseconds: round up, so that the stored time is
	// never before until.
	stored := until.Truncate(time.Microsecond)
	if stored.Before(until) {
		stored = stored.Add(time.Microsecond)
	}
	ms := (ttl + time.Millisecond - 1).Milliseconds()
	_, err := s.db.ExecContext(ctx, backoffSet, key, stored, ms)
	return err
}

// FetchBackoff implements douyin.TokenFetchBackoff: until when fetching
// key's token is backed off, or the zero time when it is not (no row, or
// the row has expired).
func (s *TokenStore) FetchBackoff(ctx context.Context, key string) (time.Time, error) {
	if err := s.ok(); err != nil {
		return time.Time{}, err
	}
	var until time.Time
	err := s.db.QueryRowContext(ctx, backoffGet, key).Scan(&until)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return until, nil
}
