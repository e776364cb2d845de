package hotelsupply

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// DefaultClientType is the client type sent as "type": 5 is the H5 client,
// which logs in with mobile and password (the one to use from a server).
const DefaultClientType = 5

// Option configures a Client in NewClient. An option given a nil argument
// (WithHTTPClient(nil), WithTransport(nil), WithLogger(nil)) or a negative
// retry setting makes NewClient fail with an error naming the option; a nil
// Option is skipped. Values are checked together once every option has run,
// so NewClient reports all configuration problems at once.
type Option func(*config) error

type config struct {
	// tc holds the settings shared with the transport (base URL, HTTP
	// client, round tripper, logger, retry policy, hooks, user agent);
	// NewClient completes it and passes it to transport.New.
	tc         transport.Config
	uniacid    int64
	clientType int
	mid        int64
	mobile     string
	password   string
	uuid       string
	dateFormat DateFormat
}

// WithBaseURL sets the shop's API entry point,
// "https://HOST/addons/yun_shop/api.php". A bare "https://HOST" gets that
// path appended. Required.
func WithBaseURL(u string) Option { return func(c *config) error { c.tc.BaseURL = u; return nil } }

// WithUniacid sets the shop account id, sent as "i". Required.
func WithUniacid(id int64) Option { return func(c *config) error { c.uniacid = id; return nil } }

// WithClientType sets "type" (default DefaultClientType, 5).
func WithClientType(t int) Option { return func(c *config) error { c.clientType = t; return nil } }

// WithMemberID sets "mid", the referring member id, on every call.
func WithMemberID(mid int64) Option { return func(c *config) error { c.mid = mid; return nil } }

// WithCredentials sets the member's mobile and password. The client then
// logs in on its first call and again, once, whenever the shop answers
// "please log in". Both are secrets of the client: they never appear in
// logs, errors or when the Client is printed.
func WithCredentials(mobile, password string) Option {
	return func(c *config) error { c.mobile, c.password = mobile, password; return nil }
}

// WithUUID pins the shop session to md5(uuid) (the "uuid" parameter), an
// alternative to the session cookie; without credentials the session must
// already be logged in. The default sends uuid=0 (no pin).
func WithUUID(uuid string) Option { return func(c *config) error { c.uuid = uuid; return nil } }

// WithDateFormat selects the date form inside date_price: DateDMY
// ("19/03/2020", the wiki, default) or DateISO ("2020-03-19", the H5 front
// end).
func WithDateFormat(f DateFormat) Option {
	return func(c *config) error { c.dateFormat = f; return nil }
}

// WithHTTPClient sets the HTTP client (its timeout and transport are used;
// it is copied, never modified, and its cookie jar is ignored: each Client
// keeps its own). A nil client is an error.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("hotelsupply: WithHTTPClient: nil *http.Client")
		}
		c.tc.HTTPClient = hc
		return nil
	}
}

// WithTransport sets the HTTP round tripper (e.g. an httpmock transport).
// A nil round tripper is an error.
func WithTransport(rt http.RoundTripper) Option {
	return func(c *config) error {
		if rt == nil {
			return errors.New("hotelsupply: WithTransport: nil http.RoundTripper")
		}
		c.tc.RoundTripper = rt
		return nil
	}
}

// WithLogger logs one line per attempt, redacted (bodies at debug level).
// The default is silent; a nil logger is an error.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("hotelsupply: WithLogger: nil *slog.Logger")
		}
		c.tc.Logger = l
		return nil
	}
}

// WithRetryPolicy sets the retry policy for every call; zero fields keep
// their defaults. A policy that hotelsdk.RetryPolicy.Validate refuses (a
// negative value, more than hotelsdk.MaxRetryAttempts attempts) is an error
// matching hotelsdk.ErrInvalidRetryPolicy. Its Budget field sets the client's
// retry budget (hotelsdk.RetryBudget; on by default). It never makes
// CreateOrder repeat once it may have reached the shop.
func WithRetryPolicy(p hotelsdk.RetryPolicy) Option {
	return func(c *config) error {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("hotelsupply: WithRetryPolicy: %w", err)
		}
		c.tc.Retry = p
		return nil
	}
}

// WithHooks observes every attempt, redacted.
func WithHooks(h hotelsdk.Hooks) Option { return func(c *config) error { c.tc.Hooks = h; return nil } }

// WithUserAgent replaces the default User-Agent; "" keeps the default.
func WithUserAgent(ua string) Option {
	return func(c *config) error { c.tc.UserAgent = ua; return nil }
}
