package transport

import (
	"bytes"
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
	// Sensitive lists the personal data the request carries that the
	// platform may echo back (guest names, phone numbers, ID numbers, a
	// member's mobile). The transport masks these literal values, and the
	// forms an echo of them takes, in every body and text it hands to logs,
	// hooks and a DecodeError's Raw, and Response.Mask masks them in a
	// platform's message (echo.go). Values under sensitive names in the
	// query, form or JSON body are masked without being listed here.
	Sensitive []string
}

// Attempt is what one attempt will send. Sign may change it.
type Attempt struct {
	Number int // 1 for the first attempt
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte

	echo    *echoMask // the attempt's personal values, see echo.go
	echoVal echoMask  // where echo points once made (no allocation of its own)
	// body reads Body for resty: a reader, not a []byte, so that resty
	// hands it to net/http as it is instead of copying it twice.
	body bytes.Reader

	// conn is what net/http reported about the attempt's connection
	// (written.go), kept here to save an allocation per attempt.
	conn attemptTrace
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
	echo       *echoMask // masks the request's personal values, see Mask
}

// DecodeError builds a *DecodeError for this response. Its Raw has the
// request's personal values masked (see Request.Sensitive).
func (r *Response) DecodeError(err error) *hotelsdk.DecodeError {
	de := NewDecodeError(r.Platform, r.Operation, r.StatusCode, r.echo.Bytes(r.Body), err)
	de.Idempotent = r.idempotent
	return de
}
