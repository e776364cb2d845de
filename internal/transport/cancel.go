package transport

import (
	"context"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Cancelled between attempts (issue 10 §7).
//
// A call whose context ends while it waits before its next attempt returns a
// *cancelledError. errors.Is(err, context.Canceled) (or
// context.DeadlineExceeded, or the context's cause) is true, and the last
// attempt's error stays reachable: errors.As finds its *hotelsdk.TransportError,
// *hotelsdk.DecodeError or the platform's API error. The last attempt's
// TransportError, if it is one, gets the RetryReason "the caller's context
// ended during the backoff".
//
// OutcomeUnknown stays truthful: it is true when the operation is
// non-idempotent and any attempt may have reached the server, or when the
// last attempt's error says so. (The loop repeats a write only after an
// attempt that provably never left, so for a write cancelled in its backoff
// this is normally false: nothing was received.)

// cancelledError is the error of a call whose context ended during the
// backoff wait between two attempts.
type cancelledError struct {
	platform, operation, method, path string
	// attempts is the number of attempts made before the wait.
	attempts int
	// ctxErr is ctx.Err(); cause is context.Cause(ctx) when it differs.
	ctxErr, cause error
	// last is the last attempt's error.
	last           error
	outcomeUnknown bool
}

// cancelledInBackoff builds the error of a call whose wait before its next
// attempt ended with sleepErr (nil when the context ended just as the wait
// did) after attempts attempts.
func (c *Client) cancelledInBackoff(ctx context.Context, sleepErr error, req *Request, attempts int, anySent bool, last error) error {
	ctxErr := ctx.Err()
	if ctxErr == nil { // a replaced Sleep failed on its own
		ctxErr = sleepErr
	}
	if ctxErr == nil {
		ctxErr = context.Canceled
	}
	reason := "the caller's context ended during the backoff (" + ctxErr.Error() + ")"
	var te *hotelsdk.TransportError
	if errors.As(last, &te) {
		te.RetryReason = reason
	}
	e := &cancelledError{
		platform: c.cfg.Platform, operation: req.Operation, method: req.Method, path: req.Path,
		attempts: attempts, ctxErr: ctxErr, last: last,
		outcomeUnknown: (!req.Idempotent && anySent) || hotelsdk.OutcomeUnknown(last),
	}
	if cause := context.Cause(ctx); cause != nil && cause != ctxErr {
		e.cause = cause
	}
	return e
}

// Error says that the call was cancelled during the backoff after N
// attempts, why, and what the last attempt's error was.
func (e *cancelledError) Error() string {
	s := prefix(e.platform, e.operation) + fmt.Sprintf("%s %s: call cancelled during the backoff after %d %s (%s",
		e.method, e.path, e.attempts, plural(e.attempts, "attempt", "attempts"), e.ctxErr)
	if e.cause != nil {
		s += ": " + e.cause.Error()
	}
	s += "); last attempt: " + e.last.Error()
	if e.outcomeUnknown && !hotelsdk.OutcomeUnknown(e.last) {
		s += " (outcome unknown: an earlier attempt may have reached the server)"
	}
	return s
}

// Unwrap returns the context's error (and its cause) and the last attempt's error.
func (e *cancelledError) Unwrap() []error {
	if e.cause != nil {
		return []error{e.ctxErr, e.cause, e.last}
	}
	return []error{e.ctxErr, e.last}
}

// OutcomeUnknown is true when a non-idempotent request may have reached the
// server in one of the attempts made.
func (e *cancelledError) OutcomeUnknown() bool { return e.outcomeUnknown }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
