package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/redis/go-redis/v9"
)

// TokenStore is a douyin.TokenStore, douyin.TokenRefreshLocker and
// douyin.TokenFetchBackoff on Redis, so that a fleet shares one Douyin
// access token, fetches it once, and backs off together when fetching
// fails: pass it to douyin.WithTokenStore. Keys (for token key K):
// PREFIX douyin-token:{K} holds the token (JSON, expiring a minute after
// the token), …:lease the holder's fence (expiring with the lease),
// …:fence the fence counter and …:fetch-backoff until when fetching is
// backed off (expiring then). Safe for concurrent use.
type TokenStore struct {
	rdb    redis.UniversalClient
	prefix string
}

var (
	_ douyin.TokenStore         = (*TokenStore)(nil)
	_ douyin.TokenRefreshLocker = (*TokenStore)(nil)
)

// NewTokenStore returns a TokenStore using rdb.
func NewTokenStore(rdb redis.UniversalClient, opts ...Option) (*TokenStore, error) {
	c, err := newConfig(rdb, "NewTokenStore", opts)
	if err != nil {
		return nil, err
	}
	return &TokenStore{rdb: rdb, prefix: c.prefix}, nil
}

var errNilTokenStore = errors.New("redisstore: nil or zero *TokenStore: use NewTokenStore")

func (s *TokenStore) ok() error {
	if s == nil || s.rdb == nil {
		return errNilTokenStore
	}
	return nil
}

func (s *TokenStore) keys(key string) (token, lease, fence string) {
	base := s.prefix + "douyin-token:{" + key + "}"
	return base, base + ":lease", base + ":fence"
}

// storedToken is the JSON kept in Redis.
type storedToken struct {
	AccessToken string `json:"access_token"`
	IssuedAt    int64  `json:"issued_at_ms,omitempty"`
	ExpiresAt   int64  `json:"expires_at_ms,omitempty"`
}

func encodeToken(t douyin.Token) (string, int64, error) {
	st := storedToken{AccessToken: t.AccessToken}
	if !t.IssuedAt.IsZero() {
		st.IssuedAt = t.IssuedAt.UnixMilli()
	}
	var ttl int64 // milliseconds; 0: no expiry
	if !t.ExpiresAt.IsZero() {
		st.ExpiresAt = t.ExpiresAt.UnixMilli()
		ttl = max(time.Until(t.ExpiresAt), 0).Milliseconds() + time.Minute.Milliseconds()
	}
	b, err := json.Marshal(st)
	return string(b), ttl, err
}

// Load implements douyin.TokenStore: the token stored under key, or a zero
// Token and nil when there is none.
func (s *TokenStore) Load(ctx context.Context, key string) (douyin.Token, error) {
	if err := s.ok(); err != nil {
		return douyin.Token{}, err
	}
	tk, _, _ := s.keys(key)
	b, err := s.rdb.Get(ctx, tk).Bytes()
	if errors.Is(err, redis.Nil) {
		return douyin.Token{}, nil
	}
	if err != nil {
		return douyin.Token{}, err
	}
	var st storedToken
	if err := json.Unmarshal(b, &st); err != nil {
		return douyin.Token{}, fmt.Errorf("redisstore: the token stored under %q is not valid JSON", tk)
	}
	t := douyin.Token{AccessToken: st.AccessToken}
	if st.IssuedAt != 0 {
		t.IssuedAt = time.UnixMilli(st.IssuedAt)
	}
	if st.ExpiresAt != 0 {
		t.ExpiresAt = time.UnixMilli(st.ExpiresAt)
	}
	return t, nil
}

// Save implements douyin.TokenStore: it stores t under key whoever holds the
// refresh lease (use the lease's Save to store only while holding it).
func (s *TokenStore) Save(ctx context.Context, key string, t douyin.Token) error {
	if err := s.ok(); err != nil {
		return err
	}
	v, ttl, err := encodeToken(t)
	if err != nil {
		return err
	}
	tk, _, _ := s.keys(key)
	return s.rdb.Set(ctx, tk, v, time.Duration(ttl)*time.Millisecond).Err()
}

var (
	// acquire: KEYS lease, fence; ARGV ttl ms. Returns the new fence, or
	// minus the lease's remaining milliseconds when it is held.
	acquireScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then
  local left = redis.call('PTTL', KEYS[1])
  if left < 1 then left = 1 end
  return -left
end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], fence, 'PX', ARGV[1])
return fence
`)
	// leaseSave: KEYS lease, token; ARGV fence, value, ttl ms (0: none).
	leaseSaveScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[2], ARGV[2])
end
return 1
`)
	// leaseRelease: KEYS lease; ARGV fence.
	leaseReleaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`)
)

// LockRefresh implements douyin.TokenRefreshLocker: it waits until no other
// lease of key is current (released, or expired because its holder died)
// or ctx ends, and grants the caller a lease that expires after ttl. A nil
// ctx is taken as context.Background(); ttl must be at least a millisecond.
func (s *TokenStore) LockRefresh(ctx context.Context, key string, ttl time.Duration) (douyin.TokenLease, error) {
	if err := s.ok(); err != nil {
		return nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if ttl < time.Millisecond {
		return nil, errors.New("redisstore: LockRefresh: the lease TTL must be at least a millisecond")
	}
	tk, lk, fk := s.keys(key)
	poll := 5 * time.Millisecond
	for {
		n, err := acquireScript.Run(ctx, s.rdb, []string{lk, fk}, ttl.Milliseconds()).Int64()
		if err != nil {
			return nil, err
		}
		if n > 0 {
			return &tokenLease{s: s, lease: lk, token: tk, fence: n}, nil
		}
		wait := min(poll, time.Duration(-n)*time.Millisecond)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		poll = min(poll*2, 100*time.Millisecond)
	}
}

// tokenLease is one granted refresh lease.
type tokenLease struct {
	s            *TokenStore
	lease, token string
	fence        int64
	once         sync.Once
	releaseErr   error
}

// Fence implements douyin.TokenLease.
func (l *tokenLease) Fence() int64 { return l.fence }

// Save implements douyin.TokenLease: it stores t only while this lease is
// current, else returns douyin.ErrLeaseLost.
func (l *tokenLease) Save(ctx context.Context, t douyin.Token) error {
	v, ttl, err := encodeToken(t)
	if err != nil {
		return err
	}
	n, err := leaseSaveScript.Run(ctx, l.s.rdb, []string{l.lease, l.token}, strconv.FormatInt(l.fence, 10), v, ttl).Int64()
	if err != nil {
		return err
	}
	if n != 1 {
		return douyin.ErrLeaseLost
	}
	return nil
}

// Release implements douyin.TokenLease: it ends the lease if it is still
// this one's; idempotent.
func (l *tokenLease) Release(ctx context.Context) error {
	l.once.Do(func() {
		l.releaseErr = leaseReleaseScript.Run(ctx, l.s.rdb, []string{l.lease}, strconv.FormatInt(l.fence, 10)).Err()
	})
	return l.releaseErr
}
