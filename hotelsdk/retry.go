package hotelsdk

import "time"

// RetryPolicy says how often and how patiently an operation is attempted.
// The zero value means the defaults (DefaultRetryPolicy); each zero field
// takes its default separately.
//
// Whatever the policy, a non-idempotent write is attempted again only when
// the previous attempt provably never reached the server.
type RetryPolicy struct {
	// MaxAttempts counts attempts, not retries: 1 disables retries.
	// 0 means the default (3).
	MaxAttempts int
	// BaseDelay is the first backoff step (default 200ms). The wait before
	// attempt n+1 is a uniformly random duration in [0, min(MaxDelay,
	// BaseDelay*2^(n-1))] ("full jitter").
	BaseDelay time.Duration
	// MaxDelay caps one backoff wait (default 5s).
	MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the client will honour
	// (default 30s). A server asking for longer ends the retries: retrying
	// sooner than asked only earns another refusal.
	MaxRetryAfter time.Duration
	// PerAttemptTimeout bounds one attempt (default 30s); the context bounds
	// the whole call.
	PerAttemptTimeout time.Duration
}

// DefaultRetryPolicy is used for every zero field of a RetryPolicy.
var DefaultRetryPolicy = RetryPolicy{
	MaxAttempts:       3,
	BaseDelay:         200 * time.Millisecond,
	MaxDelay:          5 * time.Second,
	MaxRetryAfter:     30 * time.Second,
	PerAttemptTimeout: 30 * time.Second,
}
