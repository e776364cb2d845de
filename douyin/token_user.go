package douyin

import (
	"context"
	"errors"
	"time"
)

// UserTokenRequest is the body of POST /oauth/access_token/.
type UserTokenRequest struct {
	ClientKey    string `json:"client_key"`
	ClientSecret string `json:"client_secret"`
	// Code is the authorisation code the user's consent produced.
	Code string `json:"code"`
	// GrantType is always "authorization_code".
	GrantType string `json:"grant_type"`
}

// UserTokenResponse is Douyin's answer to POST /oauth/access_token/.
type UserTokenResponse struct {
	Data    UserTokenData `json:"data"`
	Message string        `json:"message"`
	// Extra is present when Douyin sends it.
	Extra *Extra `json:"extra,omitempty"`
}

// UserTokenData is the data part of UserTokenResponse.
type UserTokenData struct {
	// AccessToken is the user access token ("act.…"). Never log it.
	AccessToken string `json:"access_token"`
	// OpenID identifies the user within the application.
	OpenID string `json:"open_id"`
	// Scope lists the scopes the user granted, comma-separated.
	Scope string `json:"scope"`
	// ExpiresIn is the access token's lifetime in seconds.
	ExpiresIn int64 `json:"expires_in"`
	// RefreshToken renews the access token. Never log it.
	RefreshToken string `json:"refresh_token"`
	// RefreshExpiresIn is the refresh token's lifetime in seconds.
	RefreshExpiresIn int64  `json:"refresh_expires_in"`
	ErrorCode        Code   `json:"error_code"`
	Description      string `json:"description"`
}

func (r *UserTokenResponse) check() error {
	if r.Data.AccessToken == "" {
		return errors.New("data.access_token is missing")
	}
	return nil
}

// Token returns the access token with its expiry counted from issuedAt.
func (d *UserTokenData) Token(issuedAt time.Time) Token {
	if d == nil {
		return Token{}
	}
	t := Token{AccessToken: d.AccessToken, IssuedAt: issuedAt}
	if d.ExpiresIn > 0 {
		t.ExpiresAt = issuedAt.Add(time.Duration(d.ExpiresIn) * time.Second)
	}
	return t
}

// ExchangeUserToken trades an authorisation code for a user access token
// (POST /oauth/access_token/, grant_type authorization_code), for
// integrations whose /poi/order/* calls carry a user token. Pass the token
// to a client with WithTokenSource(StaticTokenSource(...)) or your own
// TokenSource.
//
// It is declared NOT idempotent: an authorisation code is good for one
// exchange, so once a request may have reached Douyin it is not sent again.
func (c *Client) ExchangeUserToken(ctx context.Context, code string, opts ...CallOption) (*UserTokenResponse, error) {
	const op = "oauth.access_token"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	if c.clientKey == "" {
		return nil, missingCredentials(op)
	}
	if code == "" {
		return nil, &ValidationError{Platform: "douyin", Operation: op,
			Problems: []FieldError{{Field: "code", Message: "is required"}}}
	}
	var out UserTokenResponse
	body := &UserTokenRequest{ClientKey: c.clientKey, ClientSecret: c.clientSecret, Code: code, GrantType: "authorization_code"}
	if err := c.call(ctx, op, PathAccessToken, body, false, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

func missingCredentials(op string) error {
	return &ValidationError{Platform: "douyin", Operation: op,
		Problems: []FieldError{{Field: "client_key", Message: "no client credentials configured (WithClientCredentials)"}}}
}
