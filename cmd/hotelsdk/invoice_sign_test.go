package main

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The documentation's test vector (REFERENCE §3).
var docVector = []string{"invoice", "sign", "-app-id", "12345678", "-nonce", "b7c0ebd06e66454b867e73d8400ff882",
	"-timestamp", "1554366469041", "-secret", "abcdef"}

func TestInvoiceSignDocumentationVector(t *testing.T) {
	r := cmd(t, docVector...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "appId=12345678&nonceStr=b7c0ebd06e66454b867e73d8400ff882&signType=MD5&timestamp=1554366469041&key=***\n")
	assert.Contains(t, r.stdout, "sign = upper(hex(MD5(string to sign))) = 8AED3DCC696D89D628AA62719A66FBED\n")
	assert.Contains(t, r.stdout, `"sign":"8AED3DCC696D89D628AA62719A66FBED"`)
	assert.NotContains(t, r.stdout, "abcdef")

	r = cmd(t, append(docVector, "-sign-type", "sha1", "-json")...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var out invoiceSignOutput
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	// The documentation's SHA1 value is of the MD5 string; with signType
	// SHA1 the string itself says SHA1.
	sum := sha1.Sum([]byte("appId=12345678&nonceStr=b7c0ebd06e66454b867e73d8400ff882&signType=SHA1&timestamp=1554366469041&key=abcdef"))
	sha1Sign := strings.ToUpper(hex.EncodeToString(sum[:]))
	assert.Equal(t, invoiceSignOutput{
		StringToSign: "appId=12345678&nonceStr=b7c0ebd06e66454b867e73d8400ff882&signType=SHA1&timestamp=1554366469041&key=***",
		SignType:     "SHA1", SignedParams: "all", Sign: sha1Sign,
		Params: map[string]string{"appId": "12345678", "nonceStr": "b7c0ebd06e66454b867e73d8400ff882",
			"timestamp": "1554366469041", "signType": "SHA1", "sign": sha1Sign},
	}, out)
}

func TestInvoiceSignIdentityAndSecrets(t *testing.T) {
	const appSecret, accessSecret = "app-secret-Xy7", "access-secret-Qw3"
	in := invocation{now: time.UnixMilli(1554366469041), env: map[string]string{
		envInvoiceAppID: "app-1", envInvoiceAppSecret: appSecret, envInvoiceAccessSecret: accessSecret}}
	r := in.run(t, "invoice", "sign", "-access-key", "ak-1", "-nonce", "n1", "-json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var out invoiceSignOutput
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	assert.Equal(t, "accessKey=ak-1&accessSecret=***&appId=app-1&nonceStr=n1&signType=MD5&timestamp=1554366469041&key=***", out.StringToSign)
	assert.Equal(t, "***", out.Params["accessSecret"])
	assertNoSecret(t, r, appSecret, accessSecret)

	// core: only appId, nonceStr, signType and timestamp are signed.
	r = in.run(t, "invoice", "sign", "-user-no", "u-1", "-nonce", "n1", "-signed-params", "core", "-json")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	assert.Equal(t, "appId=app-1&nonceStr=n1&signType=MD5&timestamp=1554366469041&key=***", out.StringToSign)
	assert.Equal(t, "u-1", out.Params["userNo"])

	for name, args := range map[string][]string{
		"bad sign type":      {"-sign-type", "CRC32"},
		"bad signed params":  {"-signed-params", "some"},
		"key without secret": {"-access-key", "ak"},
	} {
		t.Run(name, func(t *testing.T) {
			env := invocation{env: map[string]string{envInvoiceAppID: "app-1", envInvoiceAppSecret: appSecret}}
			r := env.run(t, append([]string{"invoice", "sign"}, args...)...)
			assert.Equal(t, exitUsage, r.code, r.stdout)
			assertNoSecret(t, r, appSecret)
		})
	}
}

func TestInvoiceSignChecksABody(t *testing.T) {
	good := `{"appId":"12345678","nonceStr":"b7c0ebd06e66454b867e73d8400ff882","timestamp":"1554366469041","signType":"MD5","sign":"8aed3dcc696d89d628aa62719a66fbed","storeId":1}`
	r := invocation{stdin: good}.run(t, "invoice", "sign", "-file", "-", "-secret", "abcdef")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "verdict: the body's sign matches")

	bad := `{"appId":"12345678","nonceStr":"b7c0ebd06e66454b867e73d8400ff882","timestamp":"1554366469041","signType":"MD5","sign":"00"}`
	r = invocation{stdin: bad}.run(t, "invoice", "sign", "-file", "-", "-secret", "abcdef", "-json")
	require.Equal(t, exitFail, r.code, r.stderr)
	var out invoiceSignOutput
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &out))
	require.NotNil(t, out.Match)
	assert.False(t, *out.Match)
	assert.Equal(t, "00", out.Received)
	assert.Equal(t, "8AED3DCC696D89D628AA62719A66FBED", out.Sign)

	r = invocation{stdin: good}.run(t, "invoice", "sign", "-file", "-", "-secret", "abcdef", "-nonce", "x")
	assert.Equal(t, exitUsage, r.code)
	r = invocation{stdin: "{"}.run(t, "invoice", "sign", "-file", "-", "-secret", "abcdef")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "not a JSON object")
}
