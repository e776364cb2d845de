package lifesign

import (
	"bytes"
	"encoding/hex"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSignMatchesDouyinExample(t *testing.T) {
	t.Parallel()
	// REFERENCE §1: str1 = "yyyyyy&client_key=xxxxxx&timestamp=1624293280123&http_body=zzzzzz";
	// the digest is sha256sum of that literal string.
	q := url.Values{"timestamp": {"1624293280123"}, "client_key": {"xxxxxx"}}
	got := Sign("yyyyyy", q, []byte("zzzzzz"))
	assert.Equal(t, "1cb07147475e76d0a8b9f6c7e201c7d8cde1617fb9f5d7e576bec5268fa887ae", got)
}

func TestSignSortsByNameAndSkipsSign(t *testing.T) {
	t.Parallel()
	q := url.Values{
		"timestamp":  {"1"},
		"b":          {"x y"},
		"a_b":        {"2"},
		"client_key": {"ck"},
		"a":          {"1"},
		"sign":       {"old-style-signature"},
	}
	// sha256sum of: sec&a=1&a_b=2&b=x y&client_key=ck&timestamp=1&http_body={"order_id":"1"}
	got := Sign("sec", q, []byte(`{"order_id":"1"}`))
	assert.Equal(t, "ff93ed050d8f77aeea58025eedd532b3e4da78a22f10849a23bafe034d281593", got)
}

func TestSignNilBodyHasNoHTTPBodyPart(t *testing.T) {
	t.Parallel()
	// sha256sum of "sec"
	assert.Equal(t, "add93534eeb463800fe0ed0946048d33636dd2a014fab92e8a37f77ce98c740b", Sign("sec", nil, nil))
	assert.NotEqual(t, Sign("sec", nil, nil), Sign("sec", nil, []byte{}))
}

func TestVerify(t *testing.T) {
	t.Parallel()
	q := url.Values{"client_key": {"ck"}, "timestamp": {"1700000000000"}}
	body := []byte(`{"order_id":"1"}`)
	sig := Sign("secret", q, body)
	assert.True(t, Verify("secret", q, body, sig))
	assert.True(t, Verify("secret", q, body, strings.ToUpper(sig)), "hex case does not matter")
	assert.False(t, Verify("other", q, body, sig))
	assert.False(t, Verify("secret", q, []byte(`{"order_id":"2"}`), sig))
	assert.False(t, Verify("secret", q, []byte(`{"order_id": "1"}`), sig), "re-serialised JSON is a different body")
	assert.False(t, Verify("secret", q, body, ""))
	assert.False(t, Verify("secret", q, body, "zz"+sig[2:]))
	assert.False(t, Verify("secret", q, body, sig[:10]))
	q2 := url.Values{"client_key": {"ck"}, "timestamp": {"1700000000001"}}
	assert.False(t, Verify("secret", q2, body, sig))
}

// queryCases are raw queries ParseQuery must read as url.ParseQuery does.
var queryCases = []string{
	"", "&", "&&a=1&&", "client_key=ck&timestamp=1700000000000",
	"timestamp=1&client_key=ck&sign=old", "a=1&a=2&b=3&a=0", "a", "a=", "=v", "=",
	"a=x+y&b=%20z&c=%2B", "k%3D1=v%3D2", "a=1;b=2&c=3", "a=%zz&b=2", "%zz=1&b=2",
	"a=%E4%B8%AD&b=中", "a=1&A=2&_=3&a_b=4&ab=5",
	strings.Repeat("p=1&", 40) + "q=2", // more than maxFastParams: read by net/url
}

func sortedParams(ps []Param) []Param {
	out := append([]Param(nil), ps...)
	slices.SortStableFunc(out, func(a, b Param) int { return strings.Compare(a.Key, b.Key) })
	return out
}

func checkParseQuery(t *testing.T, raw string) {
	t.Helper()
	want, _ := url.ParseQuery(raw)
	got := ParseQuery(nil, raw)
	assert.Equal(t, AppendValues(nil, want), sortedParams(got), "query %q", raw)
	for k := range want {
		assert.Equal(t, want.Get(k), Get(got, k), "query %q, key %q", raw, k)
	}
	assert.Empty(t, Get(got, "absent"))
	body := []byte(`{"order_id":"1"}`)
	sig := Sign("secret", want, body)
	assert.True(t, VerifyParams("secret", got, body, sig), "query %q", raw)
	assert.Equal(t, sig, hex.EncodeToString(func() []byte { s := Sum("secret", ParseQuery(nil, raw), body); return s[:] }()))
}

func TestParseQueryReadsAsNetURL(t *testing.T) {
	t.Parallel()
	for _, raw := range queryCases {
		checkParseQuery(t, raw)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, raw := range queryCases {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) { checkParseQuery(t, raw) })
}

func TestVerifyParamsRefusesWhatVerifyRefuses(t *testing.T) {
	t.Parallel()
	q := url.Values{"client_key": {"ck"}, "timestamp": {"1700000000000"}}
	ps := ParseQuery(nil, q.Encode())
	body := []byte(`{"order_id":"1"}`)
	sig := Sign("secret", q, body)
	for _, s := range []string{sig, " " + strings.ToUpper(sig) + "\n", "", "zz" + sig[2:], sig[:62], sig + "00", sig[:63] + "g"} {
		assert.Equal(t, Verify("secret", q, body, s), VerifyParams("secret", ps, body, s), "sign %q", s)
	}
	assert.False(t, VerifyParams("secret", ps, []byte(`{"order_id":"2"}`), sig))
	assert.False(t, VerifyParams("secret", ParseQuery(nil, "client_key=ck&timestamp=1700000000001"), body, sig))
	long := bytes.Repeat([]byte("x"), 5000) // beyond the stack buffer
	assert.True(t, VerifyParams("secret", ps, long, Sign("secret", q, long)))
}
