package hotelsdk

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Hooks observe the SDK's work. Every field is optional: a nil hook costs
// nothing. What a hook receives is redacted: it never sees a secret, token,
// signature, phone number or guest name, so it can log or trace freely.
//
// For one call the order is: OnCallStart; then per attempt OnAttemptStart,
// OnRequest, OnResponse; then OnCallEnd. Hooks run on the caller's goroutine
// and must not block for long.
type Hooks struct {
	// OnCallStart runs once per call, before the first attempt. A non-nil
	// returned context is used for every attempt, the backoff waits and
	// OnCallEnd (e.g. a tracer's call span, parent of the attempt spans).
	OnCallStart func(ctx context.Context, info CallInfo) context.Context
	// OnCallEnd runs once per call, after the last attempt.
	OnCallEnd func(ctx context.Context, info CallInfo, result CallResult)
	// OnAttemptStart runs before each attempt, before OnRequest. A non-nil
	// returned context is used for that attempt's HTTP request and its
	// OnResponse (e.g. an attempt span under which HTTP instrumentation
	// nests).
	OnAttemptStart func(ctx context.Context, info RequestInfo) context.Context
	// OnRequest runs before each attempt is sent.
	OnRequest func(ctx context.Context, info RequestInfo)
	// OnResponse runs after each attempt, whether it got an answer or not.
	OnResponse func(ctx context.Context, info ResponseInfo)
	// OnEvent receives what is not an HTTP attempt: token refreshes, SPI
	// verdicts, idempotency-ledger hits (see the Event… names).
	OnEvent func(ctx context.Context, e Event)
}

// CallInfo describes one call (all its attempts).
type CallInfo struct {
	// Platform is "douyin", "hotelsupply" or "invoice".
	Platform string
	// Operation is the SDK's name of the call, e.g. "order.add".
	Operation string
	// Idempotent is true when sending the request twice has the effect of
	// sending it once; only such calls are retried after the request may
	// have reached the server.
	Idempotent bool
}

// CallResult describes how a call ended.
type CallResult struct {
	// Attempts counts the attempts made (0 when none was sent).
	Attempts int
	// Err is the call's error, nil on success.
	Err error
	// RequestID is the platform's request id of the last answer, if any.
	RequestID string
	// Duration is the time from OnCallStart to OnCallEnd, backoff included.
	Duration time.Duration
	// OutcomeUnknown is true when a non-idempotent write failed after it
	// may have been received: it may have taken effect.
	OutcomeUnknown bool
}

// RequestInfo describes an attempt about to be sent, redacted.
type RequestInfo struct {
	// Platform is "douyin", "hotelsupply" or "invoice".
	Platform string
	// Operation is the SDK's name of the call, e.g. "order.add".
	Operation string
	// Attempt is 1 for the first attempt.
	Attempt int
	// Method is the HTTP method.
	Method string
	// URL is the path and the redacted query (no scheme or host).
	URL string
	// Header is the request's header, sensitive values masked.
	Header http.Header
	// Body is the request body, sensitive values masked; a body that
	// cannot be masked reliably is summarised by its size.
	Body string
}

// ResponseInfo describes what an attempt got back, redacted.
type ResponseInfo struct {
	// RequestInfo is the attempt as it was sent.
	RequestInfo
	// StatusCode is the HTTP status, 0 when no answer arrived.
	StatusCode int
	// Header is the response's header, sensitive values masked.
	Header http.Header
	// Body is the response body, sensitive values masked.
	Body string
	// Duration is the time the attempt took.
	Duration time.Duration
	// RequestID is the platform's request id (header or envelope).
	RequestID string
	// Err is the attempt's error, nil when it succeeded.
	Err error
	// WillRetry is true when another attempt follows this failed one.
	WillRetry bool
	// RetryReason says why the attempt is or is not retried, e.g.
	// "status 503" or "non-idempotent request may have been received".
	// Empty on success.
	RetryReason string
	// MaybeSent is true when the request may have reached the server
	// (whatever its idempotency).
	MaybeSent bool
}

// Names of the events the SDK sends to Hooks.OnEvent.
const (
	// EventTokenRefresh: douyin fetched an access token (attrs: outcome).
	EventTokenRefresh = "token.refresh"
	// EventSPIVerdict: the SPI handler accepted or rejected a request
	// (attrs: operation, verdict accepted/rejected/accepted_unverified,
	// reason code, status, error_code; see spi.WithHooks).
	EventSPIVerdict = "spi.verdict"
	// EventLedgerHit: the SPI idempotency ledger saw a request (attrs:
	// operation, state first/replay/in_progress/conflict/abandoned).
	EventLedgerHit = "ledger.hit"
)

// Event is something the SDK did that is not an HTTP attempt.
type Event struct {
	// Platform is "douyin", "hotelsupply" or "invoice".
	Platform string
	// Name is one of the Event… constants.
	Name string
	// Attrs describe the event, redacted.
	Attrs []slog.Attr
	// Err is the event's failure, if any.
	Err error
}
