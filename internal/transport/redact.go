package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Mask replaces every redacted value.
const Mask = "***"

// sensitiveExact lists normalised names (lower case, without '_' and '-')
// whose values are personal data or credentials.
var sensitiveExact = map[string]bool{
	"sign": true, "mobile": true, "tel": true, "cookie": true, "setcookie": true,
	"authorization": true, "customername": true, "username": true, "guestnames": true,
	"guestname": true, "cnname": true, "givenname": true, "surname": true, "call": true,
	"ncompanynumberote": true, "companynumber": true, "collectname": true, "nonce": true,
	"noncestr": true, "orderdetail": true, "address": true, "realname": true, "idcard": true,
}

// sensitiveParts are substrings that make any name sensitive. They cover
// the names integrators invent inside free-form fields (Douyin's
// order_detail, a shop's custom form): contact_mobile, id_card_no,
// guest_email, passport_number. "tel" and "name" are exact names only:
// as parts they would hide hotel_id and room_name.
var sensitiveParts = []string{"secret", "token", "password", "phone", "signature", "xlifesign",
	"mobile", "idcard", "passport", "email", "contact"}

// IsSensitive reports whether a header, query, form or JSON key names a
// value that must never be logged: credentials, signatures and personal data.
// extra lists further names a package treats as sensitive.
func IsSensitive(name string, extra ...string) bool {
	n := normalise(name)
	if sensitiveExact[n] {
		return true
	}
	for _, p := range sensitiveParts {
		if strings.Contains(n, p) {
			return true
		}
	}
	for _, e := range extra {
		if normalise(e) == n {
			return true
		}
	}
	return false
}

func normalise(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '_' || r == '-':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return r
	}, name)
}

// Redactor masks sensitive values in queries, headers and bodies.
type Redactor struct {
	// Extra names treated as sensitive beside the built-in list.
	Extra []string
}

// Query returns q encoded with sensitive values masked.
func (r Redactor) Query(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	out := make(url.Values, len(q))
	for k, vs := range q {
		if IsSensitive(k, r.Extra...) {
			out[k] = []string{Mask}
			continue
		}
		out[k] = vs
	}
	return out.Encode()
}

// Header returns a copy of h with sensitive values masked.
func (r Redactor) Header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if IsSensitive(k, r.Extra...) {
			out[k] = []string{Mask}
			continue
		}
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Body returns a printable copy of a request or response body with sensitive
// values masked. JSON and form bodies are masked key by key; any other body
// is summarised by its size, since it cannot be masked reliably.
func (r Redactor) Body(body []byte) string {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return ""
	}
	if t[0] == '{' || t[0] == '[' {
		dec := json.NewDecoder(bytes.NewReader(t))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err == nil {
			out, err := json.Marshal(r.value(v))
			if err == nil {
				return string(out)
			}
		}
		return fmt.Sprintf("[%d bytes, not valid JSON]", len(body))
	}
	if q, err := url.ParseQuery(string(t)); err == nil && len(q) > 0 && bytes.IndexByte(t, '=') > 0 {
		return r.Query(q)
	}
	return fmt.Sprintf("[%d bytes]", len(body))
}

func (r Redactor) value(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, vv := range x {
			if IsSensitive(k, r.Extra...) {
				x[k] = Mask
				continue
			}
			x[k] = r.value(vv)
		}
		return x
	case []any:
		for i := range x {
			x[i] = r.value(x[i])
		}
		return x
	}
	return v
}

// URL returns path plus the redacted query.
func (r Redactor) URL(path string, q url.Values) string {
	if s := r.Query(q); s != "" {
		return path + "?" + s
	}
	return path
}
