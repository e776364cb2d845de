package douyin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// API paths of the calls the Client makes.
const (
	PathClientToken = "/oauth/client_token/"
	PathAccessToken = "/oauth/access_token/"
	PathOrderStatus = "/poi/order/status"
	PathOrderSync   = "/poi/order/sync"
)

// platform names this package in errors, logs and the User-Agent.
const platform = "douyin"

// requestIDHeaders are the response headers that carry Douyin's logid.
var requestIDHeaders = []string{"X-Tt-Logid", "X-Request-Id"}

// redactKeys are Douyin names masked in logs and hooks (of Client and
// SPIClient) beside the transport's built-in list: the OAuth authorisation
// code is a credential, open ids identify a person, a remark is free text
// about the guest, and the client key identifies the application.
var redactKeys = []string{"code", "open_id", "user_open_id", "remark", "x-life-clientkey", "client_key"}

// Client calls the Douyin Open Platform on behalf of an integrator: order
// status sync, order sync and the OAuth token endpoints. It is safe for
// concurrent use; create one per application and reuse it.
type Client struct {
	tc        *transport.Client
	clientKey string
	// secret returns the client secret; a func prints as an address under
	// every fmt verb, so a Client value printed with %v or %#v does not
	// show the secret.
	secret    func() string
	tokens    TokenSource
	placement TokenPlacement
	now       func() time.Time
	// tokenPolicy is the retry policy of the default token source's
	// fetches (tokenFetchPolicy).
	tokenPolicy hotelsdk.RetryPolicy
}

// NewClient returns a Client. It needs either WithClientCredentials (tokens
// are then fetched from /oauth/client_token/) or WithTokenSource.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{tc: transport.Config{BaseURL: DefaultBaseURL, Now: time.Now}, refreshBefore: DefaultTokenRefreshBefore}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.tokens == nil && !cfg.credentials {
		return nil, errors.New("douyin: NewClient: WithClientCredentials or WithTokenSource is required")
	}
	cfg.tc.Platform = platform
	cfg.tc.RedactKeys = redactKeys
	cfg.tc.RequestIDHeaders = requestIDHeaders
	tc, err := transport.New(cfg.tc)
	if err != nil {
		return nil, err
	}
	c := &Client{
		tc:          tc,
		clientKey:   cfg.clientKey,
		secret:      secretFunc(cfg.clientSecret),
		tokens:      cfg.tokens,
		placement:   cfg.placement,
		now:         cfg.tc.Now,
		tokenPolicy: tokenFetchPolicy(cfg.tc.Retry, refreshTimeout(&cfg)),
	}
	if c.tokens == nil {
		key := cfg.storeKey
		if key == "" {
			key = cfg.clientKey
		}
		c.tokens = newReuseTokenSource(TokenFunc(c.fetchToken), &cfg, key)
	}
	return c, nil
}

// BaseURL returns the host the client calls ("" for a Client not made by
// NewClient).
func (c *Client) BaseURL() string {
	if !c.initialised() {
		return ""
	}
	return c.tc.BaseURL()
}

// TokenSource returns the source of the client's access tokens: the one
// given with WithTokenSource, or the client-credentials source (nil for a
// Client not made by NewClient).
func (c *Client) TokenSource() TokenSource {
	if !c.initialised() {
		return nil
	}
	return c.tokens
}

// ready returns an error for a nil or zero-value Client, whose methods
// would otherwise dereference nil.
func (c *Client) ready(op string) error {
	if !c.initialised() {
		return notInitialised(op, "Client", "NewClient")
	}
	if c.tc.Closed() {
		if op != "" {
			op += ": "
		}
		return fmt.Errorf("douyin: %sClient closed", op)
	}
	return nil
}

// initialised reports whether c was made by NewClient.
func (c *Client) initialised() bool {
	return c != nil && c.tc != nil && c.tokens != nil && c.now != nil
}

