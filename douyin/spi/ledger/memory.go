package ledger

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"time"
)

// MemoryStore is a Store kept in this process: it makes one instance's
// callbacks run at most once per key, but not a fleet's (use a shared store
// for that: contrib/redisstore, contrib/sqlstore), and it forgets
// everything on restart. It is safe for concurrent use; the zero value is
// ready. Expired records are dropped as they are met and by a sweep every
// 1024 claims.
type MemoryStore struct {
	mu      sync.Mutex
	records map[string]*memoryRecord
	claims  int
	now     func() time.Time // time.Now when nil
}

type memoryRecord struct {
	state      byte // 'p' pending, 'd' done, 'f' free (released)
	fence      int64
	hash       []byte
	reply      Reply
	startedAt  time.Time
	leaseUntil time.Time
	expiresAt  time.Time
}

var errNilMemoryStore = errors.New("ledger: nil *MemoryStore: use NewMemoryStore")

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

func (s *MemoryStore) clock() time.Time {
	if s.now != nil {
		return s.now()
	}
	return time.Now()
}

// Len returns how many records are stored (expired ones included until
// they are swept).
func (s *MemoryStore) Len() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.records)
}

// get returns key's live record; s.mu must be held.
func (s *MemoryStore) get(key string, now time.Time) *memoryRecord {
	r := s.records[key]
	if r != nil && !now.Before(r.expiresAt) {
		delete(s.records, key)
		return nil
	}
	return r
}

// Begin implements Store.
func (s *MemoryStore) Begin(_ context.Context, key string, bodyHash []byte, lease, retention time.Duration) (Record, bool, error) {
	if s == nil {
		return Record{}, false, errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	if s.records == nil {
		s.records = map[string]*memoryRecord{}
	}
	s.claims++
	if s.claims%1024 == 0 {
		for k, r := range s.records {
			if !now.Before(r.expiresAt) {
				delete(s.records, k)
			}
		}
	}
	r := s.get(key, now)
	if r == nil || r.state == 'f' {
		var fence int64 = 1
		if r != nil {
			fence = r.fence + 1
		}
		r = &memoryRecord{state: 'p', fence: fence, hash: bytes.Clone(bodyHash), startedAt: now,
			leaseUntil: now.Add(lease), expiresAt: now.Add(retention)}
		s.records[key] = r
		return r.record(now), true, nil
	}
	return r.record(now), false, nil
}

func (r *memoryRecord) record(now time.Time) Record {
	rec := Record{Fence: r.fence, BodyHash: bytes.Clone(r.hash), StartedAt: r.startedAt, LeaseUntil: r.leaseUntil}
	switch {
	case r.state == 'd':
		rec.State = StateDone
		rec.Reply = Reply{Status: r.reply.Status, Body: bytes.Clone(r.reply.Body)}
	case now.Before(r.leaseUntil):
		rec.State = StatePending
	default:
		rec.State = StateAbandoned
	}
	return rec
}

// pending returns key's pending record held with fence; s.mu must be held.
func (s *MemoryStore) pending(key string, fence int64, now time.Time) (*memoryRecord, error) {
	r := s.get(key, now)
	if r == nil || r.state != 'p' || r.fence != fence {
		return nil, ErrLeaseLost
	}
	return r, nil
}

// Renew implements Store.
func (s *MemoryStore) Renew(_ context.Context, key string, fence int64, lease time.Duration) error {
	if s == nil {
		return errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	r, err := s.pending(key, fence, now)
	if err != nil {
		return err
	}
	r.leaseUntil = now.Add(lease)
	return nil
}

// Complete implements Store.
func (s *MemoryStore) Complete(_ context.Context, key string, fence int64, reply Reply, retention time.Duration) error {
	if s == nil {
		return errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	r, err := s.pending(key, fence, now)
	if err != nil {
		return err
	}
	r.state = 'd'
	r.reply = Reply{Status: reply.Status, Body: bytes.Clone(reply.Body)}
	r.expiresAt = now.Add(retention)
	return nil
}

// Release implements Store.
func (s *MemoryStore) Release(_ context.Context, key string, fence int64) error {
	if s == nil {
		return errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.pending(key, fence, s.clock())
	if err != nil {
		return err
	}
	r.state = 'f'
	return nil
}

// TakeOver implements Store.
func (s *MemoryStore) TakeOver(_ context.Context, key string, fence int64, lease time.Duration) (int64, error) {
	if s == nil {
		return 0, errNilMemoryStore
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	r, err := s.pending(key, fence, now)
	if err != nil {
		return 0, err
	}
	if now.Before(r.leaseUntil) {
		return 0, ErrLeaseLost
	}
	r.fence++
	r.leaseUntil = now.Add(lease)
	return r.fence, nil
}
