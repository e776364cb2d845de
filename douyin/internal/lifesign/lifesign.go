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
	keys := make([]string, 0, len(query))
	for k := range query {
		if k != QuerySign {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	b.Grow(len(clientSecret) + 64 + len(body))
	b.WriteString(clientSecret)
	for _, k := range keys {
		for _, v := range query[k] {
			b.WriteByte('&')
			b.WriteString(k)
			b.WriteByte('=')
			b.WriteString(v)
		}
	}
	if body != nil {
		b.WriteString("&http_body=")
		b.Write(body)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// Verify reports whether sign (hex, either case) is the x-life-sign of
// query and body under clientSecret. It compares in constant time.
func Verify(clientSecret string, query url.Values, body []byte, sign string) bool {
	got, err := hex.DecodeString(strings.TrimSpace(sign))
	if err != nil || len(got) != sha256.Size {
		return false
	}
	want, _ := hex.DecodeString(Sign(clientSecret, query, body))
	return subtle.ConstantTimeCompare(got, want) == 1
}
