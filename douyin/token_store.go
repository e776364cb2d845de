package douyin

import (
	"context"
	"errors"
	"sync"
)

// MemoryTokenStore is the default TokenStore: tokens kept in this process.
// It is also a TokenRefreshLocker, so clients sharing one store refresh one
// at a time. It is safe for concurrent use; the zero value is ready.
type MemoryTokenStore struct {
	mu     sync.Mutex
	tokens map[string]Token
	locks  map[string]chan struct{}
}

var errNilMemoryStore = errors.New("douyin: nil *MemoryTokenStore: use NewMemoryTokenStore")

// NewMemoryTokenStore returns an empty MemoryTokenStore.
func NewMemoryTokenStore() *MemoryTokenStore {
	return &MemoryTokenStore{tokens: map[string]Token{}}
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

// Save stores t under key.
func (s *MemoryTokenStore) Save(_ context.Context, key string, t Token) error {
	if s == nil {
		return errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil {
		s.tokens = map[string]Token{}
	}
	s.tokens[key] = t
	return nil
}

// LockRefresh holds the refresh lock of key until unlock is called.
func (s *MemoryTokenStore) LockRefresh(ctx context.Context, key string) (func(), error) {
	if s == nil {
		return nil, errNilMemoryStore
	}
	s.mu.Lock()
	if s.locks == nil {
		s.locks = map[string]chan struct{}{}
	}
	ch, ok := s.locks[key]
	if !ok {
		ch = make(chan struct{}, 1)
		s.locks[key] = ch
	}
	s.mu.Unlock()
	select {
	case ch <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-ch }) }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
