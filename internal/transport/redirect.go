package transport

import (
	"context"
	"net/http"

	"github.com/go-resty/resty/v2"
)

// Redirects and replays: the policy.
//
// The SDK's calls are API calls to a configured base URL. They follow no
// redirect: a 3xx answer ends the call with a *hotelsdk.RedirectError that
// names the status and the target host (never the full location, which may
// carry a token). So no credential header, signed query or body secret ever
// leaves for a host the caller did not configure, and a 307/308 never makes
// net/http send a write again. A redirect is never retried.
//
// Below the SDK's own loop, net/http may send a request again by itself: on
// HTTP/2 a refused stream or a GOAWAY is retried when the request body can
// be rewound (Request.GetBody), and resty always sets GetBody. For a
// non-idempotent request the pre-request hook clears GetBody, so net/http
// can resend it only when it has not read any of the body (the request
// never left); after that, the failure comes back to the SDK's loop, which
// does not repeat a write that may have been received. HTTP/1.1 resends only
// requests it considers replayable (GET, HEAD, OPTIONS, TRACE, or with an
// Idempotency-Key header) or that were provably never written.

// noRedirects is the CheckRedirect of every SDK client: the 3xx answer is
// returned as it is.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// noReplayKey marks the context of a non-idempotent attempt.
type noReplayKey struct{}

// noReplayBelow runs just before resty hands the request to net/http: a
// non-idempotent request loses GetBody, so net/http cannot replay its body.
func noReplayBelow(_ *resty.Client, r *http.Request) error {
	if noReplay(r.Context()) {
		r.GetBody = nil
	}
	return nil
}

func noReplay(ctx context.Context) bool {
	v, _ := ctx.Value(noReplayKey{}).(bool)
	return v
}

// isRedirect reports whether status is a redirect the SDK refuses to follow
// (304 Not Modified is not a redirect).
func isRedirect(status int) bool {
	return status >= 300 && status < 400 && status != http.StatusNotModified
}

// redirectHost returns the host a redirect points to: the Location resolved
// against the request's URL, host only.
func redirectHost(raw *http.Response, h http.Header) string {
	loc := h.Get("Location")
	if loc == "" {
		return ""
	}
	if raw != nil && raw.Request != nil && raw.Request.URL != nil {
		if u, err := raw.Request.URL.Parse(loc); err == nil {
			return u.Host
		}
		return ""
	}
	return ""
}
