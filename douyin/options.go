package douyin

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Base URLs of the Douyin Open Platform.
const (
	// DefaultBaseURL is the production host.
	DefaultBaseURL = "https://open.douyin.com"
	// SandboxBaseURL is Douyin's sandbox host, selected by WithSandbox.
	SandboxBaseURL = "https://open-sandbox.douyin.com"
)

// DefaultTokenRefreshBefore is how long before its expiry a cached client
// token is replaced. A new token makes Douyin retire the old one five
// minutes later, so refreshing five minutes early keeps every process of a
// fleet on a valid token.
const DefaultTokenRefreshBefore = 5 * time.Minute

// TokenPlacement says where the access token travels on /poi/order/* calls.
type TokenPlacement int

// Token placements. Sources disagree (2020 SDKs use the query, current
// docs the header), so both are sent by default.
const (
	// TokenInHeaderAndQuery sends the header "access-token" and the query
	// parameter "access_token" (the default).
	TokenInHeaderAndQuery TokenPlacement = iota
	// TokenInHeader sends only the "access-token" header.
	TokenInHeader
	// TokenInQuery sends only the "access_token" query parameter.
	TokenInQuery
)

// Option configures a Client in NewClient, or the token source made by
// ReuseTokenSource (which takes only the token options: WithTokenStore,
// WithTokenStoreKey, WithTokenRefreshBefore, WithClock, WithLogger,
// WithHooks). A nil
// argument to an option is an error, never a silent default.
type Option func(*config) error

// clientOnly marks an option that configures a Client only: given to
// ReuseTokenSource, it is an error.
func clientOnly(name string, f func(*config) error) Option {
	return func(c *config) error {
		if c.tokenSourceOnly {
			return errors.New("douyin: ReuseTokenSource: " + name + " does not apply to a token source")
		}
		return f(c)
	}
}

type config struct {
	// tc holds the settings shared with the transport (base URL, HTTP
	// client, round tripper, logger, retry policy, hooks, user agent,
	// clock); NewClient completes it and passes it to transport.New.
	tc            transport.Config
	clientKey     string
	clientSecret  string
	credentials   bool
	tokens        TokenSource
	store         TokenStore
	storeKey      string
	refreshBefore time.Duration
	placement     TokenPlacement
	// tokenSourceOnly is set by ReuseTokenSource: client options refuse.
	tokenSourceOnly bool
	// refreshTimeout bounds one token refresh; 0 is TokenRefreshTimeout
	// (tests shorten it).
	refreshTimeout time.Duration
}

// WithBaseURL replaces the API host (default DefaultBaseURL), e.g. with a
// douyintest sandbox's URL. A path prefix is kept.
func WithBaseURL(u string) Option {
	return clientOnly("WithBaseURL", func(c *config) error {
		if u == "" {
			return errors.New("douyin: WithBaseURL: empty URL")
		}
		c.tc.BaseURL = u
		return nil
	})
}

// WithSandbox sends every call to Douyin's sandbox host, SandboxBaseURL.
func WithSandbox() Option { return clientOnly("WithSandbox", WithBaseURL(SandboxBaseURL)) }

// WithHTTPClient sets the HTTP client (its timeout, transport, proxy). The
// client is not modified; its cookie jar is not used.
func WithHTTPClient(hc *http.Client) Option {
	return clientOnly("WithHTTPClient", func(c *config) error { return setHTTPClient(&c.tc, "WithHTTPClient", hc) })
}

// WithTransport replaces the HTTP round tripper (instrumentation, or an
// httpmock transport in tests).
func WithTransport(rt http.RoundTripper) Option {
	return clientOnly("WithTransport", func(c *config) error { return setTransport(&c.tc, "WithTransport", rt) })
}

// WithLogger logs one line per attempt (Info, Warn on failure; request and
// response bodies at Debug). Tokens, secrets, names and phone numbers are
// masked. The default is silent; a nil logger is an error. Given to
// ReuseTokenSource, it logs token store failures.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("douyin: WithLogger: nil *slog.Logger")
		}
		c.tc.Logger = l
		return nil
	}
}

// WithRetryPolicy replaces the default retry policy (3 attempts, full-jitter
// backoff); zero fields keep their defaults. A policy that
// hotelsdk.RetryPolicy.Validate refuses (a negative value, more than
// hotelsdk.MaxRetryAttempts attempts) is an error matching
// hotelsdk.ErrInvalidRetryPolicy. Its Budget field sets the client's retry
// budget (hotelsdk.RetryBudget; on by default). It never makes a
// non-idempotent call repeat once it may have reached Douyin.
//
// The token fetches of the client's default token source are bounded as a
// whole by TokenRefreshTimeout (20 s), and the policy is fitted to that
// bound so that every attempt it allows can happen: the fetch makes p's
// attempts (at most 5), each limited to three quarters of
// TokenRefreshTimeout / attempts (5 s with the default 3 attempts), and
// waits between them at most a quarter of it (MaxDelay and MaxRetryAfter
// are cut to that; a longer Retry-After ends the retries). Values of p
// shorter than these are kept. FetchClientToken called directly, with its
// caller's context, uses p as is.
func WithRetryPolicy(p hotelsdk.RetryPolicy) Option {
	return clientOnly("WithRetryPolicy", func(c *config) error { return setRetryPolicy(&c.tc, "WithRetryPolicy", p) })
}

