package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/redis/go-redis/v9"
)

// DefaultPrefix starts every key the stores write.
const DefaultPrefix = "hotelsdk:"

// Option configures a LedgerStore or a TokenStore.
type Option func(*config) error

type config struct{ prefix string }

// WithPrefix sets the prefix of every key (default DefaultPrefix). It may not
// contain braces (the stores use a {hash tag}).
func WithPrefix(p string) Option {
	return func(c *config) error {
		if strings.ContainsAny(p, "{}") {
			return errors.New("redisstore: WithPrefix: the prefix may not contain { or }")
		}
		c.prefix = p
		return nil
	}
}

func newConfig(rdb redis.UniversalClient, name string, opts []Option) (config, error) {
	c := config{prefix: DefaultPrefix}
	if rdb == nil {
		return c, fmt.Errorf("redisstore: %s: nil Redis client", name)
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// LedgerStore is a ledger.Store on Redis: one hash per key (fields st,
// fence, hash, lease, started, status, body) that expires with the
// record's retention. Safe for concurrent use.
type LedgerStore struct {
	rdb    redis.UniversalClient
	prefix string
}

var _ ledger.Store = (*LedgerStore)(nil)

// NewLedgerStore returns a LedgerStore using rdb.
func NewLedgerStore(rdb redis.UniversalClient, opts ...Option) (*LedgerStore, error) {
	c, err := newConfig(rdb, "NewLedgerStore", opts)
	if err != nil {
		return nil, err
	}
	return &LedgerStore{rdb: rdb, prefix: c.prefix}, nil
}

func (s *LedgerStore) key(k string) string { return s.prefix + "ledger:{" + k + "}" }

var errNilLedgerStore = errors.New("redisstore: nil or zero *LedgerStore: use NewLedgerStore")

func (s *LedgerStore) ok() error {
	if s == nil || s.rdb == nil {
		return errNilLedgerStore
	}
	return nil
}

// luaNow is the server's clock in milliseconds.
const luaNow = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`

// luaPending checks that KEYS[1] is pending with fence ARGV[1].
const luaPending = `local cur = redis.call('HMGET', KEYS[1], 'st', 'fence')
if cur[1] ~= 'p' or tonumber(cur[2]) ~= tonumber(ARGV[1]) then return -1 end
`

var (
	// begin: ARGV hash, lease ms, retention ms.
	beginScript = redis.NewScript(luaNow + `
local st = redis.call('HGET', KEYS[1], 'st')
if (not st) or st == 'f' then
  local fence = redis.call('HINCRBY', KEYS[1], 'fence', 1)
  local lease = now + tonumber(ARGV[2])
  redis.call('HSET', KEYS[1], 'st', 'p', 'hash', ARGV[1], 'lease', lease, 'started', now)
  redis.call('HDEL', KEYS[1], 'status', 'body')
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {1, 'p', fence, ARGV[1], lease, now, 0, '', now}
end
local v = redis.call('HMGET', KEYS[1], 'fence', 'hash', 'lease', 'started', 'status', 'body')
return {0, st, tonumber(v[1]) or 0, v[2] or '', tonumber(v[3]) or 0, tonumber(v[4]) or 0, tonumber(v[5]) or 0, v[6] or '', now}
`)
	// renew: ARGV fence, lease ms.
	renewScript = redis.NewScript(luaPending + luaNow + `
redis.call('HSET', KEYS[1], 'lease', now + tonumber(ARGV[2]))
return 1
`)
	// complete: ARGV fence, status, body, retention ms.
	completeScript = redis.NewScript(luaPending + `
redis.call('HSET', KEYS[1], 'st', 'd', 'status', ARGV[2], 'body', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`)
	// release: ARGV fence.
	releaseScript = redis.NewScript(luaPending + `
redis.call('HSET', KEYS[1], 'st', 'f')
return 1
`)
	// takeover: ARGV fence, lease ms.
	takeoverScript = redis.NewScript(luaPending + luaNow + `
if tonumber(redis.call('HGET', KEYS[1], 'lease')) > now then return -1 end
local fence = redis.call('HINCRBY', KEYS[1], 'fence', 1)
redis.call('HSET', KEYS[1], 'lease', now + tonumber(ARGV[2]))
return fence
`)
)

func ms(d time.Duration) int64 { return d.Milliseconds() }

// Begin implements ledger.Store.
func (s *LedgerStore) Begin(ctx context.Context, key string, bodyHash []byte, lease, retention time.Duration) (ledger.Record, bool, error) {
	if err := s.ok(); err != nil {
		return ledger.Record{}, false, err
	}
	v, err := beginScript.Run(ctx, s.rdb, []string{s.key(key)}, bodyHash, ms(lease), ms(retention)).Slice()
	if err != nil {
		return ledger.Record{}, false, err
	}
	return decodeBegin(v)
}

func decodeBegin(v []any) (ledger.Record, bool, error) {
	if len(v) != 9 {
		return ledger.Record{}, false, fmt.Errorf("redisstore: begin: %d values, want 9", len(v))
	}
	ints := make([]int64, 9)
	for _, i := range []int{0, 2, 4, 5, 6, 8} {
		n, ok := v[i].(int64)
		if !ok {
			return ledger.Record{}, false, fmt.Errorf("redisstore: begin: value %d is %T, want an integer", i, v[i])
		}
		ints[i] = n
	}
	st, _ := v[1].(string)
	hash, _ := v[3].(string)
	body, _ := v[7].(string)
	rec := ledger.Record{Fence: ints[2], BodyHash: []byte(hash), LeaseUntil: time.UnixMilli(ints[4]),
		StartedAt: time.UnixMilli(ints[5])}
	switch {
	case st == "d":
		rec.State = ledger.StateDone
		rec.Reply = ledger.Reply{Status: int(ints[6]), Body: []byte(body)}
	case st != "p":
		return ledger.Record{}, false, fmt.Errorf("redisstore: begin: unknown state %q", st)
	case ints[4] > ints[8]:
		rec.State = ledger.StatePending
	default:
		rec.State = ledger.StateAbandoned
	}
	return rec, ints[0] == 1, nil
}

// fenced runs a script that answers -1 when the caller's claim is not current.
func (s *LedgerStore) fenced(ctx context.Context, script *redis.Script, key string, args ...any) (int64, error) {
	if err := s.ok(); err != nil {
		return 0, err
	}
	n, err := script.Run(ctx, s.rdb, []string{s.key(key)}, args...).Int64()
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, ledger.ErrLeaseLost
	}
	return n, nil
}

// Renew implements ledger.Store.
func (s *LedgerStore) Renew(ctx context.Context, key string, fence int64, lease time.Duration) error {
	_, err := s.fenced(ctx, renewScript, key, fence, ms(lease))
	return err
}

// Complete implements ledger.Store.
func (s *LedgerStore) Complete(ctx context.Context, key string, fence int64, reply ledger.Reply, retention time.Duration) error {
	_, err := s.fenced(ctx, completeScript, key, fence, reply.Status, reply.Body, ms(retention))
	return err
}

// Release implements ledger.Store.
func (s *LedgerStore) Release(ctx context.Context, key string, fence int64) error {
	_, err := s.fenced(ctx, releaseScript, key, fence)
	return err
}

// TakeOver implements ledger.Store.
func (s *LedgerStore) TakeOver(ctx context.Context, key string, fence int64, lease time.Duration) (int64, error) {
	return s.fenced(ctx, takeoverScript, key, fence, ms(lease))
}
