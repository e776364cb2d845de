package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/redis/go-redis/v9"
)

var _ douyin.TokenFetchBackoff = (*TokenStore)(nil)

// backoffKey is the key of key's fetch backoff, next to its token (same
// hash tag, so the same Cluster slot).
func (s *TokenStore) backoffKey(key string) string {
	tk, _, _ := s.keys(key)
	return tk + ":fetch-backoff"
}

// SetFetchBackoff implements douyin.TokenFetchBackoff: it records until
// when fetching key's token is backed off, under PREFIX
// douyin-token:{K}:fetch-backoff (the until-time in Unix milliseconds); a
// zero until, or one already past, deletes it.
//
// Clocks: the value is the writer's until-time, which every instance reads
// against its own clock. The key also expires by itself after until minus
// this process's time.Now() (counted by the Redis server), so an instance
// whose clock runs behind the writer's is held back at most for the
// backoff's length, never longer; one whose clock runs ahead fetches early
// by the skew. A client with a WithClock far from real time therefore does
// not share its backoff.
func (s *TokenStore) SetFetchBackoff(ctx context.Context, key string, until time.Time) error {
	if err := s.ok(); err != nil {
		return err
	}
	bk := s.backoffKey(key)
	ttl := time.Until(until)
	if until.IsZero() || ttl < time.Millisecond {
		return s.rdb.Del(ctx, bk).Err()
	}
	// Rounded up, so that the stored time is never before until.
	ms := until.UnixMilli()
	if until.After(time.UnixMilli(ms)) {
		ms++
	}
	return s.rdb.Set(ctx, bk, strconv.FormatInt(ms, 10), ttl.Round(time.Millisecond)+time.Millisecond).Err()
}

// FetchBackoff implements douyin.TokenFetchBackoff: until when fetching
// key's token is backed off, or the zero time when it is not (the key is
// absent or has expired).
func (s *TokenStore) FetchBackoff(ctx context.Context, key string) (time.Time, error) {
	if err := s.ok(); err != nil {
		return time.Time{}, err
	}
	bk := s.backoffKey(key)
	v, err := s.rdb.Get(ctx, bk).Result()
	if errors.Is(err, redis.Nil) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil || ms <= 0 {
		return time.Time{}, fmt.Errorf("redisstore: the fetch backoff stored under %q is not a Unix time in milliseconds", bk)
	}
	return time.UnixMilli(ms), nil
}
