package douyin

import (
	"context"
	"sync"
)

// MemoryTokenStore is the default TokenStore: tokens kept in this process.
// It is safe for concurrent use.
type MemoryTokenStore struct {
	mu     sync.Mutex
	tokens map[string]Token
}

// NewMemoryTokenStore returns an empty MemoryTokenStore.
func NewMemoryTokenStore() *MemoryTokenStore {
	return &MemoryTokenStore{tokens: map[string]Token{}}
}

// Load returns the token stored under key, or a zero Token.
func (s *MemoryTokenStore) Load(_ context.Context, key string) (Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokens[key], nil
}

// Save stores t under key.
func (s *MemoryTokenStore) Save(_ context.Context, key string, t Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil {
		s.tokens = map[string]Token{}
	}
	s.tokens[key] = t
	return nil
}
