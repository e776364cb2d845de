package invoice

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Option configures a Client.
type Option func(*config)

// config is what the options build; NewClient checks it as a whole.
type config struct {
	// tc holds the shared transport settings; NewClient adds the platform's
	// own (Platform, RedactKeys) and passes it to transport.New.
	tc transport.Config

	appID, appSecret        string
	userID, userNo          string
	accessKey, accessSecret string
	signType                SignType
	signedParams            SignedParams
	now                     func() time.Time
	nonce                   func() (string, error)
}

// WithBaseURL sets the API's base URL, e.g. "https://invoice.example.com"
// (required: the vendor publishes none). Paths such as /openapi/order/add
// are appended to it.
func WithBaseURL(u string) Option { return func(c *config) { c.tc.BaseURL = u } }

// WithHTTPClient sets the HTTP client; the SDK works on a copy of it.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.tc.HTTPClient = hc } }

// WithTransport sets the HTTP round tripper (an httpmock transport in
// tests, instrumentation in production).
func WithTransport(rt http.RoundTripper) Option { return func(c *config) { c.tc.RoundTripper = rt } }

// WithLogger logs one redacted line per attempt (debug level adds redacted
// bodies). Without it the client is silent.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.tc.Logger = l } }

// WithRetryPolicy sets the retry policy of every call (default: 3 attempts
// with full-jitter backoff). AddOrders is never repeated once the request may
// have reached the server, whatever the policy.
func WithRetryPolicy(p RetryPolicy) Option { return func(c *config) { c.tc.Retry = p } }

// WithHooks observes every attempt, redacted.
func WithHooks(h Hooks) Option { return func(c *config) { c.tc.Hooks = h } }

// WithUserAgent replaces the default User-Agent.
func WithUserAgent(ua string) Option { return func(c *config) { c.tc.UserAgent = ua } }

// WithApp sets the application's appId and app secret (both required). The
// secret only enters signatures.
func WithApp(appID, appSecret string) Option {
	return func(c *config) { c.appID, c.appSecret = appID, appSecret }
}

// WithUserID identifies the caller by userId. Exactly one of WithUserID,
// WithUserNo and WithAccessKey is required.
func WithUserID(id string) Option { return func(c *config) { c.userID = id } }

// WithUserNo identifies the caller by userNo.
func WithUserNo(no string) Option { return func(c *config) { c.userNo = no } }

// WithAccessKey identifies the caller by accessKey and accessSecret (both
// are sent in the body, as the platform requires).
func WithAccessKey(key, secret string) Option {
	return func(c *config) { c.accessKey, c.accessSecret = key, secret }
}

// WithSignType selects the signature digest: SignMD5 (default), SignSHA1 or
// SignSHA256.
func WithSignType(t SignType) Option { return func(c *config) { c.signType = t } }

// WithSignedParams selects which authentication parameters are signed:
// SignAllAuthParams (default) or SignCoreParams.
func WithSignedParams(p SignedParams) Option { return func(c *config) { c.signedParams = p } }

// WithClock replaces the clock that stamps each attempt (tests).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithNonceSource replaces the source of nonceStr (default RandomNonce);
// it is called once per attempt and must not return "".
func WithNonceSource(f func() (string, error)) Option { return func(c *config) { c.nonce = f } }
