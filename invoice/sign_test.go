package invoice

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docParams are the parameters of the documentation's worked example.
func docParams(t SignType) AuthParams {
	return AuthParams{AppID: docAppID, NonceStr: docNonce, SignType: t, Timestamp: "1554366469041"}
}

func TestSignDocumentationVectors(t *testing.T) {
	t.Parallel()
	const stringSignTemp = "appId=12345678&nonceStr=b7c0ebd06e66454b867e73d8400ff882&signType=MD5&timestamp=1554366469041&key=abcdef"
	p := docParams(SignMD5)
	for _, set := range []SignedParams{SignAllAuthParams, SignCoreParams} {
		assert.Equal(t, stringSignTemp, p.StringToSign(set, docSecret))
	}
	sign, err := p.ComputeSign(SignAllAuthParams, docSecret)
	require.NoError(t, err)
	assert.Equal(t, docMD5, sign)

	// The documentation's SHA1 vector is the SHA1 of the same string (with
	// signType=MD5 in it), so it is checked on the digest itself.
	assert.Equal(t, docSHA1, upperHex(sha1.New(), stringSignTemp))
}

func TestSignedSets(t *testing.T) {
	t.Parallel()
	p := docParams(SignSHA256)
	p.UserID, p.UserNo, p.AccessKey, p.AccessSecret = "u", "n", "k", "s"
	p.Sign = "ignored"
	assert.Equal(t, "accessKey=k&accessSecret=s&appId=12345678&nonceStr="+docNonce+
		"&signType=SHA256&timestamp=1554366469041&userId=u&userNo=n&key=abcdef", p.StringToSign(SignAllAuthParams, docSecret))
	assert.Equal(t, "appId=12345678&nonceStr="+docNonce+"&signType=SHA256&timestamp=1554366469041&key=abcdef",
		p.StringToSign(SignCoreParams, docSecret))
}

func TestVerifySign(t *testing.T) {
	t.Parallel()
	p := docParams(SignMD5)
	p.Sign = docMD5
	assert.True(t, p.VerifySign(SignCoreParams, docSecret))
	p.Sign = strings.ToLower(docMD5)
	assert.True(t, p.VerifySign(SignCoreParams, docSecret), "hex case does not matter")
	assert.False(t, p.VerifySign(SignCoreParams, "other-secret"))
	p.Timestamp = "1554366469042"
	assert.False(t, p.VerifySign(SignCoreParams, docSecret), "a changed parameter breaks the signature")

	bad := docParams("HMAC")
	_, err := bad.ComputeSign(SignAllAuthParams, docSecret)
	assert.EqualError(t, err, `invoice: unknown signType "HMAC" (want MD5, SHA1 or SHA256)`)
	assert.False(t, bad.VerifySign(SignAllAuthParams, docSecret))
	assert.False(t, SignType("").Valid())
	assert.True(t, SignSHA1.Valid())
}

func TestRandomNonce(t *testing.T) {
	t.Parallel()
	a, err := RandomNonce()
	require.NoError(t, err)
	b, err := RandomNonce()
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{32}$`, a)
	assert.NotEqual(t, a, b)
}

// TestSignKnownAnswers pins each digest to a value computed outside Go
// (coreutils sha1sum, sha256sum, md5sum) over the documentation's parameters.
func TestSignKnownAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		signType SignType
		set      SignedParams
		userID   string
		want     string
	}{
		{SignMD5, SignCoreParams, "u-1001", docMD5},
		{SignMD5, SignAllAuthParams, "u-1001", "F1455DD4F346AA5D3035E33C9973E3E4"},
		{SignSHA1, SignAllAuthParams, "", "0D8EF728821E0B97B58C939F25B16A2F904381A3"},
		{SignSHA256, SignCoreParams, "u-1001", "2C01E4D640643F2AEB3013271A6A08382C0F46A741BA5B295B978FE9ECB848B8"},
	}
	for _, tt := range tests {
		p := docParams(tt.signType)
		p.UserID = tt.userID
		got, err := p.ComputeSign(tt.set, docSecret)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "%s/%d", tt.signType, tt.set)
	}
}

// AuthParams carry the access key, the access secret and the signature:
// printing or logging them must mask all three (issue 10 §3), while the
// JSON encoding, which is the wire, keeps them.
func TestAuthParamsMaskThemselves(t *testing.T) {
	t.Parallel()
	p := AuthParams{AppID: docAppID, AccessKey: "AK-7", AccessSecret: "ACCESS-SECRET-7", NonceStr: docNonce,
		Timestamp: "1554366469041", SignType: SignMD5, Sign: docMD5}
	secrets := []string{"AK-7", "ACCESS-SECRET-7", docMD5}
	want := "invoice.AuthParams{appId=12345678, userId=, userNo=, accessKey=***, accessSecret=***, nonceStr=" + docNonce +
		", timestamp=1554366469041, signType=MD5, sign=***}"
	for _, format := range []string{"%v", "%+v", "%s", "%#v"} {
		assert.Equal(t, want, fmt.Sprintf(format, p), format)
		assert.Equal(t, want, fmt.Sprintf(format, &p), format)
	}
	for name, newHandler := range map[string]func(io.Writer) slog.Handler{
		"text": func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
		"json": func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Info("auth", "auth", p, "ptr", &p)
		for _, s := range secrets {
			assert.NotContains(t, buf.String(), s, name)
		}
		assert.Contains(t, buf.String(), "12345678", name)
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	for _, s := range secrets {
		assert.Contains(t, string(b), s, "the wire keeps the credentials")
	}
	assert.Equal(t, "", AuthParams{}.LogValue().Group()[3].Value.String(), "an absent credential is not shown as ***")
}
