package hotelsupply

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"

	"github.com/google/go-querystring/query"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Routes of the shop, sent as the "route" query parameter.
const (
	RouteLogin    = "member.login.index"
	RouteGoodsBuy = "plugin.hotel-supply.frontend.goods-buy.index"
	RouteCreate   = "plugin.hotel-supply.frontend.create.index"
)

// Operation names used in errors, logs and hooks.
const (
	opLogin    = "login"
	opGoodsBuy = "goods-buy"
	opCreate   = "create"
	opBook     = "book"
)

// platform names this package in errors, logs and the User-Agent.
const platform = "hotelsupply"

// errNotInitialised is returned by the methods of a nil or zero Client.
var errNotInitialised = errors.New("hotelsupply: client not initialised: create it with NewClient")

// defaultAPIPath is the shop's API entry point under its host.
const defaultAPIPath = "/addons/yun_shop/api.php"

// redactKeys are this platform's sensitive names beside the transport's
// built-in list: uuid pins a session, orders carries free-text notes.
var redactKeys = []string{"uuid", "orders", "note"}

// Client calls one shop as one member. It keeps its own cookie jar (the
// shop's session, see session.go), is safe for concurrent use, and logs in
// by itself when credentials are configured.
type Client struct {
	t    *transport.Client
	path string // the API entry point's path, sent as every request's Path
	// cfg is the configuration without its secrets and transport settings
	// (the base URL may hold a password), which secrets and t hold: fmt
	// prints a func and a pointer as addresses, so no verb applied to a
	// Client value (not only the pointer, which has String) shows a secret.
	cfg        config
	secrets    func() clientSecrets
	route      routeParams   // UUID is left empty: secrets has it
	loginToken chan struct{} // held while logging in: one caller logs in, others wait

	mu       sync.Mutex
	loggedIn bool
	gen      uint64 // counts successful logins

}

// NewClient returns a Client for the shop given by the options. WithBaseURL
// and WithUniacid are required. It returns the first option's error (an
// option given a nil argument), else every configuration problem at once.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{clientType: DefaultClientType}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	base, err := checkConfig(&cfg)
	if err != nil {
		return nil, err
	}
	jar, err := newSessionJar()
	if err != nil {
		return nil, err
	}
	origin, path := splitBase(base)
	cfg.tc.Platform = platform
	cfg.tc.BaseURL = origin
	cfg.tc.CookieJar = jar // one jar per client: a session never leaks to another
	cfg.tc.RedactKeys = redactKeys
	t, err := transport.New(cfg.tc)
	if err != nil {
		return nil, err
	}
	sec := &clientSecrets{mobile: cfg.mobile, password: cfg.password, uuid: cfg.uuid}
	if sec.uuid == "" {
		sec.uuid = "0"
	}
	kept := cfg
	kept.tc, kept.mobile, kept.password, kept.uuid = transport.Config{}, "", "", ""
	return &Client{
		t:          t,
		path:       path,
		cfg:        kept,
		secrets:    sec.get,
		route:      routeParams{Uniacid: cfg.uniacid, Type: cfg.clientType, Mid: cfg.mid},
		loginToken: make(chan struct{}, 1),
	}, nil
}

// clientSecrets are what a Client must never print: the member's
// credentials and the pinned session uuid.
type clientSecrets struct {
	mobile, password, uuid string
}

// get returns a copy of s.
func (s *clientSecrets) get() clientSecrets { return *s }

// checkConfig reports every configuration problem at once and returns the
// base URL to use.
func checkConfig(cfg *config) (string, error) {
	var problems []string
	base := strings.TrimSpace(cfg.tc.BaseURL)
	u, err := url.Parse(base)
	switch {
	case base == "":
		problems = append(problems, "base URL is required (WithBaseURL)")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		problems = append(problems, "base URL must be an absolute http(s) URL")
	case u.RawQuery != "" || u.Fragment != "":
		problems = append(problems, "base URL must not carry a query or fragment (the client adds i, type and route)")
	default:
		if u.Path == "" || u.Path == "/" {
			u.Path = defaultAPIPath
		}
		base = u.String()
	}
	if cfg.uniacid <= 0 {
		problems = append(problems, "uniacid must be positive (WithUniacid)")
	}
	if cfg.clientType <= 0 {
		problems = append(problems, "client type must be positive")
	}
	if cfg.mid < 0 {
		problems = append(problems, "member id (mid) must not be negative")
	}
	if (cfg.mobile == "") != (cfg.password == "") {
		problems = append(problems, "credentials need both mobile and password")
	}
	if cfg.dateFormat != DateDMY && cfg.dateFormat != DateISO {
		problems = append(problems, "unknown date format")
	}
	if len(problems) > 0 {
		return "", errors.New("hotelsupply: invalid configuration: " + strings.Join(problems, "; "))
	}
	return base, nil
}

