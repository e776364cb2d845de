package transport

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Request describes one operation. The transport builds every attempt from
// it afresh, so nothing in it is consumed by sending.
type Request struct {
	// Operation names the call in logs and errors, e.g. "order.add".
	Operation string
	Method    string
	// Path is joined to the client's base URL.
	Path   string
	Query  url.Values
	Header http.Header
	// Body is sent as is. When JSON is set instead, the transport marshals
	// it once and sends those bytes; when Form is set, its encoding.
	Body []byte
	JSON any
	Form url.Values
	// ContentType defaults to application/json for JSON and
	// application/x-www-form-urlencoded for Form.
	ContentType string
	// Idempotent declares that sending the request twice has the effect of
	// sending it once. Only idempotent operations are retried after the
	// request may have reached the server.
	Idempotent bool
	// Sign runs before every attempt on a fresh copy of the attempt's
	// query, headers and body, and may change all three (add a timestamp,
	// a nonce, a signature, a token).
	Sign func(ctx context.Context, a *Attempt) error
	// Decode turns a response into the operation's result or error. It
	// runs for every status; errors it returns that implement Retryable
	// decide whether an idempotent operation is attempted again. When nil,
	// any 2xx status succeeds and any other is a *DecodeError.
	Decode func(r *Response) error
}

// Attempt is what one attempt will send. Sign may change it.
type Attempt struct {
	Number int // 1 for the first attempt
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// Response is what one attempt received, with the body already read (up to
// the client's limit).
type Response struct {
	Platform   string
	Operation  string
	Attempt    int
	StatusCode int
	Header     http.Header
	Body       []byte
	Duration   time.Duration
	// RequestID may be set by Decode (e.g. from the envelope) so that logs
	// and hooks can show it; it starts as the value of a known request-id
	// header.
	RequestID string

	idempotent bool
}

// DecodeError builds a *DecodeError for this response.
func (r *Response) DecodeError(err error) *hotelsdk.DecodeError {
	de := NewDecodeError(r.Platform, r.Operation, r.StatusCode, r.Body, err)
	de.Idempotent = r.idempotent
	return de
}
