package lifesign

import (
	"net/url"
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
