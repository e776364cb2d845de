package transport

import (
	"context"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// withDefaults fills the zero fields from DefaultRetryPolicy.
func withDefaults(p hotelsdk.RetryPolicy) hotelsdk.RetryPolicy {
	d := hotelsdk.DefaultRetryPolicy
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = d.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = d.MaxDelay
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	if p.PerAttemptTimeout <= 0 {
		p.PerAttemptTimeout = d.PerAttemptTimeout
	}
	return p
}

// backoff returns the full-jitter wait before attempt number next (2, 3,
// ...): a duration in [0, min(MaxDelay, BaseDelay*2^(next-2))]. It never
// overflows, whatever the policy's values (issue 10 §16: BaseDelay and
// MaxDelay of math.MaxInt64 made the jitter panic), and a jitter function
// that answers out of range is clamped.
func backoff(p hotelsdk.RetryPolicy, next int, jitter func(int64) int64) time.Duration {
	if p.BaseDelay <= 0 || p.MaxDelay <= 0 {
		return 0
	}
	ceiling := min(p.BaseDelay, p.MaxDelay)
	for i := 2; i < next && ceiling < p.MaxDelay; i++ {
		if ceiling > p.MaxDelay/2 { // doubling would pass the cap (or overflow)
			ceiling = p.MaxDelay
			break
		}
		ceiling *= 2
	}
	n := int64(ceiling)
	if n < math.MaxInt64 {
		n++ // [0, ceiling], both ends included
	}
	d := time.Duration(jitter(n))
	if d < 0 {
		return 0
	}
	return min(d, ceiling)
}

// defaultJitter is rand.Int64N from math/rand/v2, safe for concurrent use.
func defaultJitter(n int64) int64 { return rand.Int64N(n) }

// Retryable is implemented by errors that know whether the operation may be
// attempted again, such as a platform's "system busy" code. It is consulted
// only for idempotent operations.
type Retryable interface {
	Retryable() bool
}

// retryableStatus lists the HTTP statuses an idempotent operation retries.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// neverSent reports whether a transport error proves the request never left
// this process: the connection was never established. Only then may a
// non-idempotent write be attempted again.
func neverSent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	return false
}

// transientTransport reports whether a transport error is worth another
// attempt of an idempotent operation: connection errors and timeouts, but
// not errors of configuration (bad URL, TLS verification).
func transientTransport(err error) bool {
	if neverSent(err) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	if errors.Is(err, context.DeadlineExceeded) { // per-attempt timeout
		return true
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	// The server closed the connection before or while answering.
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// retryAfter parses a Retry-After header: delta seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
		if secs > int64(math.MaxInt64/time.Second) { // beyond any ceiling: do not wrap around
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs) * time.Second, true
	}
	if len(v) > 0 && v[0] >= '0' && v[0] <= '9' && strings.Trim(v, "0123456789") == "" {
		// Digits too many for an int64: a wait beyond any ceiling.
		return time.Duration(math.MaxInt64), true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// classifyNetErr names a connection-level cause for logs and retry reasons.
func classifyNetErr(err error) string {
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		return "DNS lookup failed"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.EPIPE):
		return "broken pipe"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "connection closed by the server"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return "dial failed"
	}
	return "connection error"
}
