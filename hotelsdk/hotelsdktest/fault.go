package hotelsdktest

import (
	"errors"
	"fmt"
	"time"
)

// FaultKind names one way a sandbox request can fail. The zero value, None,
// lets the request through.
type FaultKind int

// The kinds of fault a sandbox can inject.
const (
	// None lets the request through: a Fault of this kind uses up its
	// Times on matching requests without failing them.
	None FaultKind = iota
	// Latency delays the request by Fault.Delay, then serves it normally,
	// even when the client gave up meanwhile: like a real server that keeps
	// working after its client timed out, which is how a timed-out write
	// (an order create, an invoice submit) can still take effect.
	Latency
	// ServerError answers Fault.Status (default 503) without serving the
	// request, with a Retry-After header when Fault.RetryAfter is set.
	ServerError
	// DropAfterRequest serves the request (its effects happen: an order is
	// created, invoices are stored) and then closes the connection without
	// answering: the client cannot know whether the request succeeded.
	DropAfterRequest
	// DropBeforeRequest closes the connection without serving the request.
	DropBeforeRequest
	// NonJSON answers HTTP 200 with an HTML error page instead of JSON,
	// without serving the request.
	NonJSON
)

// String returns the kind's name as the hotelsdk CLI spells it: "none",
// "latency", "server-error", "drop-after-request", "drop-before-request",
// "non-json" ("unknown" for any other value).
func (k FaultKind) String() string {
	switch k {
	case None:
		return "none"
	case Latency:
		return "latency"
	case ServerError:
		return "server-error"
	case DropAfterRequest:
		return "drop-after-request"
	case DropBeforeRequest:
		return "drop-before-request"
	case NonJSON:
		return "non-json"
	}
	return "unknown"
}

// Fault is one injected failure, queued on a sandbox with its Server.Inject.
// Faults apply in the order queued; each fails the next Times requests it
// matches, then is used up.
type Fault struct {
	// Kind is how the matching requests fail.
	Kind FaultKind
	// Path limits the fault to requests whose path ends with Path; empty
	// matches every request. douyintest and invoicetest match the URL path
	// (douyin.PathOrderSync, invoice.PathAddOrders); hotelsupplytest
	// matches the shop's route query parameter (hotelsupply.RouteCreate,
	// or its end, "create.index").
	Path string
	// Times is how many matching requests fail (zero or negative: one).
	Times int
	// Delay is how long a Latency fault holds the request before serving it.
	Delay time.Duration
	// Status is the HTTP status a ServerError fault answers (zero: 503).
	Status int
	// RetryAfter, when positive, is sent as a Retry-After header (in
	// seconds) with a ServerError fault.
	RetryAfter int
}

// ErrInvalidFault matches every error returned by Fault.Validate and by
// the sandboxes' Inject.
var ErrInvalidFault = errors.New("hotelsdktest: invalid fault")

// Validate reports the first problem of f, as an error matching
// ErrInvalidFault: an unknown Kind, a Status outside 100..599 (0 means
// 503), a negative Delay or RetryAfter. A field the kind does not use
// (a Delay on a ServerError fault) is ignored, so that one Fault literal
// can be reused across kinds.
func (f Fault) Validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidFault}, a...)...)
	}
	switch {
	case f.Kind < None || f.Kind > NonJSON:
		return bad("unknown kind %d", int(f.Kind))
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return bad("status %d is not an HTTP status (100..599; 0 means 503)", f.Status)
	case f.Delay < 0:
		return bad("negative delay %s", f.Delay)
	case f.RetryAfter < 0:
		return bad("negative retry-after %d", f.RetryAfter)
	}
	return nil
}
