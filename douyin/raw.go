package douyin

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// RawRequest describes a call to a Douyin Open Platform endpoint the SDK
// does not model. Client.Raw sends it the way the SDK's own calls are sent:
// with the access token (refreshed and repeated once when Douyin rejects
// it), the retry policy, Douyin's envelope check, redacted logs and hooks,
// and no redirect followed.
//
// The same type exists in hotelsupply and invoice, with the same fields
// (hotelsupply names the endpoint by Route instead of Path).
type RawRequest struct {
	// Operation names the call in logs, hooks, metrics and errors, e.g.
	// "poi.order.query". Required. Use a fixed name, never an id: it becomes a
	// metric label (contrib/otel).
	Operation string
	// Method is GET, POST, PUT, PATCH or DELETE; empty means POST (every
	// endpoint the SDK models is a POST).
	Method string
	// Path is the endpoint's path relative to the client's base URL, e.g.
	// "/poi/order/query". It must start with "/" and may not name a host,
	// carry a query, or contain "." or ".." segments. It appears in errors
	// and logs as it is: keep personal data out of it (put it in Query or
	// Body, which are redacted).
	Path string
	// Query is sent as the URL query. "access_token" is set by the client
	// (WithTokenPlacement) and may not be given.
	Query url.Values
	// Body is marshalled as JSON once, before the first attempt; []byte and
	// json.RawMessage are sent as they are (they must be valid JSON) and
	// url.Values as a form. nil sends no body; a GET sends none.
	Body any
	// Idempotent declares that sending the request twice has the effect of
	// sending it once (a query, a status set to a fixed value). Only then is
	// the call retried after it may have reached Douyin; otherwise a
	// connection lost after sending ends the call with an error for which
	// hotelsdk.OutcomeUnknown is true, exactly as for SyncOrder.
	Idempotent bool

	// Sensitive lists personal data the request carries under names the
	// SDK does not recognise as personal (a guest's name under "contact",
	// say). They are masked, in every form an echo of them takes, in logs,
	// hooks, error texts and String, as the SDK's own calls mask theirs.
	// Values under known names (phone, mobile, name, remark, token…) are
	// masked without being listed.
	Sensitive []string
}

// RawResult is what a successful raw call returned.
type RawResult struct {
	// RequestID is Douyin's logid of the call (extra.logid, else the
	// X-Tt-Logid header): quote it to Douyin support.
	RequestID string
	// HTTPStatus is the status of the answer.
	HTTPStatus int
	// Data is the envelope's "data" object as received. It may hold
	// personal data: do not log it as it is (String redacts it).
	Data json.RawMessage
}

// rawRedactor masks this package's sensitive names in a RawRequest's and
// a RawResult's String.
var rawRedactor = transport.Redactor{Extra: redactKeys}

// String describes the request with its query and body redacted as the
// client's logs are (the token, phone numbers, names, remarks masked).
func (r *RawRequest) String() string {
	if r == nil {
		return "douyin.RawRequest(nil)"
	}
	return transport.RawRequestString(rawRedactor, "douyin.RawRequest", r.Operation, r.Method, "Path", r.Path,
		r.Query, r.Body, r.Idempotent, r.Sensitive)
}

// GoString is String, for %#v.
func (r *RawRequest) GoString() string { return r.String() }

// LogValue is String, for log/slog.
func (r *RawRequest) LogValue() slog.Value { return slog.StringValue(r.String()) }

// String describes the result with its data redacted.
func (r *RawResult) String() string {
	if r == nil {
		return "douyin.RawResult(nil)"
	}
	return transport.RawResultString(rawRedactor, "douyin.RawResult", r.RequestID, r.HTTPStatus, r.Data)
}

// GoString is String, for %#v.
func (r *RawResult) GoString() string { return r.String() }

// LogValue is String, for log/slog.
func (r *RawResult) LogValue() slog.Value { return slog.StringValue(r.String()) }

// Raw calls an endpoint the SDK does not model, like go-github's
// NewRequest and Do. The request is checked before anything is sent (a
// *hotelsdk.ValidationError lists every problem); then it is sent with the
// client's access token, retry policy, hooks and logger, and the answer's
// envelope is checked as for the SDK's own calls: an error code is an
// *APIError (errors.Is(err, ErrTokenRejected) and Retryable work as
// usual), a body that is not Douyin's envelope a *hotelsdk.DecodeError. On
// success the envelope's data is decoded into out (a pointer; nil to skip)
// and returned in RawResult.Data.
//
// Whether a failed call is retried depends on req.Idempotent, as for the
// SDK's own calls; a rejected token is replaced and the call repeated once
// in any case (Douyin refused it without acting on it).
//
// A data that does not fit out is a *hotelsdk.DecodeError; for a call not
// declared idempotent it reports OutcomeUnknown, as any unreadable answer
// to a write does. For a write, pass a nil out (or a *json.RawMessage) and
// decode RawResult.Data yourself.
func (c *Client) Raw(ctx context.Context, req *RawRequest, out any, opts ...hotelsdk.CallOption) (*RawResult, error) {
	op := "raw"
	if req != nil {
		op = transport.RawOperation(req.Operation)
	}
	if err := c.ready(op); err != nil {
		return nil, err
	}
	v := newValidator(op)
	if req == nil {
		v.Add("", "request is nil")
		return nil, v.Err()
	}
	method, body := transport.RawCheck{
		Operation: req.Operation, Method: req.Method, Query: req.Query, Body: req.Body, Out: out,
		ReservedQuery: []string{"access_token"}, AllowForm: true,
	}.Check(v)
	transport.CheckRawPath(v, "Path", req.Path)
	if err := v.Err(); err != nil {
		return nil, err
	}

	var res *RawResult
	treq := &transport.Request{
		Operation:  req.Operation,
		Method:     method,
		Path:       req.Path,
		Query:      cloneQuery(req.Query),
		Body:       body.JSON,
		Form:       body.Form,
		Idempotent: req.Idempotent,
		Sensitive:  append([]string(nil), req.Sensitive...),
		Decode: func(r *transport.Response) error {
			var env struct {
				Data json.RawMessage `json:"data"`
			}
			if err := decodeResponse(r, &env); err != nil {
				return err
			}
			if out != nil {
				if err := json.Unmarshal(env.Data, out); err != nil {
					return r.DecodeError(fmt.Errorf("data: %w", err))
				}
			}
			res = &RawResult{RequestID: r.RequestID, HTTPStatus: r.StatusCode, Data: env.Data}
			return nil
		},
	}
	if body.JSON != nil {
		treq.ContentType = "application/json"
	}
	if err := c.sendWithToken(ctx, treq, opts); err != nil {
		return nil, err
	}
	return res, nil
}

// cloneQuery copies q so that the caller may reuse it while the call runs.
func cloneQuery(q url.Values) url.Values {
	if q == nil {
		return nil
	}
	out := make(url.Values, len(q))
	for k, vs := range q {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
