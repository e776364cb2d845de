package hotelsupply

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// RawRequest describes a call to a shop route the SDK does not model.
// Client.Raw sends it the way the SDK's own calls are sent: under the
// member's session (logging in first, and again once when the shop answers
// "please log in"), with the shop's route parameters (i, uuid, type, mid),
// the retry policy, the shop's envelope check, redacted logs and hooks, and
// no redirect followed.
//
// The same type exists in douyin and invoice, with the same fields; the
// shop names its endpoints by route ("plugin.hotel-supply.frontend.….index")
// on one API path, so Route takes the place of their Path.
type RawRequest struct {
	// Operation names the call in logs, hooks, metrics and errors, e.g.
	// "order-list". Required. Use a fixed name, never an id: it becomes a
	// metric label (contrib/otel).
	Operation string
	// Method is GET or POST; empty means POST.
	Method string
	// Route is the shop route, sent as the "route" query parameter, e.g.
	// "plugin.hotel-supply.frontend.order.list": letters, digits, '.', '-'
	// and '_', no empty or ".." part. Required.
	Route string
	// Query is sent beside the route parameters; i, uuid, type, route and
	// mid are set by the client and may not be given.
	Query url.Values
	// Body is sent once encoded: url.Values as a form (how the shop takes
	// its parameters), []byte and json.RawMessage as they are (valid JSON),
	// anything else marshalled as JSON. nil sends no body; a GET sends none.
	Body any
	// Idempotent declares that sending the request twice has the effect of
	// sending it once (a read). Only then is the call retried after it may
	// have reached the shop; otherwise a connection lost after sending ends
	// the call with an error for which hotelsdk.OutcomeUnknown is true,
	// exactly as for CreateOrder.
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
	// shop or a gateway sent one: the shop's envelope carries none.
	RequestID string
	// HTTPStatus is the status of the answer.
	HTTPStatus int
	// Data is the envelope's "data" as received (PHP spells an empty object
	// []). It may hold personal data: do not log it as it is (String
	// redacts it).
	Data json.RawMessage
}

// rawRedactor masks this package's sensitive names in a RawRequest's and a
// RawResult's String.
var rawRedactor = transport.Redactor{Extra: redactKeys}

// String describes the request with its query and body redacted as the
// client's logs are (mobile, password, names, notes masked).
func (r *RawRequest) String() string {
	if r == nil {
		return "hotelsupply.RawRequest(nil)"
	}
	return transport.RawRequestString(rawRedactor, "hotelsupply.RawRequest", r.Operation, r.Method, "Route", r.Route,
		r.Query, r.Body, r.Idempotent, r.Sensitive)
}

// GoString is String, for %#v.
func (r *RawRequest) GoString() string { return r.String() }

// LogValue is String, for log/slog.
func (r *RawRequest) LogValue() slog.Value { return slog.StringValue(r.String()) }

// String describes the result with its data redacted.
func (r *RawResult) String() string {
	if r == nil {
		return "hotelsupply.RawResult(nil)"
	}
	return transport.RawResultString(rawRedactor, "hotelsupply.RawResult", r.RequestID, r.HTTPStatus, r.Data)
}

// GoString is String, for %#v.
func (r *RawResult) GoString() string { return r.String() }

// LogValue is String, for log/slog.
func (r *RawResult) LogValue() slog.Value { return slog.StringValue(r.String()) }

// rawReserved are the query parameters the client sets on every call.
var rawReserved = []string{"i", "uuid", "type", "route", "mid"}

// Raw calls a shop route the SDK does not model, like go-github's
// NewRequest and Do. The request is checked before anything is sent (a
// *hotelsdk.ValidationError lists every problem); then it is sent under the
// member's session with the client's retry policy, hooks and logger, and
// the answer's envelope is checked as for the SDK's own calls: a result
// other than 1 is an *APIError (errors.Is with ErrNotLoggedIn,
// ErrUnknownRoute, ErrSiteClosed… works as usual), a body that is not the
// envelope a *hotelsdk.DecodeError. On success the envelope's data is
// decoded into out (a pointer; nil to skip) and returned in RawResult.Data.
// The package's tolerant types (Int, String, Money, List…) read PHP's
// varying spellings in out's fields; an empty data spelt [] leaves a struct
// or map out unchanged.
//
// Whether a failed call is retried depends on req.Idempotent, as for the
// SDK's own calls; "please log in" leads to one login and one repeat in any
// case (the shop refused the call without acting on it).
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
	ctx, v, err := c.begin(ctx, op, req == nil)
	if err != nil {
		return nil, err
	}
	method, body := transport.RawCheck{
		Operation: req.Operation, Method: req.Method, Query: req.Query, Body: req.Body, Out: out,
		Methods: []string{http.MethodGet, http.MethodPost}, ReservedQuery: rawReserved, AllowForm: true,
	}.Check(v)
	checkRoute(v, req.Route)
	if err := v.Err(); err != nil {
		return nil, err
	}
	q, err := c.query(req.Route)
	if err != nil {
		return nil, c.encodeErr(op, err)
	}
	for k, vs := range req.Query {
		q[k] = append([]string(nil), vs...)
	}

	var res *RawResult
	treq := &transport.Request{
		Operation:  req.Operation,
		Method:     method,
		Path:       c.path,
		Query:      q,
		Body:       body.JSON,
		Form:       body.Form,
		Idempotent: req.Idempotent,
		Sensitive:  append([]string(nil), req.Sensitive...),
		Decode: func(r *transport.Response) error {
			return decodeEnvelope(r, req.Route, func(data []byte) error {
				if err := decodeRawData(data, out); err != nil {
					return err
				}
				res = &RawResult{RequestID: r.RequestID, HTTPStatus: r.StatusCode, Data: append(json.RawMessage(nil), data...)}
				return nil
			})
		},
	}
	if body.JSON != nil {
		treq.ContentType = "application/json"
	}
	if err := c.call(ctx, treq, opts); err != nil {
		return nil, err
	}
	return res, nil
}

// checkRoute checks a shop route: dotted names of letters, digits, '-' and
// '_'.
func checkRoute(v *transport.Validator, route string) {
	if route == "" {
		v.Add("Route", "is required (e.g. %q)", RouteGoodsBuy)
		return
	}
	for _, r := range route {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			v.Add("Route", "may hold only letters, digits, '.', '-' and '_' (got %q)", r)
			return
		}
	}
	for _, part := range strings.Split(route, ".") {
		if part == "" {
			v.Add("Route", "must not have an empty part (a leading, trailing or doubled '.')")
			return
		}
	}
}

// decodeRawData decodes a raw call's data into out: nothing when out is
// nil, and an empty data (null, [], {}, "") leaves a struct or map out as
// it is, since PHP spells an empty object as an empty array.
func decodeRawData(data []byte, out any) error {
	if out == nil {
		return nil
	}
	t := bytes.TrimSpace(data)
	if len(t) == 0 || string(t) == "null" {
		return nil
	}
	if string(t) == "[]" || string(t) == `""` {
		k := reflect.TypeOf(out).Elem().Kind()
		if k == reflect.Struct || k == reflect.Map {
			return nil
		}
	}
	if err := json.Unmarshal(t, out); err != nil {
		return fmt.Errorf("cannot decode into %T: %w", out, err)
	}
	return nil
}
