package transport

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// This file holds the checks every package's raw-call escape hatch
// (douyin.Client.Raw, hotelsupply.Client.Raw, invoice.Client.Raw) runs on a
// request before anything is sent, so that the three agree on what is a
// valid raw request.

// maxRawOperation bounds the length of a raw call's operation name.
const maxRawOperation = 128

// RawMethods are the methods a raw call may use unless a package narrows
// them.
var RawMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// CheckRawOperation checks the name a raw call goes by in logs, hooks and
// errors: required, at most 128 characters, no control characters, no
// leading or trailing space.
func CheckRawOperation(v *Validator, op string) {
	switch {
	case strings.TrimSpace(op) == "":
		v.Add("Operation", "is required: it names the call in logs, hooks and errors")
	case len(op) > maxRawOperation:
		v.Add("Operation", "is longer than %d bytes", maxRawOperation)
	case strings.TrimSpace(op) != op:
		v.Add("Operation", "must not start or end with a space")
	case strings.IndexFunc(op, unicode.IsControl) >= 0:
		v.Add("Operation", "must not contain control characters")
	}
}

// CheckRawMethod returns the method to send (POST when m is empty) and
// records a problem when m is not one of allowed.
func CheckRawMethod(v *Validator, m string, allowed []string) string {
	if m == "" {
		return http.MethodPost
	}
	for _, a := range allowed {
		if m == a {
			return m
		}
	}
	v.Add("Method", "%q is not supported here (want one of %s)", m, strings.Join(allowed, ", "))
	return m
}

