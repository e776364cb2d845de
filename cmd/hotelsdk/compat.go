package main

// The SDK names this command builds on, in one place: the SPI signing
// helpers and the Douyin client move between packages while the API is
// reshaped (issue 9), and only this file follows them.

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// sdkVersion is the SDK version this command was built from.
const sdkVersion = hotelsdk.Version

// Douyin's SPI wire names (developer.open-douyin.com, "SPI签名机制说明").
const (
	headerClientKey = "X-Life-Clientkey"
	headerSign      = "X-Life-Sign"
	headerLogID     = "X-Bytedance-Logid"
	queryClientKey  = "client_key"
	queryTimestamp  = "timestamp"
	querySign       = "sign"
)

// spiPaths maps the command's operation names to the SPI paths.
var spiPaths = map[string]string{
	"commit": spi.OpCommitOrder.Path(),
	"status": spi.OpNotifyPayment.Path(),
	"cancel": spi.OpCancelOrder.Path(),
}

// signSPI computes x-life-sign: hex(sha256(secret + spiSignedPart)). The
// SDK keeps its signer internal; a test checks this one against the
// requests douyintest signs.
func signSPI(secret string, q url.Values, body []byte) string {
	return sha256Hex(secret + spiSignedPart(q, body))
}

// verifySPI reports whether sign (hex, either case) is the x-life-sign of q
// and body, comparing in constant time.
func verifySPI(secret string, q url.Values, body []byte, sign string) bool {
	got, err := hex.DecodeString(strings.TrimSpace(sign))
	if err != nil || len(got) != sha256.Size {
		return false
	}
	want, _ := hex.DecodeString(signSPI(secret, q, body))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// newSignedSPIRequest is the SDK's request signed as Douyin signs it.
func newSignedSPIRequest(target, key, secret string, body []byte, at time.Time) (*http.Request, error) {
	return douyintest.NewSPIRequest(target, key, secret, body, at)
}

// clientToken is one fetched client token.
type clientToken struct {
	AccessToken string
	ExpiresIn   time.Duration
	RequestID   string
}

// fetchClientToken fetches a client token from the Douyin Open Platform (or
// a sandbox) at baseURL.
func fetchClientToken(ctx context.Context, baseURL, key, secret string, hc *http.Client) (*clientToken, error) {
	c, err := douyin.NewClient(douyin.WithBaseURL(baseURL), douyin.WithClientCredentials(key, secret),
		douyin.WithHTTPClient(hc))
	if err != nil {
		return nil, err
	}
	r, err := c.FetchClientToken(ctx)
	if err != nil {
		return nil, err
	}
	return &clientToken{AccessToken: r.Token.AccessToken, ExpiresIn: r.Token.ExpiresAt.Sub(r.Token.IssuedAt),
		RequestID: r.RequestID}, nil
}

// douyinProductionURL is the Open Platform, douyinOpenSandboxURL Douyin's
// own sandbox host.
const (
	douyinProductionURL  = douyin.DefaultBaseURL
	douyinOpenSandboxURL = douyin.SandboxBaseURL
)
