package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey    = "test-client-key"
	testSecret = "Zq9-very-secret-client-secret"
	testTS     = 1624293280123
)

var testBody = `{"order_id":"DY1","spu_ext_id":"1385-4499","status":0,"reserve_amount":1,"check_in":"20300101","check_out":"20300102","total_price":100}`

func TestSignatureIsWhatTheSDKSigns(t *testing.T) {
	at := time.UnixMilli(testTS)
	for _, tc := range []struct {
		extra url.Values
		body  []byte
	}{
		{url.Values{}, []byte(`{}`)},
		{url.Values{"b": {"2", "1"}, "a": {"x y&z"}, "sign": {"old"}}, []byte("{\"a\":1}\n")},
		{url.Values{"z": {""}}, []byte{}},
	} {
		req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/x?"+tc.extra.Encode(), bytes.NewReader(tc.body))
		require.NoError(t, err)
		require.NoError(t, douyintest.SignSPIRequest(req, testKey, testSecret, at))
		q := req.URL.Query()
		sig := req.Header.Get(headerSign)
		assert.Equal(t, sig, signSPI(testSecret, q, tc.body), spiSignedPart(q, tc.body))
		assert.True(t, verifySPI(testSecret, q, tc.body, strings.ToUpper(sig)))
		assert.False(t, verifySPI(testSecret+"x", q, tc.body, sig))
		assert.False(t, verifySPI(testSecret, q, tc.body, "zz"))
	}
}

func TestDouyinSign(t *testing.T) {
	in := invocation{now: time.UnixMilli(testTS)}
	r := in.run(t, "douyin", "sign", "-url", "https://hotel.example.com/douyin/poi/ext/hotel/order/commit?x=1",
		"-key", testKey, "-secret", testSecret, "-body", testBody)
	require.Equal(t, exitOK, r.code, r.stderr)
	q := url.Values{"client_key": {testKey}, "timestamp": {"1624293280123"}, "x": {"1"}}
	want := signSPI(testSecret, q, []byte(testBody))
	assert.Contains(t, r.stdout, "POST https://hotel.example.com/douyin/poi/ext/hotel/order/commit?client_key="+testKey+"&timestamp=1624293280123&x=1\n")
	assert.Contains(t, r.stdout, "X-Life-Sign: "+want+"\n")
	assert.Contains(t, r.stdout, "***&client_key="+testKey+"&timestamp=1624293280123&x=1&http_body="+testBody+"\n")
	assert.Contains(t, r.stdout, "curl -sS -X POST 'https://hotel.example.com/douyin/poi/ext/hotel/order/commit?client_key=")
	assert.Contains(t, r.stdout, "--data-binary '"+testBody+"'")
	assertNoSecret(t, r, testSecret)

	t.Run("json", func(t *testing.T) {
		r := in.run(t, "douyin", "sign", "-json", "-url", "http://127.0.0.1:1/x", "-key", testKey, "-secret", testSecret, "-body", testBody)
		require.Equal(t, exitOK, r.code, r.stderr)
		var out map[string]any
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
		sig := signSPI(testSecret, url.Values{"client_key": {testKey}, "timestamp": {"1624293280123"}}, []byte(testBody))
		assert.Equal(t, map[string]any{
			"method": "POST", "url": "http://127.0.0.1:1/x?client_key=" + testKey + "&timestamp=1624293280123",
			"headers":   map[string]any{"Content-Type": "application/json", "X-Life-Clientkey": testKey, "X-Life-Sign": sig},
			"timestamp": float64(testTS), "string_to_sign": "***&client_key=" + testKey + "&timestamp=1624293280123&http_body=" + testBody,
			"signature": sig, "body_bytes": float64(len(testBody)),
		}, out)
		assertNoSecret(t, r, testSecret)
	})

	t.Run("secret from the environment, the body from a file with a final newline", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "body.json")
		require.NoError(t, os.WriteFile(path, []byte(testBody+"\n"), 0o600))
		env := invocation{now: time.UnixMilli(testTS), env: map[string]string{envDouyinClientKey: testKey, envDouyinClientSecret: testSecret}}
		r := env.run(t, "douyin", "sign", "-url", "http://127.0.0.1:1/x", "-file", path)
		require.Equal(t, exitOK, r.code, r.stderr)
		sig := signSPI(testSecret, url.Values{"client_key": {testKey}, "timestamp": {"1624293280123"}}, []byte(testBody+"\n"))
		assert.Contains(t, r.stdout, "X-Life-Sign: "+sig)
		assert.Contains(t, r.stdout, "ends with 1 whitespace byte(s)")
		assert.Contains(t, r.stdout, "--data-binary '@"+path+"'")
		assertNoSecret(t, r, testSecret)
	})

	t.Run("secret from stdin", func(t *testing.T) {
		r := invocation{now: time.UnixMilli(testTS), stdin: testSecret + "\n"}.run(t,
			"douyin", "sign", "-url", "http://127.0.0.1:1/x", "-key", testKey, "-secret", "-", "-body", testBody)
		require.Equal(t, exitOK, r.code, r.stderr)
		sig := signSPI(testSecret, url.Values{"client_key": {testKey}, "timestamp": {"1624293280123"}}, []byte(testBody))
		assert.Contains(t, r.stdout, "X-Life-Sign: "+sig)
		assertNoSecret(t, r, testSecret)
	})
}

func TestDouyinSignUsageErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		in   invocation
		args []string
		want string
	}{
		"no secret":        {invocation{}, []string{"-url", "http://h/x", "-key", "k", "-body", "{}"}, envDouyinClientSecret},
		"no body":          {invocation{}, []string{"-url", "http://h/x", "-key", "k", "-secret", testSecret}, "the body is required"},
		"two bodies":       {invocation{}, []string{"-url", "http://h/x", "-key", "k", "-secret", testSecret, "-body", "{}", "-file", "x"}, "not both"},
		"relative url":     {invocation{}, []string{"-url", "/x", "-key", "k", "-secret", testSecret, "-body", "{}"}, "absolute http(s) URL"},
		"stdin twice":      {invocation{stdin: testSecret}, []string{"-url", "http://h/x", "-key", "k", "-secret", "-", "-file", "-"}, "both want standard input"},
		"empty stdin":      {invocation{}, []string{"-url", "http://h/x", "-key", "k", "-secret", "-", "-body", "{}"}, "standard input is empty"},
		"missing file":     {invocation{}, []string{"-url", "http://h/x", "-key", "k", "-secret", testSecret, "-file", "/nonexistent/b.json"}, "no such file"},
		"extra positional": {invocation{}, []string{"-url", "http://h/x", "-key", "k", "-secret", testSecret, "-body", "{}", "x"}, "unexpected arguments"},
	} {
		t.Run(name, func(t *testing.T) {
			r := tc.in.run(t, append([]string{"douyin", "sign"}, tc.args...)...)
			assert.Equal(t, exitUsage, r.code)
			assert.Contains(t, r.stderr, tc.want)
			assert.Empty(t, r.stdout)
			assertNoSecret(t, r, testSecret)
		})
	}
}

// signedURL returns a URL and x-life-sign as Douyin would send them at ts.
func signedURL(t *testing.T, body string, ts int64) (string, string) {
	t.Helper()
	req, err := newSignedSPIRequest("https://hotel.example.com/douyin/poi/ext/hotel/order/commit", testKey, testSecret, []byte(body), time.UnixMilli(ts))
	require.NoError(t, err)
	return req.URL.String(), req.Header.Get(headerSign)
}

