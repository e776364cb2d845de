package transport

import (
	"sync/atomic"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// retryBudget is a client's token bucket of retries (issue 10 §15; see
// hotelsdk.RetryBudget for the rules). It is lock-free: a success on a full
// bucket, the common case, is one atomic load.
type retryBudget struct {
	tokens                    atomic.Int64
	capacity                  int64
	cost, timeoutCost, refill int64
}

// newRetryBudget returns the bucket for b, full; nil when b is disabled.
func newRetryBudget(b hotelsdk.RetryBudget) *retryBudget {
	if b.Disabled {
		return nil
	}
	b = b.WithDefaults()
	rb := &retryBudget{capacity: int64(b.Capacity), cost: int64(b.RetryCost),
		timeoutCost: int64(b.TimeoutRetryCost), refill: int64(b.SuccessRefill)}
	rb.tokens.Store(rb.capacity)
	return rb
}

// take takes the cost of a retry (after a timeout when timeout is true) and
// returns it, or returns 0 and false when the bucket holds less.
func (b *retryBudget) take(timeout bool) (int64, bool) {
	cost := b.cost
	if timeout {
		cost = b.timeoutCost
	}
	for {
		cur := b.tokens.Load()
		if cur < cost {
			return 0, false
		}
		if b.tokens.CompareAndSwap(cur, cur-cost) {
			return cost, true
		}
	}
}

// give puts n tokens back, up to the capacity.
func (b *retryBudget) give(n int64) {
	for {
		cur := b.tokens.Load()
		if cur >= b.capacity || n <= 0 {
			return
		}
		next := b.capacity
		if n < b.capacity-cur {
			next = cur + n
		}
		if b.tokens.CompareAndSwap(cur, next) {
			return
		}
	}
}

// succeeded refills the bucket after a successful call whose last retry
// cost lastCost (0 when it succeeded at its first attempt).
func (b *retryBudget) succeeded(lastCost int64) {
	if b == nil {
		return
	}
	if lastCost > 0 {
		b.give(lastCost)
		return
	}
	b.give(b.refill)
}

// afford decides whether the client can pay for the retry shouldRetry
// allowed: it returns the cost taken, or false and the reason that replaces
// the decision's.
func (b *retryBudget) afford(out outcome, reason string) (int64, bool, string) {
	if b == nil {
		return 0, true, reason
	}
	timeout := out.kind == kindTransport && errClass(out.cause) == "timeout"
	cost, ok := b.take(timeout)
	if !ok {
		return 0, false, "retry budget exhausted (" + reason + ")"
	}
	return cost, true, reason
}
