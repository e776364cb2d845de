package invoice

import (
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// SignType names the digest of the signature; it travels as signType.
type SignType string

// The platform's sign types.
const (
	SignMD5    SignType = "MD5"
	SignSHA1   SignType = "SHA1"
	SignSHA256 SignType = "SHA256"
)

// newHash returns the digest for t, or nil for an unknown type.
func (t SignType) newHash() hash.Hash {
	switch t {
	case SignMD5:
		return md5.New()
	case SignSHA1:
		return sha1.New()
	case SignSHA256:
		return sha256.New()
	}
	return nil
}

// Valid reports whether t is one of the platform's sign types.
func (t SignType) Valid() bool { return t.newHash() != nil }

// SignedParams selects which authentication parameters enter the signature.
// The platform's documentation contradicts itself here (its table signs the
// identity parameters, a note says not to, its worked example has none).
type SignedParams int

const (
	// SignAllAuthParams signs every non-empty authentication parameter
	// except sign: appId, the identity (userId, userNo or accessKey and
	// accessSecret), nonceStr, signType and timestamp. This is the default,
	// following the documentation's table.
	SignAllAuthParams SignedParams = iota
	// SignCoreParams signs only appId, nonceStr, signType and timestamp.
	SignCoreParams
)

// AuthParams are the authentication parameters sent beside the business
// fields of every request body. The app secret is not among them: it only
// enters the signature.
type AuthParams struct {
	AppID        string   `json:"appId"`
	UserID       string   `json:"userId,omitempty"`
	UserNo       string   `json:"userNo,omitempty"`
	AccessKey    string   `json:"accessKey,omitempty"`
	AccessSecret string   `json:"accessSecret,omitempty"`
	NonceStr     string   `json:"nonceStr"`
	Timestamp    string   `json:"timestamp"` // milliseconds since the Unix epoch
	SignType     SignType `json:"signType"`
	Sign         string   `json:"sign"`
}

// String shows the parameters with accessKey, accessSecret and sign
// masked ("***"), so that printing them (%v, %+v, %s) or logging them
// never shows a credential. The JSON encoding is unchanged: it is the wire.
func (p AuthParams) String() string {
	return fmt.Sprintf("invoice.AuthParams{appId=%s, userId=%s, userNo=%s, accessKey=%s, accessSecret=%s, nonceStr=%s, timestamp=%s, signType=%s, sign=%s}",
		p.AppID, p.UserID, p.UserNo, mask(p.AccessKey), mask(p.AccessSecret), p.NonceStr, p.Timestamp, p.SignType, mask(p.Sign))
}

// GoString is String, for %#v.
func (p AuthParams) GoString() string { return p.String() }

// LogValue is a group of the parameters with the credentials masked, for
// log/slog (whose JSON handler would otherwise encode the struct as sent).
func (p AuthParams) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("appId", p.AppID), slog.String("userId", p.UserID), slog.String("userNo", p.UserNo),
		slog.String("accessKey", mask(p.AccessKey)), slog.String("accessSecret", mask(p.AccessSecret)),
		slog.String("nonceStr", p.NonceStr), slog.String("timestamp", p.Timestamp),
		slog.String("signType", string(p.SignType)), slog.String("sign", mask(p.Sign)))
}

// mask hides a credential: "***" when set, "" when not.
func mask(s string) string {
	if s == "" {
		return ""
	}
	return "***"
}