func TestDouyinVerify(t *testing.T) {
	now := time.UnixMilli(testTS).Add(time.Minute)
	in := invocation{now: now}
	u, sig := signedURL(t, testBody, testTS)
	verify := func(t *testing.T, in invocation, extra ...string) result {
		t.Helper()
		return in.run(t, append([]string{"douyin", "verify", "-key", testKey, "-secret", testSecret}, extra...)...)
	}

	t.Run("valid", func(t *testing.T) {
		r := verify(t, in, "-url", u, "-sign", sig, "-header-key", testKey, "-body", testBody)
		require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
		assert.Contains(t, r.stdout, "ok    signature         x-life-sign matches\n")
		assert.Contains(t, r.stdout, "ok    timestamp         2021-06-21T16:34:40.123Z (1m0s old, window 5m0s old to 30s ahead)\n")
		assert.Contains(t, r.stdout, "verdict: the request is signed correctly\n")
		assertNoSecret(t, r, testSecret)
	})

	for name, tc := range map[string]struct {
		in     invocation
		args   []string
		failed string
		detail string
	}{
		"wrong secret": {invocation{now: now}, []string{"-url", u, "-sign", sign64("0"), "-body", testBody}, "signature",
			"no usual mistake explains it"},
		"body changed": {invocation{now: now}, []string{"-url", u, "-sign", sig, "-body", testBody + " "}, "signature",
			"the signer and the sent body differ by a final newline"},
		"stale": {invocation{now: now.Add(time.Hour)}, []string{"-url", u, "-sign", sig, "-body", testBody}, "timestamp",
			"1h1m0s old, outside the window (5m0s old to 30s ahead)"},
		"seconds": {invocation{now: now}, []string{"-url", strings.Replace(u, "1624293280123", "1624293280", 1), "-sign", sig, "-body", testBody}, "timestamp",
			"it looks like seconds"},
		"other key": {invocation{now: now}, []string{"-url", u, "-sign", sig, "-header-key", "someone-else", "-body", testBody}, "client_key",
			`the x-life-clientkey header "someone-else" is not your client key`},
		"no sign": {invocation{now: now}, []string{"-url", u, "-body", testBody}, "sign_present", "header missing"},
		"no key": {invocation{now: now}, []string{"-url", "https://h/x?timestamp=1624293280123", "-sign", sig, "-body", testBody}, "client_key",
			"neither the x-life-clientkey header nor the client_key query parameter"},
	} {
		t.Run(name, func(t *testing.T) {
			r := verify(t, tc.in, tc.args...)
			require.Equal(t, exitFail, r.code, r.stdout+r.stderr)
			assert.Contains(t, r.stdout, "verdict: FAILED at "+tc.failed+"\n")
			assert.Contains(t, r.stdout, tc.detail)
			assertNoSecret(t, r, testSecret)

			r = verify(t, tc.in, append(tc.args, "-json")...)
			require.Equal(t, exitFail, r.code)
			var out verifyOutput
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &out), r.stdout)
			assert.False(t, out.OK)
			assert.Equal(t, tc.failed, out.Failed)
			assert.True(t, strings.HasPrefix(out.StringToSign, "***&"), out.StringToSign)
			assertNoSecret(t, r, testSecret)
		})
	}

	t.Run("signed, but a body the SDK handler rejects", func(t *testing.T) {
		u, sig := signedURL(t, `{"order_id":"DY1"}`, testTS)
		r := verify(t, in, "-url", u, "-sign", sig, "-body", `{"order_id":"DY1"}`)
		require.Equal(t, exitFail, r.code)
		assert.Contains(t, r.stdout, "ok    signature")
		assert.Contains(t, r.stdout, "FAIL  sdk_handler       the SDK's SPI handler would reject it: ")
		assert.Contains(t, r.stdout, "reserve_amount: is required")
		assert.Contains(t, r.stdout, "verdict: FAILED at sdk_handler")
	})

	t.Run("a timestamp ahead of the clock", func(t *testing.T) {
		r := verify(t, invocation{now: time.UnixMilli(testTS).Add(-time.Minute)}, "-url", u, "-sign", sig, "-body", testBody)
		require.Equal(t, exitFail, r.code)
		assert.Contains(t, r.stdout, "1m0s in the future, outside the window (5m0s old to 30s ahead)")
		r = verify(t, invocation{now: time.UnixMilli(testTS).Add(-time.Minute)}, "-url", u, "-sign", sig, "-body", testBody, "-future", "2m")
		assert.Equal(t, exitOK, r.code, r.stdout)
	})

	t.Run("a raw request dump", func(t *testing.T) {
		req, err := newSignedSPIRequest("http://127.0.0.1:8080/douyin/poi/ext/hotel/order/commit", testKey, testSecret, []byte(testBody), time.UnixMilli(testTS))
		require.NoError(t, err)
		dump, err := httputil.DumpRequest(req, true)
		require.NoError(t, err)
		r := invocation{now: now, stdin: string(dump)}.run(t, "douyin", "verify", "-request", "-", "-key", testKey, "-secret", testSecret, "-json")
		require.Equal(t, exitOK, r.code, r.stdout+r.stderr)
		var out verifyOutput
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
		assert.True(t, out.OK)
		var names []string
		for _, c := range out.Checks {
			names = append(names, c.Name)
			assert.True(t, c.OK, c)
		}
		assert.Equal(t, []string{"method", "content_type", "client_key", "sign_present", "timestamp", "signature", "sdk_handler"}, names)
		assert.Contains(t, r.stdout, "the SDK's SPI handler accepts it as *spi.CommitOrderRequest")

		// A hand-made capture without Content-Length and with bare newlines.
		hand := strings.ReplaceAll(string(dump), "\r\n", "\n")
		hand = strings.Replace(hand, fmt.Sprintf("Content-Length: %d\n", len(testBody)), "", 1)
		r = invocation{now: now, stdin: hand}.run(t, "douyin", "verify", "-request", "-", "-key", testKey, "-secret", testSecret)
		assert.Equal(t, exitOK, r.code, r.stdout+r.stderr)

		// Combining -request with the other inputs is a usage error.
		r = invocation{now: now, stdin: string(dump)}.run(t, "douyin", "verify", "-request", "-", "-sign", "x", "-key", testKey, "-secret", testSecret)
		assert.Equal(t, exitUsage, r.code)
	})
}

func TestSignatureHints(t *testing.T) {
	q := url.Values{"client_key": {testKey}, "timestamp": {"1"}, "sign": {"legacy"}, "note": {"a b"}}
	body := []byte("{\n  \"a\": 1\n}")
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, body))
	for name, tc := range map[string]struct {
		sign string
		want string
	}{
		"no body":      {signSPI(testSecret, q, nil), `without the "&http_body=" part`},
		"compacted":    {signSPI(testSecret, q, compact.Bytes()), "re-serialised body"},
		"sign kept":    {sha256Hex(testSecret + signedPart(q, body, false)), `"sign" query parameter included`},
		"encoded":      {signEncodedValues(testSecret, q, body), "URL-encoded query values"},
		"not a sha256": {"abc", "not 64 hex digits"},
	} {
		t.Run(name, func(t *testing.T) {
			hints := signatureHints(receivedRequest{query: q, body: body, sign: tc.sign}, testSecret)
			assert.Contains(t, strings.Join(hints, "\n"), tc.want)
		})
	}
}

func sign64(c string) string { return strings.Repeat(c, 64) }
