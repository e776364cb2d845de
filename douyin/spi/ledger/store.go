package ledger

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Store keeps the ledger's records where every instance of a fleet sees
// them. Each method must be atomic on its key (a Lua script in Redis, one
// statement or a row-locking transaction in SQL) and judge lease expiry by
// one clock shared by the fleet (the store's own, such as Redis TIME or the
// database's CURRENT_TIMESTAMP), so instances with skewed clocks agree.
// Implementations must be safe for concurrent use.
//
// MemoryStore implements it in process; contrib/redisstore and
// contrib/sqlstore implement it on Redis and PostgreSQL. The ledgertest
// package checks an implementation against this contract.
type Store interface {
	// Begin looks key up and claims it when it is free: absent, released,
	// or past its retention. Claiming writes a pending record with
	// bodyHash, a fence larger than any earlier claim of key still stored,
	// a lease ending lease from now, and a retention of retention. Begin
	// returns the record as it is after the call and whether this call
	// claimed it. A record that is pending with its lease run out is
	// returned with State StateAbandoned.
	Begin(ctx context.Context, key string, bodyHash []byte, lease, retention time.Duration) (rec Record, claimed bool, err error)
	// Renew ends the lease of key's pending record lease from now, when the
	// record is pending with fence; else it returns ErrLeaseLost. A lease
	// of 0 ends it now, which makes the record abandoned at once.
	Renew(ctx context.Context, key string, fence int64, lease time.Duration) error
	// Complete records reply as key's final reply, kept for retention from
	// now, when the record is pending with fence (its lease may have run
	// out, as long as nobody took it over); else it returns ErrLeaseLost.
	Complete(ctx context.Context, key string, fence int64, reply Reply, retention time.Duration) error
	// Release frees key when its record is pending with fence, so that the
	// next Begin claims it (with a larger fence); else it returns
	// ErrLeaseLost.
	Release(ctx context.Context, key string, fence int64) error
	// TakeOver claims an abandoned key: when key's record is pending with
	// fence and its lease has run out, it gives the record a new fence and
	// a lease ending lease from now, and returns the new fence; else it
	// returns ErrLeaseLost.
	TakeOver(ctx context.Context, key string, fence int64, lease time.Duration) (newFence int64, err error)
}

// State is the state of a record.
type State int

// States of a record as Begin reports them.
const (
	// StatePending: a callback holds the key and its lease is current.
	StatePending State = iota + 1
	// StateDone: the reply is recorded.
	StateDone
	// StateAbandoned: pending, but the lease ran out unrenewed.
	StateAbandoned
)

// String returns "pending", "done" or "abandoned".
func (s State) String() string {
	switch s {
	case StatePending:
		return "pending"
	case StateDone:
		return "done"
	case StateAbandoned:
		return "abandoned"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Record is one key's entry in a Store.
type Record struct {
	// State is the record's state.
	State State
	// Fence is the fence of the record's latest claim.
	Fence int64
	// BodyHash is the SHA-256 of the request body of the claim.
	BodyHash []byte
	// Reply is the recorded reply (StateDone only).
	Reply Reply
	// StartedAt is when the key was claimed (store clock; zero if the store
	// does not keep it).
	StartedAt time.Time
	// LeaseUntil is when the current lease ends or ended (pending and
	// abandoned records; store clock).
	LeaseUntil time.Time
}

// Reply is what the ledger records and replays: an HTTP status and the
// exact body bytes.
type Reply struct {
	// Status is the HTTP status code.
	Status int
	// Body is the reply body, replayed byte for byte.
	Body []byte
}

// ErrLeaseLost is returned by a Store when the caller's claim of a key is
// no longer the current one (its fence was superseded, the key was released,
// completed or has expired).
var ErrLeaseLost = errors.New("ledger: lease lost: the key was claimed by another call")

// StoreError is returned by Ledger.Do when the Store failed (unreachable,
// timed out, returned garbage). The callback was not run, unless the error
// is about recording its result (then Do returns the reply instead and
// logs this error). Answer it as a temporary failure.
type StoreError struct {
	// Op is the Store method that failed: "begin", "renew", "complete",
	// "release" or "takeover".
	Op string
	// Err is the Store's error.
	Err error
}

// Error says which Store operation failed and why.
func (e *StoreError) Error() string {
	if e == nil {
		return "ledger: <nil *StoreError>"
	}
	return fmt.Sprintf("ledger: store %s failed (failing closed: the callback was not run): %v", e.Op, e.Err)
}

// Unwrap returns the Store's error.
func (e *StoreError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}
