// Package lifesign computes and checks the x-life-sign Douyin puts on its
// SPI calls (developer.open-douyin.com, "SPI签名机制说明"). It is shared by
// the SPI handler (douyin/spi) and the sandbox that plays Douyin
// (douyin/douyintest).
package lifesign

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// Names Douyin uses to sign its SPI calls: the query carries client_key and
// timestamp (ms), the headers the client key and the signature.
const (
	HeaderClientKey = "X-Life-Clientkey" // x-life-clientkey
	HeaderSign      = "X-Life-Sign"      // x-life-sign
	// HeaderLogID carries Douyin's id of the call; the handler echoes it
	// as extra.logid.
	HeaderLogID = "X-Bytedance-Logid"

	QueryClientKey = "client_key"
	QueryTimestamp = "timestamp"
	QuerySign      = "sign" // the old-style signature, never part of x-life-sign
)

// Param is one query parameter: its decoded name and value.
type Param struct{ Key, Value string }

// maxFastParams bounds the parameters ParseQuery reads by itself; a query
// with more is read by url.ParseQuery, its limits included.
const maxFastParams = 32

// ParseQuery appends the parameters of the raw query to dst, in the order
// of the query, read exactly as url.ParseQuery reads them (a part with a
// semicolon or a bad escape is skipped, "+" is a space), without building
// a map: the handler checks calls with it. A query with more than
// maxFastParams parameters is read by url.ParseQuery, and its parameters
// are appended sorted by name.
func ParseQuery(dst []Param, raw string) []Param {
	if strings.Count(raw, "&") >= maxFastParams {
		return AppendValues(dst, mustParse(raw))
	}
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" || strings.Contains(part, ";") {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, err := url.QueryUnescape(k)
		if err != nil {
			continue
		}
		if v, err = url.QueryUnescape(v); err != nil {
			continue
		}
		dst = append(dst, Param{Key: k, Value: v})
	}
	return dst
}

func mustParse(raw string) url.Values {
	v, _ := url.ParseQuery(raw) // the parameters read before an error are kept
	return v
}

// AppendValues appends the parameters of query to dst, sorted by name
// (repeated names keep their order).
func AppendValues(dst []Param, query url.Values) []Param {
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range query[k] {
			dst = append(dst, Param{Key: k, Value: v})
		}
	}
	return dst
}

// Get returns the first value of the parameter key, "" when absent (as
// url.Values.Get).
func Get(params []Param, key string) string {
	for _, p := range params {
		if p.Key == key {
			return p.Value
		}
	}
	return ""
}

// Sign computes the x-life-sign of an SPI call:
//
//	hex(sha256(clientSecret + "&" + "k1=v1&k2=v2..." + "&http_body=" + body))
//
// where the k=v pairs are every query parameter except "sign", sorted by
// name (repeated names keep their order), with their decoded values. body is
// the raw request body exactly as sent or received: never re-serialise the
// JSON. A nil body (a GET) adds no http_body part; an empty non-nil body
// adds "&http_body=".
func Sign(clientSecret string, query url.Values, body []byte) string {
	var buf [16]Param
	sum := Sum(clientSecret, AppendValues(buf[:0], query), body)
	return hex.EncodeToString(sum[:])
}

// Sum is the SHA-256 digest that Sign writes in hex, over params in any
// order: Sum sorts params by name, keeping the order of repeated names.
func Sum(clientSecret string, params []Param, body []byte) [sha256.Size]byte {
	slices.SortStableFunc(params, func(a, b Param) int { return strings.Compare(a.Key, b.Key) })
	n := len(clientSecret) + len(body) + len("&http_body=")
	for _, p := range params {
		n += len(p.Key) + len(p.Value) + 2
	}
	var small [2048]byte // the message of a usual call, on the stack
	b := small[:0]
	if n > len(small) {
		b = make([]byte, 0, n)
	}
	b = append(b, clientSecret...)
	for _, p := range params {
		if p.Key == QuerySign {
			continue
		}
		b = append(b, '&')
		b = append(b, p.Key...)
		b = append(b, '=')
		b = append(b, p.Value...)
	}
	if body != nil {
		b = append(b, "&http_body="...)
		b = append(b, body...)
	}
	return sha256.Sum256(b)
}

// Verify reports whether sign (hex, either case) is the x-life-sign of
// query and body under clientSecret. It compares in constant time.
func Verify(clientSecret string, query url.Values, body []byte, sign string) bool {
	var buf [16]Param
	return VerifyParams(clientSecret, AppendValues(buf[:0], query), body, sign)
}

// VerifyParams is Verify over the parameters ParseQuery read; it sorts
// params as Sum does.
func VerifyParams(clientSecret string, params []Param, body []byte, sign string) bool {
	got, ok := decodeHexSum(strings.TrimSpace(sign))
	if !ok {
		return false
	}
	want := Sum(clientSecret, params, body)
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// decodeHexSum decodes 64 hex digits of either case, as hex.DecodeString
// would, without allocating.
func decodeHexSum(s string) (sum [sha256.Size]byte, ok bool) {
	if len(s) != 2*sha256.Size {
		return sum, false
	}
	for i := range sum {
		hi, ok1 := fromHex(s[2*i])
		lo, ok2 := fromHex(s[2*i+1])
		if !ok1 || !ok2 {
			return sum, false
		}
		sum[i] = hi<<4 | lo
	}
	return sum, true
}

func fromHex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
