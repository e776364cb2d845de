package hotelsdk

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidRequest is matched (errors.Is) by every *ValidationError.
var ErrInvalidRequest = errors.New("invalid request")

// FieldError is one problem found in a request before it was sent.
type FieldError struct {
	// Field is the path of the offending field in wire names, e.g.
	// "orderList[0].items[1].totalPrice". It is empty for a problem of the
	// request as a whole.
	Field string
	// Message says what is wrong. It never repeats the value of a personal
	// field (names, phone numbers).
	Message string
}

// String returns "field: message", or the message alone when there is no field.
func (f FieldError) String() string {
	if f.Field == "" {
		return f.Message
	}
	return f.Field + ": " + f.Message
}

// ValidationError reports every problem found in a request before anything
// was sent. errors.Is(err, ErrInvalidRequest) is true for it.
type ValidationError struct {
	// Platform is the package that refused the request: "douyin",
	// "hotelsupply" or "invoice".
	Platform string
	// Operation is the SDK's name of the call, e.g. "order.add".
	Operation string
	// Problems lists every problem found, in field order.
	Problems []FieldError
}

// Error lists every problem, separated by "; ".
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return prefix(e.Platform, e.Operation) + "invalid request: " + strings.Join(parts, "; ")
}

// Is reports whether target is ErrInvalidRequest.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRequest }

// TransportError reports that an attempt failed below HTTP: the dial, the
// connection, TLS, a timeout or a cancelled context. It wraps the cause, so
// errors.Is(err, context.DeadlineExceeded) and errors.Is(err,
// context.Canceled) work. The URL's query (which may carry a token) is never
// part of the message.
//
// A context that ends while the SDK waits between two attempts ends the call
// with an error that matches the context's error (errors.Is) and wraps the
// last attempt's error, which errors.As still finds (a *TransportError, a
// *DecodeError or the platform's error).
type TransportError struct {
	// Platform is "douyin", "hotelsupply" or "invoice".
	Platform string
	// Operation is the SDK's name of the call, e.g. "order.add".
	Operation string
	// Method is the HTTP method.
	Method string
	// Path is the request path only, never the query.
	Path string
	// Attempts counts the attempts made, including the failed one.
	Attempts int
	// MaybeSent is true when the request may have reached the server,
	// whatever the operation: false only when it provably never left this
	// process: the dial failed, no connection was obtained (an
	// *http.Transport reports each connection it uses), or the connection
	// — one of DefaultHTTPTransport's, over HTTP/1 — failed before a byte
	// of the request was written (a reused connection the server had
	// closed). A request that provably never left is sent again, write or
	// not, when another attempt may succeed. For a non-idempotent operation MaybeSent
	// means its outcome is unknown (see OutcomeUnknown): read the state back
	// before sending it again.
	MaybeSent bool
	// Idempotent is true when the operation was declared idempotent (the
	// SDK may have retried it after it was sent).
	Idempotent bool
	// RetryReason says why the SDK made no further attempt, e.g. "no
	// attempts left (3 of 3)" or "non-idempotent request may have reached
	// the server". Attempts > 1 tells that it was retried.
	RetryReason string
	// Err is the cause.
	Err error
}

// Error describes the failure without the URL query or any secret.
func (e *TransportError) Error() string {
	var b strings.Builder
	b.WriteString(prefix(e.Platform, e.Operation))
	fmt.Fprintf(&b, "%s %s: ", e.Method, e.Path)
	if e.Attempts > 1 {
		fmt.Fprintf(&b, "after %d attempts: ", e.Attempts)
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("transport error")
	}
	switch {
	case e.MaybeSent && !e.Idempotent:
		b.WriteString(" (outcome unknown: the request may have reached the server)")
	case e.MaybeSent:
		b.WriteString(" (the request may have reached the server)")
	}
	return b.String()
}

// OutcomeUnknown reports whether a non-idempotent request may have reached
// the server (see the package function OutcomeUnknown).
func (e *TransportError) OutcomeUnknown() bool { return e != nil && e.MaybeSent && !e.Idempotent }

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// DecodeError reports a response that could not be decoded: not JSON (an HTML
// error page), truncated, too large, or JSON of an unexpected shape. It keeps
// the HTTP status and a truncated copy of the body for diagnosis; the copy is
// not part of Error().
type DecodeError struct {
	// Platform is "douyin", "hotelsupply" or "invoice".
	Platform string
	// Operation is the SDK's name of the call, e.g. "order.add".
	Operation string
	// HTTPStatus is the status of the answer.
	HTTPStatus int
	// Raw is at most 512 bytes of the body as received. It may hold
	// personal data: do not log it.
	Raw []byte
	// Truncated is true when Raw is shorter than the body.
	Truncated bool
	// Idempotent is true when the operation was declared idempotent. The
	// SDK sets it on every DecodeError it returns; when false, the server
	// received a write and answered something that cannot be read, so the
	// write's outcome is unknown (see OutcomeUnknown).
	Idempotent bool
	// Err is the cause (a JSON syntax error, an unexpected status, ...).
	Err error
}

// Error names the operation, the HTTP status and the cause; the body stays out.
func (e *DecodeError) Error() string {
	msg := prefix(e.Platform, e.Operation) + fmt.Sprintf("cannot decode response (HTTP %d", e.HTTPStatus)
	if ct := e.rawKind(); ct != "" {
		msg += ", " + ct
	}
	msg += ")"
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if !e.Idempotent {
		msg += " (outcome unknown: the server received the request)"
	}
	return msg
}

// OutcomeUnknown reports whether the undecodable answer was to a
// non-idempotent request (see the package function OutcomeUnknown).
func (e *DecodeError) OutcomeUnknown() bool { return e != nil && !e.Idempotent }

// rawKind describes the body without quoting it: the body may hold personal data.
func (e *DecodeError) rawKind() string {
	t := strings.TrimSpace(string(e.Raw))
	switch {
	case t == "":
		return "empty body"
	case strings.HasPrefix(t, "<"):
		return "HTML or XML body"
	}
	return ""
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

func prefix(platform, op string) string {
	s := ""
	if platform != "" {
		s = platform + ": "
	}
	if op != "" {
		s += op + ": "
	}
	return s
}
