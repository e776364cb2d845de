package hotelsdk

import (
	"errors"
	"fmt"
	"time"
)

// MaxRetryAttempts is the largest RetryPolicy.MaxAttempts the SDK accepts.
// More attempts than this only prolong an outage for the platform and the
// caller alike; the context bounds a call's duration.
const MaxRetryAttempts = 100

// RetryPolicy says how often and how patiently an operation is attempted.
// The zero value means the defaults (DefaultRetryPolicy); each zero field
// takes its default separately.
//
// Whatever the policy, a non-idempotent write is attempted again only when
// the previous attempt provably never reached the server.
//
// What is refused and what is bounded: a negative value in any field, or a
// MaxAttempts above MaxRetryAttempts, is an error (a *RetryPolicyError,
// matching ErrInvalidRetryPolicy) — from the client's constructor when the
// policy is given with a WithRetryPolicy option, and from the call, before
// anything is sent, when it is given with the per-call
// hotelsdk.WithRetryPolicy. Durations of any size are accepted and the
// arithmetic on them is bounded: a wait never exceeds MaxDelay, or a
// Retry-After no longer than MaxRetryAfter, whatever the values (even
// math.MaxInt64). Validate checks a policy the same way.
type RetryPolicy struct {
	// MaxAttempts counts attempts, not retries: 1 disables retries.
	// 0 means the default (3); negative or above MaxRetryAttempts is an
	// error.
	MaxAttempts int
	// BaseDelay is the first backoff step (default 200ms). The wait before
	// attempt n+1 is a uniformly random duration in [0, min(MaxDelay,
	// BaseDelay*2^(n-1))] ("full jitter"); the doubling stops at MaxDelay,
	// it never overflows. Negative is an error.
	BaseDelay time.Duration
	// MaxDelay caps one backoff wait (default 5s). Negative is an error.
	MaxDelay time.Duration
	// MaxRetryAfter is the longest Retry-After the client will honour
	// (default 30s). A server asking for longer ends the retries: retrying
	// sooner than asked only earns another refusal. Negative is an error.
	MaxRetryAfter time.Duration
	// PerAttemptTimeout bounds one attempt (default 30s); the context bounds
	// the whole call. Negative is an error.
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

// ErrInvalidRetryPolicy is matched (errors.Is) by every *RetryPolicyError.
var ErrInvalidRetryPolicy = errors.New("invalid retry policy")

// RetryPolicyError reports a RetryPolicy field whose value the SDK refuses.
// errors.Is(err, ErrInvalidRetryPolicy) is true for it.
type RetryPolicyError struct {
	// Field is the name of the offending field, e.g. "MaxAttempts".
	Field string
	// Problem says what is wrong with its value, e.g. "is negative (-1)".
	Problem string
}

// Error names the field and the problem.
func (e *RetryPolicyError) Error() string {
	return "invalid retry policy: " + e.Field + " " + e.Problem
}

// Is reports whether target is ErrInvalidRetryPolicy.
func (e *RetryPolicyError) Is(target error) bool { return target == ErrInvalidRetryPolicy }

// Validate returns a *RetryPolicyError for the first field whose value is
// refused (see RetryPolicy), or nil. Zero fields are valid: they take their
// defaults.
func (p RetryPolicy) Validate() error {
	if p.MaxAttempts < 0 {
		return &RetryPolicyError{Field: "MaxAttempts", Problem: fmt.Sprintf("is negative (%d)", p.MaxAttempts)}
	}
	if p.MaxAttempts > MaxRetryAttempts {
		return &RetryPolicyError{Field: "MaxAttempts",
			Problem: fmt.Sprintf("is %d, above the limit of %d", p.MaxAttempts, MaxRetryAttempts)}
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{
		{"BaseDelay", p.BaseDelay}, {"MaxDelay", p.MaxDelay},
		{"MaxRetryAfter", p.MaxRetryAfter}, {"PerAttemptTimeout", p.PerAttemptTimeout},
	} {
		if d.v < 0 {
			return &RetryPolicyError{Field: d.name, Problem: fmt.Sprintf("is negative (%s)", d.v)}
		}
	}
	return nil
}
