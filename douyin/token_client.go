package douyin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// clientTokenRequest is the body of POST /oauth/client_token/.
type clientTokenRequest struct {
	ClientKey    string `json:"client_key"`
	ClientSecret string `json:"client_secret"`
	GrantType    string `json:"grant_type"` // always "client_credential"
}

// clientTokenResponse is Douyin's answer to POST /oauth/client_token/:
// {"data":{"access_token","expires_in","error_code","description"},"message"}.
type clientTokenResponse struct {
	Data struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int64  `json:"expires_in"`
	} `json:"data"`
}

func (r *clientTokenResponse) check() error {
	if r.Data.AccessToken == "" {
		return errors.New("data.access_token is missing")
	}
	if r.Data.ExpiresIn <= 0 {
		return errors.New("data.expires_in is missing or not positive")
	}
	return nil
}

// ClientTokenResult is a client token fetched by FetchClientToken.
type ClientTokenResult struct {
	// Token is the client token ("clt.…"), valid from the time of the
	// request for data.expires_in seconds (7200). It masks itself when
	// printed.
	Token Token
	// RequestID is Douyin's logid of the call (extra.logid, else the
	// X-Tt-Logid header); quote it to Douyin support.
	RequestID string
}

// FetchClientToken gets a new client token (POST /oauth/client_token/,
// grant_type client_credential) with the client's credentials. Most
// integrators never call it: the client's default token source calls it
// when needed, caches the token and shares it through the TokenStore.
// Every fetch makes Douyin retire older tokens after five minutes, and more
// than 500 fetches in five minutes are refused (10020).
//
// The call is declared idempotent: each fetch yields a valid token, so a
// repeated fetch after a lost answer does no harm. Called directly it
// follows the client's retry policy (or opts'); the default token source's
// fetches follow that policy fitted to TokenRefreshTimeout (see
// WithRetryPolicy).
func (c *Client) FetchClientToken(ctx context.Context, opts ...hotelsdk.CallOption) (*ClientTokenResult, error) {
	const op = "oauth.client_token"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	if c.clientKey == "" {
		return nil, missingCredentials(op)
	}
	now := c.now()
	var out clientTokenResponse
	body := &clientTokenRequest{ClientKey: c.clientKey, ClientSecret: c.clientSecret(), GrantType: "client_credential"}
	id, err := c.call(ctx, op, PathClientToken, body, true, &out, opts)
	if err != nil {
		return nil, err
	}
	return &ClientTokenResult{
		Token: Token{
			AccessToken: out.Data.AccessToken,
			IssuedAt:    now,
			ExpiresAt:   now.Add(time.Duration(out.Data.ExpiresIn) * time.Second),
		},
		RequestID: id,
	}, nil
}

// fetchToken is the fetch function of the client's default token source:
// FetchClientToken under the client's policy fitted to the refresh's bound
// (tokenFetchPolicy).
func (c *Client) fetchToken(ctx context.Context) (Token, error) {
	r, err := c.FetchClientToken(ctx, hotelsdk.WithRetryPolicy(c.tokenPolicy))
	if err != nil {
		return Token{}, err
	}
	return r.Token, nil
}

// maxTokenFetchAttempts caps the attempts of one token refresh's fetch, so
// that each keeps a useful share of TokenRefreshTimeout (4 s at most 5).
const maxTokenFetchAttempts = 5

// tokenFetchPolicy is the retry policy of the default token source's fetch:
// the client's policy p (zero fields at their defaults) made to fit bound,
// the refresh's limit, so that every attempt it allows can happen. With n
// attempts (p's, at most maxTokenFetchAttempts) each attempt may take three
// quarters of bound/n and each wait between attempts one quarter of it
// (MaxDelay and MaxRetryAfter; a longer Retry-After ends the retries), so
// n attempts and n-1 waits take less than bound. Shorter values of p are
// kept.
func tokenFetchPolicy(p hotelsdk.RetryPolicy, bound time.Duration) hotelsdk.RetryPolicy {
	d := hotelsdk.DefaultRetryPolicy
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = d.MaxAttempts
	}
	p.MaxAttempts = min(p.MaxAttempts, maxTokenFetchAttempts)
	for _, f := range []struct{ v, def *time.Duration }{
		{&p.BaseDelay, &d.BaseDelay}, {&p.MaxDelay, &d.MaxDelay},
		{&p.MaxRetryAfter, &d.MaxRetryAfter}, {&p.PerAttemptTimeout, &d.PerAttemptTimeout},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	quarter := bound / time.Duration(4*p.MaxAttempts) // a quarter of each attempt's share
	p.PerAttemptTimeout = min(p.PerAttemptTimeout, bound*3/time.Duration(4*p.MaxAttempts))
	p.MaxDelay = min(p.MaxDelay, quarter)
	p.MaxRetryAfter = min(p.MaxRetryAfter, quarter)
	p.BaseDelay = min(p.BaseDelay, p.MaxDelay)
	return p
}

// String describes the result with its token masked.
func (r ClientTokenResult) String() string {
	return fmt.Sprintf("{Token:%v RequestID:%s}", r.Token, r.RequestID)
}

// GoString is String for %#v.
func (r ClientTokenResult) GoString() string {
	return fmt.Sprintf("douyin.ClientTokenResult{Token:%#v, RequestID:%q}", r.Token, r.RequestID)
}

// LogValue makes log/slog print the result with its token masked.
func (r ClientTokenResult) LogValue() slog.Value {
	return slog.GroupValue(slog.Any("token", r.Token), slog.String("request_id", r.RequestID))
}