// signedPairs returns the name/value pairs that enter the signature.
func (p AuthParams) signedPairs(set SignedParams) [][2]string {
	pairs := [][2]string{
		{"appId", p.AppID}, {"nonceStr", p.NonceStr},
		{"signType", string(p.SignType)}, {"timestamp", p.Timestamp},
	}
	if set == SignAllAuthParams {
		pairs = append(pairs, [][2]string{
			{"userId", p.UserID}, {"userNo", p.UserNo},
			{"accessKey", p.AccessKey}, {"accessSecret", p.AccessSecret},
		}...)
	}
	out := pairs[:0]
	for _, kv := range pairs {
		if kv[1] != "" {
			out = append(out, kv)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// StringToSign returns stringSignTemp: the signed parameters sorted by name
// and joined as "k=v&k=v", followed by "&key=" and the app secret. It holds
// the secret: never log it.
func (p AuthParams) StringToSign(set SignedParams, appSecret string) string {
	var b strings.Builder
	for _, kv := range p.signedPairs(set) {
		b.WriteString(kv[0])
		b.WriteByte('=')
		b.WriteString(kv[1])
		b.WriteByte('&')
	}
	b.WriteString("key=")
	b.WriteString(appSecret)
	return b.String()
}

// ComputeSign returns the upper-case hex digest of StringToSign with the
// digest named by p.SignType.
func (p AuthParams) ComputeSign(set SignedParams, appSecret string) (string, error) {
	h := p.SignType.newHash()
	if h == nil {
		return "", fmt.Errorf("invoice: unknown signType %q (want MD5, SHA1 or SHA256)", string(p.SignType))
	}
	h.Write([]byte(p.StringToSign(set, appSecret)))
	return strings.ToUpper(hex.EncodeToString(h.Sum(nil))), nil
}

// VerifySign reports whether p.Sign is the signature of p, comparing in
// constant time and ignoring the case of the hex digits. Servers (and the
// invoicetest sandbox) use it.
func (p AuthParams) VerifySign(set SignedParams, appSecret string) bool {
	want, err := p.ComputeSign(set, appSecret)
	if err != nil {
		return false
	}
	got := strings.ToUpper(p.Sign)
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// RandomNonce returns 32 random lower-case hex characters from crypto/rand,
// the default nonceStr source.
func RandomNonce() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("invoice: nonce: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// sign puts this attempt's authentication parameters (new nonce, current
// timestamp, signature) in front of the business fields of a.Body.
func (c *Client) sign(_ context.Context, a *transport.Attempt) error {
	auth, err := c.authParams()
	if err != nil {
		return err
	}
	head, err := json.Marshal(auth)
	if err != nil {
		return fmt.Errorf("invoice: cannot encode auth parameters: %w", err)
	}
	body, err := mergeObjects(head, a.Body)
	if err != nil {
		return err
	}
	a.Body = body
	return nil
}

// authParams returns freshly stamped and signed authentication parameters.
func (c *Client) authParams() (AuthParams, error) {
	nonce, err := c.nonce()
	if err != nil {
		return AuthParams{}, fmt.Errorf("invoice: cannot make a nonce: %w", err)
	}
	if nonce == "" {
		return AuthParams{}, errors.New("invoice: the nonce source returned an empty nonceStr")
	}
	creds := c.creds()
	auth := creds.auth
	auth.NonceStr = nonce
	auth.Timestamp = strconv.FormatInt(c.now().UnixMilli(), 10)
	auth.Sign, err = auth.ComputeSign(c.signedParams, creds.appSecret)
	if err != nil {
		return AuthParams{}, err
	}
	return auth, nil
}

// mergeObjects joins two JSON objects into one: {a..., b...}. Each may
// have any JSON whitespace around and inside its braces ("{ }", indented
// members); an empty or absent b leaves a as it is. The key sets are
// disjoint here (auth parameters and business fields, which Raw checks), so
// nothing repeats. A b that is not an object is an error.
func mergeObjects(a, b []byte) ([]byte, error) {
	innerA, ok := objectMembers(a)
	if !ok {
		return nil, errors.New("invoice: the authentication parameters are not a JSON object")
	}
	if len(trimJSONSpace(b)) == 0 {
		return a, nil
	}
	innerB, ok := objectMembers(b)
	if !ok {
		return nil, errors.New("invoice: the request body is not a JSON object")
	}
	switch {
	case len(innerB) == 0:
		return a, nil
	case len(innerA) == 0:
		return b, nil
	}
	out := make([]byte, 0, len(innerA)+len(innerB)+3)
	out = append(out, '{')
	out = append(out, innerA...)
	out = append(out, ',')
	out = append(out, innerB...)
	return append(out, '}'), nil
}

// objectMembers returns what is between the braces of the JSON object obj,
// without the whitespace around it ("" for an empty object); ok is false
// when obj is not delimited by braces. obj is otherwise taken as valid.
func objectMembers(obj []byte) (members []byte, ok bool) {
	obj = trimJSONSpace(obj)
	if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
		return nil, false
	}
	return trimJSONSpace(obj[1 : len(obj)-1]), true
}

// trimJSONSpace trims JSON's whitespace (space, tab, CR, LF), and only
// that, from both ends of b.
func trimJSONSpace(b []byte) []byte {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}
