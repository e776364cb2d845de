package invoice

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// RawRequest describes a call to an invoice API endpoint the SDK does not
// model. Client.Raw sends it the way the SDK's own calls are sent: its JSON
// body signed afresh for every attempt (appId, the identity, nonceStr,
// timestamp, signType and sign put in front of the business fields), with
// the retry policy, the platform's envelope check, redacted logs and hooks,
// and no redirect followed.
//
// The same type exists in douyin and hotelsupply, with the same fields
// (hotelsupply names the endpoint by Route instead of Path).
type RawRequest struct {
	// Operation names the call in logs, hooks, metrics and errors, e.g.
	// "order.cancel". Required. Use a fixed name, never an id: it becomes a
	// metric label (contrib/otel).
	Operation string
	// Method must be POST (or empty, meaning POST): the platform signs
	// the JSON body, so every call has one.
	Method string
	// Path is the endpoint's path relative to the client's base URL, e.g.
	// "/openapi/order/cancel". It must start with "/" and may not name a
	// host, carry a query, or contain "." or ".." segments. It appears in
	// errors and logs as it is: keep personal data out of it.
	Path string
	// Query is sent as the URL query (the platform's documented calls use
	// none).
	Query url.Values
	// Body holds the business fields: a value marshalled as a JSON object,
	// or a JSON object as []byte or json.RawMessage; nil sends only the
	// authentication parameters. It may not set those parameters itself
	// (appId, userId, userNo, accessKey, accessSecret, nonceStr,
	// timestamp, signType, sign).
	Body any
	// Idempotent declares that sending the request twice has the effect of
	// sending it once (a read such as order/get). Only then is the call
	// retried after it may have reached the platform; otherwise a
	// connection lost after sending ends the call with an error for which
	// hotelsdk.OutcomeUnknown is true, exactly as for AddOrders.
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
	// RequestID is the answer's request id header (X-Request-Id), if the
	// platform or a gateway sent one: the envelope carries none.
	RequestID string
	// HTTPStatus is the status of the answer.
	HTTPStatus int
	// Data is the envelope's "data" as received (null when absent). It may
	// hold personal data: do not log it as it is (String redacts it).
	Data json.RawMessage
}

// rawRedactor masks this package's sensitive names in a RawRequest's and a
// RawResult's String.
var rawRedactor = transport.Redactor{Extra: redactKeys}

// String describes the request with its query and body redacted as the
// client's logs are (credentials, signatures, guest names masked).
func (r *RawRequest) String() string {
	if r == nil {
		return "invoice.RawRequest(nil)"
	}
	return transport.RawRequestString(rawRedactor, "invoice.RawRequest", r.Operation, r.Method, "Path", r.Path,
		r.Query, r.Body, r.Idempotent, r.Sensitive)
}

// GoString is String, for %#v.
func (r *RawRequest) GoString() string { return r.String() }

// LogValue is String, for log/slog.
func (r *RawRequest) LogValue() slog.Value { return slog.StringValue(r.String()) }

// String describes the result with its data redacted.
func (r *RawResult) String() string {
	if r == nil {
		return "invoice.RawResult(nil)"
	}
	return transport.RawResultString(rawRedactor, "invoice.RawResult", r.RequestID, r.HTTPStatus, r.Data)
}

// GoString is String, for %#v.
func (r *RawResult) GoString() string { return r.String() }

// LogValue is String, for log/slog.
func (r *RawResult) LogValue() slog.Value { return slog.StringValue(r.String()) }

// authParamNames are the body fields the client sets on every attempt.
var authParamNames = []string{"appId", "userId", "userNo", "accessKey", "accessSecret", "nonceStr", "timestamp", "signType", "sign"}

// Raw calls an invoice API endpoint the SDK does not model, like go-github's
// NewRequest and Do. The request is checked before anything is sent (a
// *hotelsdk.ValidationError lists every problem); then it is signed and
// sent with the client's retry policy, hooks and logger, and the answer's
// envelope is checked as for the SDK's own calls: a code other than 0 is an
// *APIError (errors.Is with ErrStoreNotFound or ErrRejectedParams works as
// usual), a body that is not the envelope a *hotelsdk.DecodeError. On
// success the envelope's data is decoded into out (a pointer; nil to skip)
// and returned in RawResult.Data.
//
// Whether a failed call is retried depends on req.Idempotent, as for the
// SDK's own calls.
//
// A data that does not fit out is a *hotelsdk.DecodeError; for a call not
// declared idempotent it reports OutcomeUnknown, as any unreadable answer
// to a write does. For a write, pass a nil out (or a *json.RawMessage) and
// decode RawResult.Data yourself.
func (c *Client) Raw(ctx context.Context, req *RawRequest, out any, opts ...hotelsdk.CallOption) (*RawResult, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	op := "raw"
	if req != nil {
		op = transport.RawOperation(req.Operation)
	}
	v := newValidator(op, req == nil)
	if req == nil {
		return nil, v.Err()
	}
	_, body := transport.RawCheck{
		Operation: req.Operation, Method: req.Method, Query: req.Query, Body: req.Body, Out: out,
		Methods: []string{http.MethodPost},
	}.Check(v)
	transport.CheckRawPath(v, "Path", req.Path)
	checkRawBodyObject(v, body.JSON)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if ctx == nil { // never panic on a caller's nil context
		ctx = context.Background()
	}
	// The signer merges the authentication parameters into the object as
	// it is, whatever its spacing (mergeObjects).
	fields := []byte("{}")
	if body.JSON != nil {
		fields = body.JSON
	}

	var res *RawResult
	err := c.tc.Do(ctx, &transport.Request{
		Operation:   req.Operation,
		Method:      http.MethodPost,
		Path:        req.Path,
		Query:       cloneQuery(req.Query),
		Body:        fields,
		ContentType: "application/json",
		Idempotent:  req.Idempotent,
		Sensitive:   append([]string(nil), req.Sensitive...),
		Sign:        c.sign,
		Decode: func(r *transport.Response) error {
			var data json.RawMessage
			if err := decodeEnvelope(r, &data); err != nil {
				return err
			}
			if out != nil {
				if err := json.Unmarshal(data, out); err != nil {
					return r.DecodeError(fmt.Errorf("data: %w", err))
				}
			}
			res = &RawResult{RequestID: r.RequestID, HTTPStatus: r.StatusCode, Data: data}
			return nil
		},
	}, opts...)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// checkRawBodyObject requires a JSON object (the authentication parameters
// are merged into it) that does not set an authentication parameter.
func checkRawBodyObject(v *transport.Validator, body []byte) {
	if body == nil {
		return
	}
	t := bytes.TrimSpace(body)
	if len(t) == 0 || t[0] != '{' {
		v.Add("Body", "must be a JSON object: the authentication parameters are added to its fields")
		return
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(t, &fields); err != nil {
		v.Add("Body", "is not a JSON object: %v", err)
		return
	}
	var set []string
	for k := range fields {
		if slices.Contains(authParamNames, k) {
			set = append(set, k)
		}
	}
	slices.Sort(set)
	for _, k := range set {
		v.Add("Body."+k, "is an authentication parameter: the client sets it on every attempt")
	}
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
