package hotelsdk

import "fmt"

// RedirectError reports that the server answered an API call with a
// redirect (HTTP 3xx). The SDK's API calls follow no redirects: following
// one would send the credentials (access token, signature, passwords) and
// the body (guest names, phones) to whatever host the answer names, and
// would send a write a second time. A redirect usually means a wrong base
// URL (http:// instead of https://, a missing path prefix) or a gateway
// sending the call to a login page.
type RedirectError struct {
	// Platform is "douyin", "hotelsupply" or "invoice".
	Platform string
	// Operation is the SDK's name of the call, e.g. "order.add".
	Operation string
	// Method and Path are the request's (path only, never the query).
	Method string
	Path   string
	// StatusCode is the redirect status (301, 302, 303, 307, 308, ...).
	StatusCode int
	// Host is the host the Location header points to ("" when there is
	// none). Only the host is kept: the rest of the location may carry a
	// token.
	Host string
	// Idempotent is true when the request was declared idempotent. The
	// server received a non-idempotent write before redirecting: its
	// outcome is unknown (see OutcomeUnknown).
	Idempotent bool
}

// Error names the status and the target host, never the full location.
func (e *RedirectError) Error() string {
	msg := prefix(e.Platform, e.Operation) + fmt.Sprintf("%s %s: the server answered HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.Host != "" {
		msg += fmt.Sprintf(", a redirect to host %q", e.Host)
	}
	msg += " (not followed: API calls follow no redirects; check the base URL)"
	if !e.Idempotent {
		msg += "; outcome unknown: the server received the request"
	}
	return msg
}

// OutcomeUnknown reports whether the redirected request was a
// non-idempotent write (the server received it).
func (e *RedirectError) OutcomeUnknown() bool { return e != nil && !e.Idempotent }
