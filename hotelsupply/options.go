package hotelsupply

import (
	"log/slog"
	"net/http"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// DefaultClientType is the client type sent as "type": 5 is the H5 client,
// which logs in with mobile and password (the one to use from a server).
const DefaultClientType = 5

// Option configures a Client.
type Option func(*config)

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
func WithBaseURL(u string) Option { return func(c *config) { c.tc.BaseURL = u } }

// WithUniacid sets the shop account id, sent as "i". Required.
func WithUniacid(id int64) Option { return func(c *config) { c.uniacid = id } }

// WithClientType sets "type" (default DefaultClientType, 5).
func WithClientType(t int) Option { return func(c *config) { c.clientType = t } }

// WithMemberID sets "mid", the referring member id, on every call.
func WithMemberID(mid int64) Option { return func(c *config) { c.mid = mid } }

// WithCredentials sets the member's mobile and password. The client then
// logs in on its first call and again, once, whenever the shop answers
// "please log in".
func WithCredentials(mobile, password string) Option {
	return func(c *config) { c.mobile, c.password = mobile, password }
}

// WithUUID pins the shop session to md5(uuid) (the "uuid" parameter), an
// alternative to the session cookie; without credentials the session must
// already be logged in. The default sends uuid=0 (no pin).
func WithUUID(uuid string) Option { return func(c *config) { c.uuid = uuid } }

// WithDateFormat selects the date form inside date_price: DateDMY
// ("19/03/2020", the wiki, default) or DateISO ("2020-03-19", the H5 front
// end).
func WithDateFormat(f DateFormat) Option { return func(c *config) { c.dateFormat = f } }

// WithHTTPClient sets the HTTP client (its timeout and transport are used;
// it is copied, never modified, and its cookie jar is ignored: each Client
// keeps its own).
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.tc.HTTPClient = hc } }

// WithTransport sets the HTTP round tripper (e.g. an httpmock transport).
func WithTransport(rt http.RoundTripper) Option { return func(c *config) { c.tc.RoundTripper = rt } }

// WithLogger logs one line per attempt, redacted (bodies at debug level).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.tc.Logger = l } }

// WithRetryPolicy sets the retry policy for every call.
func WithRetryPolicy(p RetryPolicy) Option { return func(c *config) { c.tc.Retry = p } }

// WithHooks observes every attempt, redacted.
func WithHooks(h Hooks) Option { return func(c *config) { c.tc.Hooks = h } }

// WithUserAgent replaces the default User-Agent.
func WithUserAgent(ua string) Option { return func(c *config) { c.tc.UserAgent = ua } }
