package transport

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"
)

// A platform may repeat what it was sent: a shop answers "手机号
// 15012345678 已下单", an order service quotes the guest's name in its
// error. Redacting by key (redact.go) cannot see such an echo inside a
// message, so every attempt also masks the literal personal values of its
// own request wherever a body or text leaves the SDK: the bodies and URLs
// shown to logs and hooks, the text of a logged error, the Raw of a
// *hotelsdk.DecodeError, and what a decoder passes through Response.Mask
// (a platform's message in an API error).
//
// The values are Request.Sensitive plus the values the request carries
// under sensitive names (IsSensitive and the client's RedactKeys) in its
// query, form or JSON body, including JSON text held in a string (Douyin's
// order_detail). Each is masked as sent and in the forms an echo takes:
// JSON-escaped as PHP writes it (\u5f20\u4e09, \/), URL-escaped, in upper or
// lower case; a phone number also with separators or a +86 prefix
// ("150 1234 5678", "+86-150-1234-5678"). Values too short to mask without
// masking unrelated text (one character, or fewer than four ASCII
// characters) are left alone.

// echoMask masks one attempt's personal values. It is built when first
// used: an attempt that is neither observed nor failed pays nothing.
type echoMask struct {
	explicit []string
	query    url.Values
	body     []byte
	extra    []string

	built  bool
	rep    *strings.Replacer
	phones []string // digit strings of phone-like values
}

// echoOf returns the mask of attempt a of req, made once per attempt.
func (c *Client) echoOf(req *Request, a *Attempt) *echoMask {
	if a.echo == nil {
		a.echoVal = echoMask{explicit: req.Sensitive, query: a.Query, body: a.Body, extra: c.redactor.Extra}
		a.echo = &a.echoVal
	}
	return a.echo
}

// Mask returns s with the personal values of the request masked (see
// Request.Sensitive). Decoders pass a platform's message through it before
// putting it into an error.
func (r *Response) Mask(s string) string { return r.echo.String(s) }

// String returns s with every value masked.
func (m *echoMask) String(s string) string {
	if m == nil || s == "" {
		return s
	}
	m.build()
	if m.rep != nil {
		s = m.rep.Replace(s)
	}
	for _, d := range m.phones {
		s = maskDigits(s, d)
	}
	return s
}

// Bytes is String for a body.
func (m *echoMask) Bytes(b []byte) []byte {
	if m == nil || len(b) == 0 {
		return b
	}
	m.build()
	if m.rep == nil && len(m.phones) == 0 {
		return b
	}
	return []byte(m.String(string(b)))
}

// Header returns h with every value masked (h itself when nothing changes).
func (m *echoMask) Header(h http.Header) http.Header {
	if m == nil || len(h) == 0 {
		return h
	}
	for k, vs := range h {
		for i, v := range vs {
			if mv := m.String(v); mv != v {
				vs[i] = mv
			}
		}
		h[k] = vs
	}
	return h
}

func (m *echoMask) build() {
	if m.built {
		return
	}
	m.built = true
	values := append([]string(nil), m.explicit...)
	values = appendSensitiveQuery(values, m.query, m.extra)
	values = appendSensitiveBody(values, m.body, m.extra)
	forms := map[string]bool{}
	digits := map[string]bool{}
	for _, v := range values {
		v = strings.TrimSpace(v)
		if !maskable(v) {
			continue
		}
		if d, ok := phoneDigits(v); ok {
			digits[d] = true
			continue // maskDigits covers every spelling of it
		}
		for _, f := range variants(v) {
			forms[f] = true
		}
	}
	if len(forms) > 0 {
		list := make([]string, 0, len(forms))
		for f := range forms {
			list = append(list, f)
		}
		// Longest first: the replacer tries its old strings in order.
		sort.Slice(list, func(i, j int) bool {
			if len(list[i]) != len(list[j]) {
				return len(list[i]) > len(list[j])
			}
			return list[i] < list[j]
		})
		pairs := make([]string, 0, 2*len(list))
		for _, f := range list {
			pairs = append(pairs, f, Mask)
		}
		m.rep = strings.NewReplacer(pairs...)
	}
	for d := range digits {
		m.phones = append(m.phones, d)
	}
	sort.Strings(m.phones)
}

// maskable reports whether v is long enough to be masked wherever it
// appears: at least two characters, and at least four when all ASCII.
func maskable(v string) bool {
	n := utf8.RuneCountInString(v)
	if n < 2 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if v[i] >= utf8.RuneSelf {
			return true
		}
	}
	return n >= 4
}