// Close releases the idle connections of the connection pool the client
// made for itself; an *http.Client or round tripper given with
// WithHTTPClient or WithTransport is left alone. Calls after Close fail.
// Close is idempotent and safe on a nil or zero Client; it always returns
// nil.
func (c *Client) Close() error {
	if c == nil || c.tc == nil {
		return nil
	}
	c.tc.Close()
	return nil
}

// notInitialised is the error of a method called on a nil or zero value.
func notInitialised(op, typ, constructor string) error {
	if op != "" {
		op += ": "
	}
	return fmt.Errorf("douyin: %s%s not initialised: create it with %s", op, typ, constructor)
}

// callWithToken makes an authenticated POST of body to path and decodes the
// answer into out (see sendWithToken). It returns Douyin's logid of the call.
func (c *Client) callWithToken(ctx context.Context, op, path string, body any, idempotent bool,
	out any, opts []hotelsdk.CallOption) (string, error) {
	var requestID string
	if err := c.sendWithToken(ctx, postRequest(op, path, body, idempotent, out, &requestID), opts); err != nil {
		return "", err
	}
	return requestID, nil
}

// postRequest is the transport request of a POST of body to path whose
// answer's envelope is decoded into out, and its logid kept in *requestID.
func postRequest(op, path string, body any, idempotent bool, out any, requestID *string) *transport.Request {
	return &transport.Request{
		Operation:  op,
		Method:     http.MethodPost,
		Path:       path,
		JSON:       body,
		Idempotent: idempotent,
		Decode: func(r *transport.Response) error {
			err := decodeResponse(r, out)
			*requestID = r.RequestID
			return err
		},
	}
}

// sendWithToken sends req with the client's access token (its Sign is
// replaced). When Douyin rejects the token (2190002, 2190008) and the
// source can drop it, the call is repeated once with a fresh token: Douyin
// refused the call without acting on it, so this is safe even for a
// non-idempotent operation. Raw calls go through here too.
func (c *Client) sendWithToken(ctx context.Context, req *transport.Request, opts []hotelsdk.CallOption) error {
	if ctx == nil { // never panic on a caller's nil context
		ctx = context.Background()
	}
	op := req.Operation
	for try := 1; ; try++ {
		var used string
		req.Sign = func(ctx context.Context, a *transport.Attempt) error {
			tok, err := c.tokens.Token(ctx)
			if err != nil {
				return fmt.Errorf("douyin: %s: cannot get an access token: %w", op, err)
			}
			if tok.AccessToken == "" {
				return fmt.Errorf("douyin: %s: the token source returned an empty access token", op)
			}
			used = tok.AccessToken
			c.placeToken(a, tok.AccessToken)
			return nil
		}
		err := c.tc.Do(ctx, req, opts...)
		if err == nil {
			return nil
		}
		inv, canInvalidate := c.tokens.(TokenInvalidator)
		if try == 1 && canInvalidate && used != "" && errors.Is(err, ErrTokenRejected) {
			inv.InvalidateToken(ctx, used)
			// Repeat only with another token: a source may keep the
			// rejected one (it bounds how often it replaces a token).
			if next, terr := c.tokens.Token(ctx); terr == nil && next.AccessToken != used {
				continue
			}
		}
		return err
	}
}

func (c *Client) placeToken(a *transport.Attempt, tok string) {
	if c.placement != TokenInQuery {
		a.Header.Set("access-token", tok)
	}
	if c.placement != TokenInHeader {
		a.Query.Set("access_token", tok)
	}
}

// call makes an unauthenticated POST (the OAuth endpoints) and returns
// Douyin's logid of the call.
func (c *Client) call(ctx context.Context, op, path string, body any, idempotent bool, out any, opts []hotelsdk.CallOption) (string, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	var requestID string
	if err := c.tc.Do(ctx, postRequest(op, path, body, idempotent, out, &requestID), opts...); err != nil {
		return "", err
	}
	return requestID, nil
}

// secretFunc returns a func that returns s.
func secretFunc(s string) func() string { return func() string { return s } }

// clientSecret returns the client secret ("" on a zero Client).
func (c *Client) clientSecret() string {
	if c == nil || c.secret == nil {
		return ""
	}
	return c.secret()
}