// splitBase splits the API entry point into the origin the transport gets
// and the path every request carries, so that errors and logs name the path
// (the transport shows a request's path, never the base URL).
func splitBase(base string) (origin, path string) {
	u, err := url.Parse(base)
	if err != nil { // checkConfig parsed it already
		return base, ""
	}
	path = strings.TrimRight(u.EscapedPath(), "/")
	u.Path, u.RawPath = "", ""
	return u.String(), path
}

// BaseURL returns the shop's API entry point the client calls ("" for a
// Client not made by NewClient).
func (c *Client) BaseURL() string {
	if !c.initialised() {
		return ""
	}
	return c.t.BaseURL() + c.path
}

// String describes the client by its shop, uniacid and client type. The
// member's mobile and password, a pinned session uuid and any password in
// the base URL are never shown: the member appears as "***".
func (c *Client) String() string {
	if !c.initialised() {
		return "hotelsupply.Client(not initialised)"
	}
	base := c.BaseURL()
	if u, err := url.Parse(base); err == nil {
		base = u.Redacted()
	}
	member := "none"
	if c.hasCredentials() {
		member = "***"
	}
	return fmt.Sprintf("hotelsupply.Client(%s, uniacid=%d, type=%d, member=%s)", base, c.cfg.uniacid, c.cfg.clientType, member)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// LogValue is String, for log/slog (text and JSON handlers alike).
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// initialised reports whether c was made by NewClient (a closed Client
// still is: it describes itself).
func (c *Client) initialised() bool {
	return c != nil && c.t != nil && c.loginToken != nil && c.secrets != nil
}

// ready reports a Client that cannot call: a nil or zero Client (which
// returns an error instead of panicking) or a closed one.
func (c *Client) ready(op string) error {
	if !c.initialised() {
		return errNotInitialised
	}
	if c.t.Closed() {
		return closedError(op)
	}
	return nil
}

// begin does what every call does before its own checks: it refuses a
// Client not made by NewClient, replaces a nil context with Background and
// reports a nil request. The Validator it returns collects the call's
// problems.
func (c *Client) begin(ctx context.Context, op string, nilRequest bool) (context.Context, *transport.Validator, error) {
	if err := c.ready(op); err != nil {
		return nil, nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	v := &transport.Validator{Platform: platform, Operation: op}
	if nilRequest {
		v.Add("", "request is nil")
		return nil, nil, v.Err()
	}
	return ctx, v, nil
}

func (c *Client) encodeErr(op string, err error) error {
	v := transport.Validator{Platform: platform, Operation: op}
	v.Add("", "cannot encode parameters: %v", err)
	return v.Err()
}

// The shop reads array parameters as JSON text in a single query or form
// field (it json_decodes them). go-querystring would print a slice of
// structs with fmt.Sprint, so each array parameter has its own
// query.Encoder that writes the JSON text, with money as exact number
// literals (never through float64).

// routeParams are the query parameters of every call.
type routeParams struct {
	Uniacid int64  `url:"i"`
	UUID    string `url:"uuid"`
	Type    int    `url:"type"`
	Route   string `url:"route"`
	Mid     int64  `url:"mid,omitempty"`
}

// query returns the route parameters of every call plus extra.
func (c *Client) query(route string, extra ...any) (url.Values, error) {
	rp := c.route
	rp.Route = route
	rp.UUID = c.secrets().uuid
	return values(append([]any{rp}, extra...)...)
}

// values encodes one or more parameter structs into one url.Values.
func values(structs ...any) (url.Values, error) {
	out := url.Values{}
	for _, s := range structs {
		v, err := query.Values(s)
		if err != nil {
			return nil, err
		}
		for k, vs := range v {
			out[k] = append(out[k], vs...)
		}
	}
	return out, nil
}

// setJSON sets key to the JSON text of x.
func setJSON(v *url.Values, key string, x any) error {
	b, err := json.Marshal(x)
	if err != nil {
		return err
	}
	v.Set(key, string(b))
	return nil
}

// jsonText writes a fixed JSON text (address is always {} for a room).
type jsonText string

// EncodeValues implements query.Encoder.
func (t jsonText) EncodeValues(key string, v *url.Values) error {
	v.Set(key, string(t))
	return nil
}
