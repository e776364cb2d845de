package transport

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// retryInput is everything shouldRetry decides on.
type retryInput struct {
	ctx        context.Context
	now        time.Time
	idempotent bool
	attempt    int // the attempt that just failed, 1-based
	policy     hotelsdk.RetryPolicy
	out        outcome
	wait       time.Duration // the wait before the next attempt, Retry-After included
}

// retryCheck is one link of the decision chain: decided is false when the
// check has nothing to say and the next one runs.
type retryCheck func(in retryInput) (decided, retry bool, reason string)

// retryChecks is the decision chain, in order; the first check that decides
// wins (aws-sdk-go-v2's retryables, stripe-go's shouldRetry). The checks
// that say "retry" come after every check that can forbid it.
var retryChecks = []retryCheck{
	checkContext,
	checkSigner,
	checkRedirect,
	checkAttemptsLeft,
	checkNeverSent,
	checkNonIdempotent,
	checkBodyTooLarge,
	checkTransport,
	checkCutOff,
	checkStatus,
	checkPlatform,
}

// shouldRetry is the one place that decides whether a failed attempt is
// followed by another. It returns the decision and a short reason that goes
// into the attempt's log line and ResponseInfo.RetryReason.
func shouldRetry(in retryInput) (bool, string) {
	retry, reason := false, "the error is final"
	for _, check := range retryChecks {
		if decided, r, why := check(in); decided {
			retry, reason = r, why
			break
		}
	}
	if !retry {
		return false, reason
	}
	// Retrying is allowed; can the call afford it?
	if dl, ok := in.ctx.Deadline(); ok && in.now.Add(in.wait).After(dl) {
		return false, fmt.Sprintf("%s, but the context's deadline comes before the next attempt", reason)
	}
	return true, reason
}

func checkContext(in retryInput) (bool, bool, string) {
	if err := in.ctx.Err(); err != nil {
		return true, false, "the caller's context ended (" + err.Error() + ")"
	}
	return false, false, ""
}

func checkSigner(in retryInput) (bool, bool, string) {
	if in.out.kind == kindSign {
		return true, false, "the request could not be signed"
	}
	return false, false, ""
}

func checkRedirect(in retryInput) (bool, bool, string) {
	if in.out.kind == kindRedirect {
		return true, false, "a redirect is never followed"
	}
	return false, false, ""
}

func checkAttemptsLeft(in retryInput) (bool, bool, string) {
	if in.attempt >= in.policy.MaxAttempts {
		return true, false, fmt.Sprintf("no attempts left (%d of %d)", in.attempt, in.policy.MaxAttempts)
	}
	return false, false, ""
}

// checkNeverSent allows any request, writes included, to be sent again when
// the previous attempt provably never reached the server and another
// attempt may do better: the failure is transient, or the connection was a
// reused one that died before the request was written (the next attempt
// gets another).
func checkNeverSent(in retryInput) (bool, bool, string) {
	if in.out.kind != kindTransport || in.out.maybeSent {
		return false, false, ""
	}
	what := errClass(in.out.cause)
	if in.out.notWritten != "" {
		what = in.out.notWritten + ": " + what
	}
	if in.out.staleConn || transientTransport(in.out.cause) {
		return true, true, "the request was never sent (" + what + ")"
	}
	return true, false, "the request was never sent, and another attempt cannot fix the error (" + what + ")"
}

// checkNonIdempotent forbids sending a write again once it may have reached
// the server, whatever happened next.
func checkNonIdempotent(in retryInput) (bool, bool, string) {
	if in.idempotent {
		return false, false, ""
	}
	if in.out.resp != nil {
		return true, false, "non-idempotent request reached the server"
	}
	return true, false, "non-idempotent request may have reached the server"
}

func checkBodyTooLarge(in retryInput) (bool, bool, string) {
	if in.out.kind == kindTooLarge {
		return true, false, "the response body exceeds the size limit"
	}
	return false, false, ""
}

func checkTransport(in retryInput) (bool, bool, string) {
	if in.out.kind != kindTransport {
		return false, false, ""
	}
	if transientTransport(in.out.cause) {
		return true, true, "transient transport error (" + errClass(in.out.cause) + ")"
	}
	return true, false, "transport error that another attempt cannot fix (" + errClass(in.out.cause) + ")"
}

func checkCutOff(in retryInput) (bool, bool, string) {
	if in.out.kind == kindRead {
		return true, true, "the answer was cut off (" + errClass(in.out.cause) + ")"
	}
	return false, false, ""
}

func checkStatus(in retryInput) (bool, bool, string) {
	if in.out.resp == nil || !retryableStatus(in.out.resp.StatusCode) {
		return false, false, ""
	}
	if in.out.retryAfter > in.policy.MaxRetryAfter {
		return true, false, fmt.Sprintf("HTTP %d with Retry-After %s, beyond MaxRetryAfter %s",
			in.out.resp.StatusCode, in.out.retryAfter, in.policy.MaxRetryAfter)
	}
	return true, true, fmt.Sprintf("HTTP %d", in.out.resp.StatusCode)
}

func checkPlatform(in retryInput) (bool, bool, string) {
	var r Retryable
	if !errors.As(in.out.err, &r) {
		return false, false, ""
	}
	if r.Retryable() {
		return true, true, "the platform reports a transient error"
	}
	return true, false, "the platform's answer is final"
}

// errClass names a transport cause without its text (which may hold an
// address): "timeout", "connection refused", "connection reset", ...
func errClass(err error) string {
	switch {
	case err == nil:
		return "unknown"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return classifyNetErr(err)
}