// WithHooks installs callbacks that see every attempt, redacted, and
// every token refresh of the client's token source (OnEvent with
// hotelsdk.EventTokenRefresh and its outcome: fetched, loaded, backed_off,
// failed, abandoned; never the token). Given to ReuseTokenSource, only the
// OnEvent part applies.
func WithHooks(h hotelsdk.Hooks) Option {
	return func(c *config) error { c.tc.Hooks = h; return nil }
}

// WithUserAgent replaces the default User-Agent "hotelsdk-go/VERSION (douyin)";
// "" keeps the default.
func WithUserAgent(ua string) Option {
	return clientOnly("WithUserAgent", func(c *config) error { c.tc.UserAgent = ua; return nil })
}

// WithClientCredentials sets the application's client_key and
// client_secret. Unless WithTokenSource is also given, the client then gets
// its access tokens from POST /oauth/client_token/ (cached, refreshed early,
// one fetch at a time). The credentials are also what ExchangeUserToken uses.
func WithClientCredentials(clientKey, clientSecret string) Option {
	return clientOnly("WithClientCredentials", func(c *config) error {
		if clientKey == "" || clientSecret == "" {
			return errors.New("douyin: WithClientCredentials: client key and client secret are required")
		}
		c.clientKey, c.clientSecret, c.credentials = clientKey, clientSecret, true
		return nil
	})
}

// WithTokenSource sets where access tokens for /poi/order/* come from,
// e.g. StaticTokenSource with a user token from ExchangeUserToken, or your
// own source (wrap it in ReuseTokenSource to cache what it fetches). It
// takes precedence over the client-credentials source. A nil source or an
// empty StaticTokenSource is an error.
func WithTokenSource(ts TokenSource) Option {
	return clientOnly("WithTokenSource", func(c *config) error {
		if ts == nil {
			return errors.New("douyin: WithTokenSource: nil source")
		}
		if s, ok := ts.(staticTokenSource); ok && s.t.AccessToken == "" {
			return errors.New("douyin: WithTokenSource: empty StaticTokenSource")
		}
		c.tokens = ts
		return nil
	})
}

// WithTokenStore makes the client-credentials source keep its token in s
// (default: an in-process MemoryTokenStore), so several processes can share
// one token. Douyin keeps only the latest two tokens valid, so a fleet that
// fetches one token per process keeps invalidating itself.
func WithTokenStore(s TokenStore) Option {
	return func(c *config) error {
		if m, ok := s.(*MemoryTokenStore); s == nil || ok && m == nil {
			return errors.New("douyin: WithTokenStore: nil store")
		}
		c.store = s
		return nil
	}
}

// WithTokenStoreKey sets the key the token is kept under in the
// TokenStore (default for a Client: its client key; required by
// ReuseTokenSource with a store). Processes that share one token use the
// same key; an empty key is an error.
func WithTokenStoreKey(key string) Option {
	return func(c *config) error {
		if key == "" {
			return errors.New("douyin: WithTokenStoreKey: empty key")
		}
		c.storeKey = key
		return nil
	}
}

// WithTokenRefreshBefore sets how long before expiry the client-credentials
// source replaces its token (default DefaultTokenRefreshBefore; at most
// half the token's lifetime is used).
func WithTokenRefreshBefore(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return errors.New("douyin: WithTokenRefreshBefore: negative duration")
		}
		c.refreshBefore = d
		return nil
	}
}

// WithTokenPlacement picks where the access token is sent (default
// TokenInHeaderAndQuery).
func WithTokenPlacement(p TokenPlacement) Option {
	return clientOnly("WithTokenPlacement", func(c *config) error {
		if p < TokenInHeaderAndQuery || p > TokenInQuery {
			return errors.New("douyin: WithTokenPlacement: unknown placement")
		}
		c.placement = p
		return nil
	})
}

// WithClock replaces time.Now for SyncOrder's date_time and for token
// expiry (useful in tests).
func WithClock(now func() time.Time) Option {
	return func(c *config) error { return setClock(&c.tc, "WithClock", now) }
}

// The setters below check the values of the options that fill the
// transport.Config.

func setHTTPClient(tc *transport.Config, option string, hc *http.Client) error {
	if hc == nil {
		return errors.New("douyin: " + option + ": nil *http.Client")
	}
	tc.HTTPClient = hc
	return nil
}

func setTransport(tc *transport.Config, option string, rt http.RoundTripper) error {
	if rt == nil {
		return errors.New("douyin: " + option + ": nil http.RoundTripper")
	}
	tc.RoundTripper = rt
	return nil
}

func setRetryPolicy(tc *transport.Config, option string, p hotelsdk.RetryPolicy) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("douyin: %s: %w", option, err)
	}
	tc.Retry = p
	return nil
}

func setClock(tc *transport.Config, option string, now func() time.Time) error {
	if now == nil {
		return errors.New("douyin: " + option + ": nil clock")
	}
	tc.Now = now
	return nil
}
