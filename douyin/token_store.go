package douyin

import (
	"context"
	"errors"
	"sync"
	"time"
)

// MemoryTokenStore is the default TokenStore: tokens kept in this process.
// It is also a TokenRefreshLocker whose leases expire after their TTL and
// carry a fence, so clients sharing one store refresh one at a time, and a
// TokenFetchBackoff, so they back off together when fetching fails. It is
// safe for concurrent use; the zero value is ready.
type MemoryTokenStore struct {
	mu     sync.Mutex
	tokens map[string]Token
	leases map[string]*memoryLeaseState
	// backoff is the fleet's token-fetch backoff per key.
	backoff map[string]time.Time
	// now is the clock of lease expiry (time.Now when nil).
	now func() time.Time
}

// memoryLeaseState is the lease bookkeeping of one key.
type memoryLeaseState struct {
	fence   int64         // fence of the last lease granted
	holder  int64         // fence of the current lease, 0 when free
	expires time.Time     // when the current lease ends by itself
	freed   chan struct{} // closed when the current lease is released
}

var errNilMemoryStore = errors.New("douyin: nil *MemoryTokenStore: use NewMemoryTokenStore")

// NewMemoryTokenStore returns an empty MemoryTokenStore.
func NewMemoryTokenStore() *MemoryTokenStore {
	return &MemoryTokenStore{tokens: map[string]Token{}}
}

func (s *MemoryTokenStore) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// Load returns the token stored under key, or a zero Token.
func (s *MemoryTokenStore) Load(_ context.Context, key string) (Token, error) {
	if s == nil {
		return Token{}, errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokens[key], nil
}

// Save stores t under key, whoever holds its refresh lease.
func (s *MemoryTokenStore) Save(_ context.Context, key string, t Token) error {
	if s == nil {
		return errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.save(key, t)
	return nil
}

// save stores t; s.mu must be held.
func (s *MemoryTokenStore) save(key string, t Token) {
	if s.tokens == nil {
		s.tokens = map[string]Token{}
	}
	s.tokens[key] = t
}

// LockRefresh waits until no other lease of key is current (released or
// expired) or ctx ends, and grants the caller a lease that expires after
// ttl. A nil ctx is taken as context.Background(); a ttl that is not
// positive is an error.
func (s *MemoryTokenStore) LockRefresh(ctx context.Context, key string, ttl time.Duration) (TokenLease, error) {
	if s == nil {
		return nil, errNilMemoryStore
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if ttl <= 0 {
		return nil, errors.New("douyin: MemoryTokenStore.LockRefresh: the lease TTL must be positive")
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s.mu.Lock()
		if s.leases == nil {
			s.leases = map[string]*memoryLeaseState{}
		}
		st := s.leases[key]
		if st == nil {
			st = &memoryLeaseState{}
			s.leases[key] = st
		}
		now := s.clock()
		if st.holder == 0 || !now.Before(st.expires) {
			st.fence++
			st.holder = st.fence
			st.expires = now.Add(ttl)
			st.freed = make(chan struct{})
			l := &memoryLease{s: s, key: key, fence: st.fence}
			s.mu.Unlock()
			return l, nil
		}
		freed, wait := st.freed, st.expires.Sub(now)
		s.mu.Unlock()
		timer := time.NewTimer(wait)
		select {
		case <-freed:
		case <-timer.C:
		case <-ctx.Done():
		}
		timer.Stop()
	}
}

// memoryLease is a lease of a MemoryTokenStore.
type memoryLease struct {
	s     *MemoryTokenStore
	key   string
	fence int64
}

// current reports whether the lease still holds its key; s.mu must be held.
func (l *memoryLease) current() bool {
	st := l.s.leases[l.key]
	return st != nil && st.holder == l.fence && l.s.clock().Before(st.expires)
}

func (l *memoryLease) Fence() int64 { return l.fence }

func (l *memoryLease) Save(_ context.Context, t Token) error {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	if !l.current() {
		return ErrLeaseLost
	}
	l.s.save(l.key, t)
	return nil
}

func (l *memoryLease) Release(context.Context) error {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	if st := l.s.leases[l.key]; st != nil && st.holder == l.fence {
		st.holder = 0
		close(st.freed)
	}
	return nil
}

// SetFetchBackoff records until when fetching key's token is backed off
// (a zero until clears it).
func (s *MemoryTokenStore) SetFetchBackoff(_ context.Context, key string, until time.Time) error {
	if s == nil {
		return errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if until.IsZero() {
		delete(s.backoff, key)
		return nil
	}
	if s.backoff == nil {
		s.backoff = map[string]time.Time{}
	}
	s.backoff[key] = until
	return nil
}

// FetchBackoff returns until when fetching key's token is backed off, or
// the zero time.
func (s *MemoryTokenStore) FetchBackoff(_ context.Context, key string) (time.Time, error) {
	if s == nil {
		return time.Time{}, errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.backoff[key], nil
}
