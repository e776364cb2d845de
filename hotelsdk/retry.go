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
	// Budget is the client's retry budget (see RetryBudget); the zero value
	// is the default budget, on. It is read from the policy given to a
	// client's WithRetryPolicy option; in a per-call policy it is ignored
	// (the call draws on its client's budget).
	Budget RetryBudget
}

// RetryBudget bounds the retries of one client as a token bucket, in the
// manner of aws-sdk-go-v2's retry.NewTokenRateLimit, so that a platform
// outage does not turn every call into MaxAttempts attempts: each client
// holds a bucket of Capacity tokens, full at first. A retry takes RetryCost
// tokens (TimeoutRetryCost after a timeout, which costs the platform and
// the caller more); when the bucket holds fewer, the call ends with its
// last error and the retry reason "retry budget exhausted (…)" — in the
// error's RetryReason, the attempt's log line and ResponseInfo.RetryReason.
// A call that succeeds at its first attempt puts SuccessRefill tokens back;
// one that succeeds after retries puts back the cost of its last retry. The
// bucket never holds more than Capacity.
//
// With the defaults (500 tokens, 5 per retry, 10 per retry after a
// timeout, 1 back per success), a client that meets an outage makes at most
// 100 retries in all (50 after timeouts) whatever the number of calls;
// once the platform answers again, 5 successful calls pay for one retry.
//
// The zero value is the default budget. Each zero field takes its default;
// a negative field, or a cost above the capacity (no retry could ever be
// paid), is an error (see RetryPolicy.Validate). Disabled turns the budget
// off: every retry the policy allows is made.
type RetryBudget struct {
	// Disabled turns the budget off.
	Disabled bool
	// Capacity is the number of tokens of a full bucket (default 500).
	Capacity int
	// RetryCost is what one retry takes (default 5).
	RetryCost int
	// TimeoutRetryCost is what a retry after a timeout takes (default 10).
	TimeoutRetryCost int
	// SuccessRefill is what a call that succeeds at its first attempt
	// puts back (default 1).
	SuccessRefill int
}

// DefaultRetryBudget is used for every zero field of a RetryBudget.
var DefaultRetryBudget = RetryBudget{Capacity: 500, RetryCost: 5, TimeoutRetryCost: 10, SuccessRefill: 1}

// WithDefaults returns b with each zero field set from DefaultRetryBudget.
func (b RetryBudget) WithDefaults() RetryBudget {
	d := DefaultRetryBudget
	if b.Capacity == 0 {
		b.Capacity = d.Capacity
	}
	if b.RetryCost == 0 {
		b.RetryCost = d.RetryCost
	}
	if b.TimeoutRetryCost == 0 {
		b.TimeoutRetryCost = d.TimeoutRetryCost
	}
	if b.SuccessRefill == 0 {
		b.SuccessRefill = d.SuccessRefill
	}
	return b
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
	b := p.Budget
	for _, f := range []struct {
		name string
		v    int
	}{
		{"Budget.Capacity", b.Capacity}, {"Budget.RetryCost", b.RetryCost},
		{"Budget.TimeoutRetryCost", b.TimeoutRetryCost}, {"Budget.SuccessRefill", b.SuccessRefill},
	} {
		if f.v < 0 {
			return &RetryPolicyError{Field: f.name, Problem: fmt.Sprintf("is negative (%d)", f.v)}
		}
	}
	if b.Disabled {
		return nil
	}
	b = b.WithDefaults()
	if b.RetryCost > b.Capacity {
		return &RetryPolicyError{Field: "Budget.RetryCost",
			Problem: fmt.Sprintf("is %d, above the capacity of %d: no retry could be paid", b.RetryCost, b.Capacity)}
	}
	if b.TimeoutRetryCost > b.Capacity {
		return &RetryPolicyError{Field: "Budget.TimeoutRetryCost",
			Problem: fmt.Sprintf("is %d, above the capacity of %d: no retry could be paid", b.TimeoutRetryCost, b.Capacity)}
	}
	return nil
}
