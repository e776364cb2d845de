package hotelsdk

import (
	"net/http"

	"github.com/hotelsdk/hotelsdk-go/internal/callopt"
)

// CallOption changes how one call is made. Build it with WithHeader or
// WithRetryPolicy; a nil CallOption is ignored.
type CallOption func(*callopt.Settings)

// WithRetryPolicy replaces the client's retry policy for one call. It
// cannot make a non-idempotent write repeat after it may have been sent.
// The policy's Budget is ignored: the call's retries draw on its client's
// retry budget. A policy that RetryPolicy.Validate refuses makes the call
// fail with a *ValidationError before anything is sent.
func WithRetryPolicy(p RetryPolicy) CallOption {
	return func(s *callopt.Settings) { s.Policy = &p }
}

// WithHeader adds a header to every attempt of one call. It cannot replace
// a header the SDK sets for signing or authentication: those are set after
// it.
func WithHeader(key, value string) CallOption {
	return func(s *callopt.Settings) {
		if s.Header == nil {
			s.Header = http.Header{}
		}
		s.Header.Add(key, value)
	}
}