// CheckRawPath checks a path relative to the client's base URL: it must
// start with "/", name no scheme or host ("https://…", "//host/…"), carry
// no query or fragment (those go in Query), no "." or ".." segment (also
// percent-encoded), no backslash, space, control or non-ASCII byte.
func CheckRawPath(v *Validator, field, p string) {
	if p == "" {
		v.Add(field, "is required (a path relative to the client's base URL, e.g. \"/poi/order/query\")")
		return
	}
	problem := func(format string, args ...any) { v.Add(field, format, args...) }
	switch {
	case strings.Contains(p, "://"):
		problem("must be relative to the client's base URL, not an absolute URL")
		return
	case strings.HasPrefix(p, "//"):
		problem("must not start with \"//\" (that names another host)")
		return
	case !strings.HasPrefix(p, "/"):
		problem("must start with \"/\"")
		return
	case strings.ContainsAny(p, "?#"):
		problem("must not carry a query or fragment: put parameters in Query")
		return
	case strings.Contains(p, `\`):
		problem("must not contain a backslash")
		return
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; c <= ' ' || c >= 0x7f {
			problem("must not contain spaces, control or non-ASCII characters: percent-encode them")
			return
		}
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		problem("is not a valid relative path")
		return
	}
	decoded, err := url.PathUnescape(p)
	if err != nil {
		problem("has an invalid percent-encoding")
		return
	}
	if strings.IndexFunc(decoded, unicode.IsControl) >= 0 {
		problem("must not contain percent-encoded control characters")
		return
	}
	// Decoded, so that "%2e%2e" and "..%2f" count; a server may decode
	// before it resolves the path.
	for _, seg := range strings.FieldsFunc(decoded, func(r rune) bool { return r == '/' || r == '\\' }) {
		if seg == "." || seg == ".." {
			problem("must not contain \".\" or \"..\" segments")
			return
		}
	}
}

// CheckRawQuery records an empty parameter name and any name in reserved
// (parameters the SDK sets itself, such as a token or a route).
func CheckRawQuery(v *Validator, q url.Values, reserved ...string) {
	for k := range q {
		if k == "" {
			v.Add("Query", "has a parameter with an empty name")
			continue
		}
		for _, r := range reserved {
			if k == r {
				v.Add("Query", "must not set %q: the SDK sets it", k)
			}
		}
	}
}

// CheckRawOut records a problem when out is neither nil nor a non-nil
// pointer, which the JSON decoder could not fill.
func CheckRawOut(v *Validator, out any) {
	if out == nil {
		return
	}
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		v.Add("out", "must be nil or a non-nil pointer (got %T)", out)
	}
}

// RawBody is a raw call's body, encoded once before the call.
type RawBody struct {
	// JSON is the JSON text to send; nil when there is no JSON body.
	JSON []byte
	// Form is the form to send (a url.Values body).
	Form url.Values
}

// Empty reports whether there is nothing to send.
func (b RawBody) Empty() bool { return b.JSON == nil && b.Form == nil }

// EncodeRawBody encodes a raw call's body: nil (or a nil pointer, map or
// slice) is no body; []byte and json.RawMessage are sent as they are and
// must be valid JSON; url.Values is a form when allowForm; a string or an
// io.Reader is refused (ambiguous, or not replayable by a retry); anything
// else is marshalled as JSON.
func EncodeRawBody(v *Validator, body any, allowForm bool) RawBody {
	switch b := body.(type) {
	case nil:
		return RawBody{}
	case json.RawMessage:
		return rawJSON(v, b)
	case []byte:
		return rawJSON(v, b)
	case url.Values:
		if !allowForm {
			v.Add("Body", "a form (url.Values) cannot be sent here: give a JSON value")
			return RawBody{}
		}
		if b == nil {
			return RawBody{}
		}
		return RawBody{Form: b}
	case string:
		v.Add("Body", "a string is ambiguous: give json.RawMessage for JSON text, or a value to marshal")
		return RawBody{}
	case io.Reader:
		v.Add("Body", "a reader cannot be sent again by a retry: read it into a []byte or json.RawMessage")
		return RawBody{}
	}
	rv := reflect.ValueOf(body)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
		if rv.IsNil() {
			return RawBody{}
		}
	}
	out, err := json.Marshal(body)
	if err != nil {
		v.Add("Body", "cannot be marshalled as JSON: %v", err)
		return RawBody{}
	}
	return RawBody{JSON: out}
}

func rawJSON(v *Validator, b []byte) RawBody {
	if b == nil {
		return RawBody{}
	}
	t := bytes.TrimSpace(b)
	if len(t) == 0 {
		return RawBody{}
	}
	if !json.Valid(t) {
		v.Add("Body", "is not valid JSON")
		return RawBody{}
	}
	return RawBody{JSON: append([]byte(nil), b...)}
}

// RawCheck is what the shared checks of a raw call look at. The path (or
// route) is checked by the package, which knows its form.
type RawCheck struct {
	Operation string
	Method    string
	Query     url.Values
	Body      any
	Out       any
	// Methods are the methods allowed (RawMethods when nil).
	Methods []string
	// ReservedQuery are query parameters the SDK sets itself.
	ReservedQuery []string
	// AllowForm lets a url.Values body be sent as a form.
	AllowForm bool
}

// Check records every problem of rc in v and returns the method to send
// (POST when none was given) and the encoded body.
func (rc RawCheck) Check(v *Validator) (string, RawBody) {
	methods := rc.Methods
	if methods == nil {
		methods = RawMethods
	}
	CheckRawOperation(v, rc.Operation)
	method := CheckRawMethod(v, rc.Method, methods)
	CheckRawQuery(v, rc.Query, rc.ReservedQuery...)
	body := EncodeRawBody(v, rc.Body, rc.AllowForm)
	if (method == http.MethodGet || method == http.MethodHead) && !body.Empty() {
		v.Add("Body", "a %s request carries no body: put parameters in Query", method)
	}
	CheckRawOut(v, rc.Out)
	return method, body
}

// RawOperation is the operation name a raw call's validation error
// carries: the caller's when usable, else "raw".
func RawOperation(op string) string {
	var v Validator
	CheckRawOperation(&v, op)
	if v.Err() != nil {
		return "raw"
	}
	return op
}

// RawRequestString describes a raw request for printing (String, GoString,
// LogValue of the packages' RawRequest types) with its query and body
// redacted as the client's logs are, and the sensitive values masked
// wherever they appear: typ is e.g. "douyin.RawRequest", target its path
// or route.
func RawRequestString(r Redactor, typ, op, method, targetName, target string, q url.Values, body any,
	idempotent bool, sensitive []string) string {
	var b strings.Builder
	b.WriteString(typ + "{Operation: " + strconv.Quote(op))
	if method != "" {
		b.WriteString(", Method: " + method)
	}
	b.WriteString(", " + targetName + ": " + strconv.Quote(target))
	if len(q) > 0 {
		b.WriteString(", Query: " + r.Query(q))
	}
	var v Validator
	switch enc := EncodeRawBody(&v, body, true); {
	case v.Err() != nil:
		b.WriteString(", Body: [unencodable]")
	case enc.Form != nil:
		b.WriteString(", Body: " + r.Query(enc.Form))
	case enc.JSON != nil:
		b.WriteString(", Body: " + r.Body(enc.JSON))
	}
	if idempotent {
		b.WriteString(", Idempotent: true")
	}
	if len(sensitive) > 0 {
		b.WriteString(", Sensitive: [" + strconv.Itoa(len(sensitive)) + " values]")
	}
	b.WriteString("}")
	return MaskValues(b.String(), sensitive)
}

// MaskValues returns s with values masked in every form an echo of them
// takes (as the transport masks Request.Sensitive).
func MaskValues(s string, values []string) string {
	if len(values) == 0 {
		return s
	}
	return (&echoMask{explicit: values}).String(s)
}

// RawResultString describes a raw call's result for printing, its data
// redacted as the client's logs are.
func RawResultString(r Redactor, typ, requestID string, status int, data []byte) string {
	s := typ + "{RequestID: " + strconv.Quote(requestID) + ", HTTPStatus: " + strconv.Itoa(status)
	if len(data) > 0 {
		s += ", Data: " + r.Body(data)
	}
	return s + "}"
}