// variants returns v and the forms an echo of it takes.
func variants(v string) []string {
	bases := []string{v}
	ascii := true
	for i := 0; i < len(v); i++ {
		if v[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii { // ID numbers ending in x or X, names in capitals
		bases = append(bases, strings.ToUpper(v), strings.ToLower(v))
	}
	var out []string
	for _, b := range bases {
		out = append(out, b, phpEscape(b, false), phpEscape(b, true), strings.ReplaceAll(b, "/", `\/`),
			url.QueryEscape(b), url.PathEscape(b))
		if j, err := json.Marshal(b); err == nil {
			out = append(out, string(j[1:len(j)-1]))
		}
	}
	return out
}

// phpEscape writes v as PHP's json_encode does by default: non-ASCII as
// \uXXXX (UTF-16), '/' as \/, with lower or upper case hex digits.
func phpEscape(v string, upper bool) string {
	const lower, upperHex = "0123456789abcdef", "0123456789ABCDEF"
	hex := lower
	if upper {
		hex = upperHex
	}
	var b strings.Builder
	u := func(r rune) {
		b.WriteString(`\u`)
		for s := 12; s >= 0; s -= 4 {
			b.WriteByte(hex[(r>>s)&0xf])
		}
	}
	for _, r := range v {
		switch {
		case r == '/':
			b.WriteString(`\/`)
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			u(r)
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r > 0xffff:
			r -= 0x10000
			u(0xd800 + (r>>10)&0x3ff)
			u(0xdc00 + r&0x3ff)
		default:
			u(r)
		}
	}
	return b.String()
}

// phoneDigits reports whether v is a phone number (7 to 15 digits with only
// spaces, dashes, dots, parentheses and a leading '+' around them) and
// returns its national digits: a +86, 0086 or 86 prefix of a mainland
// number is dropped, so that an echo with or without it is masked.
func phoneDigits(v string) (string, bool) {
	var d []byte
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			d = append(d, c)
		case c == '+' && i == 0, c == ' ', c == '-', c == '.', c == '(', c == ')':
		default:
			return "", false
		}
	}
	if len(d) < 7 || len(d) > 15 {
		return "", false
	}
	s := string(d)
	switch {
	case strings.HasPrefix(s, "0086") && len(s) > 11:
		s = s[4:]
	case strings.HasPrefix(s, "86") && len(s) == 13:
		s = s[2:]
	}
	return s, true
}

// isPhoneSep reports whether c may separate the digits of a phone number.
func isPhoneSep(c byte) bool { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' }

// maskDigits replaces in s every run spelling the digits d, with separators
// allowed between digits.
func maskDigits(s, d string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != d[0] {
			continue
		}
		j, k := i, 0
		for j < len(s) && k < len(d) {
			switch {
			case s[j] == d[k]:
				j++
				k++
			case k > 0 && isPhoneSep(s[j]):
				j++
			default:
				k = -1
			}
			if k < 0 {
				break
			}
		}
		if k != len(d) {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(Mask)
		last = j
		i = j - 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// appendSensitiveQuery adds the values of sensitive names in q.
func appendSensitiveQuery(out []string, q url.Values, extra []string) []string {
	for k, vs := range q {
		sensitive := IsSensitive(k, extra...)
		for _, v := range vs {
			switch t := strings.TrimSpace(v); {
			case sensitive:
				out = appendSensitiveText(out, v, extra)
			case t != "" && (t[0] == '{' || t[0] == '['):
				// JSON text under an ordinary name: its sensitive names count.
				out = appendSensitiveJSON(out, []byte(t), extra, false)
			}
		}
	}
	return out
}

// appendSensitiveBody adds the values of sensitive names in a JSON or form
// body.
func appendSensitiveBody(out []string, body []byte, extra []string) []string {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return out
	}
	if t[0] == '{' || t[0] == '[' {
		return appendSensitiveJSON(out, t, extra, false)
	}
	if q, err := url.ParseQuery(string(t)); err == nil {
		return appendSensitiveQuery(out, q, extra)
	}
	return out
}

// appendSensitiveText adds v, and when v is JSON text the sensitive values
// in it.
func appendSensitiveText(out []string, v string, extra []string) []string {
	out = append(out, v)
	if t := strings.TrimSpace(v); t != "" && (t[0] == '{' || t[0] == '[') {
		out = appendSensitiveJSON(out, []byte(t), extra, true)
	}
	return out
}

// appendSensitiveJSON adds the sensitive values of a JSON document. The
// members of an object are sensitive when their names are; the elements of
// an array and a document's top-level scalar when all is set (a list of
// guest names under guestNames, or in a string under it).
func appendSensitiveJSON(out []string, data []byte, extra []string, all bool) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return out
	}
	return appendSensitiveValue(out, v, extra, all)
}

func appendSensitiveValue(out []string, v any, extra []string, all bool) []string {
	switch x := v.(type) {
	case map[string]any:
		for k, vv := range x {
			out = appendSensitiveValue(out, vv, extra, IsSensitive(k, extra...))
		}
	case []any:
		for _, vv := range x {
			out = appendSensitiveValue(out, vv, extra, all)
		}
	case string:
		if all {
			out = appendSensitiveText(out, x, extra)
		} else if t := strings.TrimSpace(x); t != "" && (t[0] == '{' || t[0] == '[') {
			// JSON text under an ordinary name: its sensitive names count.
			out = appendSensitiveJSON(out, []byte(t), extra, false)
		}
	case json.Number:
		if all {
			out = append(out, x.String())
		}
	}
	return out
}
