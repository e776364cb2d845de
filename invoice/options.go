package invoice

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Option configures a Client in NewClient. An option given a nil argument
// (WithHTTPClient(nil), WithTransport(nil), WithLogger(nil), WithClock(nil),
// WithNonceSource(nil)) makes NewClient fail, naming the option: nil is
// never taken to mean "the default".
type Option func(*config) error

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

// optionError is the error of an option given an unusable argument; it
// matches ErrInvalidConfig.
func optionError(option, problem string) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalidConfig, option, problem)
}

// set returns an Option that cannot fail.
func set(f func(*config)) Option { return func(c *config) error { f(c); return nil } }

// WithBaseURL sets the API's base URL, e.g. "https://invoice.example.com"
// (required: the vendor publishes none). Paths such as /openapi/order/add
// are appended to it.
func WithBaseURL(u string) Option { return set(func(c *config) { c.tc.BaseURL = u }) }

// WithHTTPClient sets the HTTP client; the SDK works on a copy of it, on
// which redirects are never followed (its CheckRedirect is replaced: a
// redirect would resend the signed body elsewhere). A nil client is an
// error.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return optionError("WithHTTPClient", "nil *http.Client")
		}
		c.tc.HTTPClient = hc
		return nil
	}
}

// WithTransport sets the HTTP round tripper (an httpmock transport in
// tests, instrumentation in production). A nil round tripper is an error.
func WithTransport(rt http.RoundTripper) Option {
	return func(c *config) error {
		if rt == nil {
			return optionError("WithTransport", "nil http.RoundTripper")
		}
		c.tc.RoundTripper = rt
		return nil
	}
}

// WithLogger logs one redacted line per attempt (debug level adds redacted
// bodies). Without it the client is silent; a nil logger is an error.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return optionError("WithLogger", "nil *slog.Logger")
		}
		c.tc.Logger = l
		return nil
	}
}

// WithRetryPolicy sets the retry policy of every call (default: 3 attempts
// with full-jitter backoff). AddOrders is never repeated once the request may
// have reached the server, whatever the policy. Its Budget field sets the
// client's retry budget (hotelsdk.RetryBudget; on by default).
//
// A policy that hotelsdk.RetryPolicy.Validate refuses (a negative value, too
// many attempts) makes NewClient fail with an error matching both
// ErrInvalidConfig and hotelsdk.ErrInvalidRetryPolicy.
func WithRetryPolicy(p hotelsdk.RetryPolicy) Option {
	return func(c *config) error {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("%w: WithRetryPolicy: %w", ErrInvalidConfig, err)
		}
		c.tc.Retry = p
		return nil
	}
}

// WithHooks observes every attempt, redacted.
func WithHooks(h hotelsdk.Hooks) Option { return set(func(c *config) { c.tc.Hooks = h }) }

// WithUserAgent replaces the default User-Agent.
func WithUserAgent(ua string) Option { return set(func(c *config) { c.tc.UserAgent = ua }) }

// WithApp sets the application's appId and app secret (both required). The
// secret only enters signatures.
func WithApp(appID, appSecret string) Option {
	return set(func(c *config) { c.appID, c.appSecret = appID, appSecret })
}

// WithUserID identifies the caller by userId. Exactly one of WithUserID,
// WithUserNo and WithAccessKey is required; "" withdraws the identity.
func WithUserID(id string) Option { return set(func(c *config) { c.userID = id }) }

// WithUserNo identifies the caller by userNo; "" withdraws it.
func WithUserNo(no string) Option { return set(func(c *config) { c.userNo = no }) }

// WithAccessKey identifies the caller by accessKey and accessSecret (both
// are sent in the body, as the platform requires).
func WithAccessKey(key, secret string) Option {
	return set(func(c *config) { c.accessKey, c.accessSecret = key, secret })
}

// WithSignType selects the signature digest: SignMD5 (default), SignSHA1 or
// SignSHA256.
func WithSignType(t SignType) Option { return set(func(c *config) { c.signType = t }) }

// WithSignedParams selects which authentication parameters are signed:
// SignAllAuthParams (default) or SignCoreParams.
func WithSignedParams(p SignedParams) Option { return set(func(c *config) { c.signedParams = p }) }

// WithClock replaces the clock that stamps each attempt (tests). A nil
// clock is an error.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return optionError("WithClock", "nil clock")
		}
		c.now = now
		return nil
	}
}

// WithNonceSource replaces the source of nonceStr (default RandomNonce);
// it is called once per attempt and must not return "". A nil source is an
// error.
func WithNonceSource(f func() (string, error)) Option {
	return func(c *config) error {
		if f == nil {
			return optionError("WithNonceSource", "nil nonce source")
		}
		c.nonce = f
		return nil
	}
}
