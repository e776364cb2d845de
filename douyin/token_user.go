package douyin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// userTokenRequest is the body of POST /oauth/access_token/.
type userTokenRequest struct {
	ClientKey    string `json:"client_key"`
	ClientSecret string `json:"client_secret"`
	Code         string `json:"code"`
	GrantType    string `json:"grant_type"` // always "authorization_code"
}

// userTokenResponse is Douyin's answer to POST /oauth/access_token/.
type userTokenResponse struct {
	Data struct {
		AccessToken      string `json:"access_token"`
		OpenID           string `json:"open_id"`
		Scope            string `json:"scope"`
		ExpiresIn        int64  `json:"expires_in"`
		RefreshToken     string `json:"refresh_token"`
		RefreshExpiresIn int64  `json:"refresh_expires_in"`
	} `json:"data"`
}

func (r *userTokenResponse) check() error {
	if r.Data.AccessToken == "" {
		return errors.New("data.access_token is missing")
	}
	return nil
}

// UserTokenResult is the user access token ExchangeUserToken obtained. It
// masks its tokens when printed or logged.
type UserTokenResult struct {
	// Token is the user access token ("act.…"); its ExpiresAt is zero
	// when Douyin sent no expires_in.
	Token Token
	// OpenID identifies the user within the application.
	OpenID string
	// Scope lists the scopes the user granted, comma-separated.
	Scope string
	// RefreshToken renews the access token. Never log it.
	RefreshToken string
	// RefreshExpiresAt is when RefreshToken stops being valid (zero when
	// Douyin sent no refresh_expires_in).
	RefreshExpiresAt time.Time
	// RequestID is Douyin's logid of the call (extra.logid, else the
	// X-Tt-Logid header); quote it to Douyin support.
	RequestID string
}

// String describes the result with its tokens masked.
func (r UserTokenResult) String() string {
	return fmt.Sprintf("{Token:%v OpenID:%s Scope:%s RefreshToken:%s RefreshExpiresAt:%s RequestID:%s}", r.Token,
		maskSecret(r.OpenID), r.Scope, maskSecret(r.RefreshToken), r.RefreshExpiresAt.Format(time.RFC3339), r.RequestID)
}

// GoString is String for %#v.
func (r UserTokenResult) GoString() string {
	return fmt.Sprintf("douyin.UserTokenResult{Token:%#v, OpenID:%q, Scope:%q, RefreshToken:%q, RefreshExpiresAt:%#v, RequestID:%q}",
		r.Token, maskSecret(r.OpenID), r.Scope, maskSecret(r.RefreshToken), r.RefreshExpiresAt, r.RequestID)
}

// LogValue makes log/slog print the result with its tokens (and the open
// id, which identifies a person) masked.
func (r UserTokenResult) LogValue() slog.Value {
	return slog.GroupValue(slog.Any("token", r.Token), slog.String("open_id", maskSecret(r.OpenID)),
		slog.String("scope", r.Scope), slog.String("refresh_token", maskSecret(r.RefreshToken)),
		slog.Time("refresh_expires_at", r.RefreshExpiresAt), slog.String("request_id", r.RequestID))
}

// ExchangeUserToken trades an authorisation code for a user access token
// (POST /oauth/access_token/, grant_type authorization_code), for
// integrations whose /poi/order/* calls carry a user token. Pass the token
// to a client with WithTokenSource(StaticTokenSource(res.Token)), or wrap
// your own refresh in ReuseTokenSource.
//
// It is declared NOT idempotent: an authorisation code is good for one
// exchange, so once a request may have reached Douyin it is not sent again.
func (c *Client) ExchangeUserToken(ctx context.Context, code string, opts ...hotelsdk.CallOption) (*UserTokenResult, error) {
	const op = "oauth.access_token"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	if c.clientKey == "" {
		return nil, missingCredentials(op)
	}
	if code == "" {
		return nil, &hotelsdk.ValidationError{Platform: "douyin", Operation: op,
			Problems: []hotelsdk.FieldError{{Field: "code", Message: "is required"}}}
	}
	now := c.now()
	var out userTokenResponse
	body := &userTokenRequest{ClientKey: c.clientKey, ClientSecret: c.clientSecret(), Code: code, GrantType: "authorization_code"}
	id, err := c.call(ctx, op, PathAccessToken, body, false, &out, opts)
	if err != nil {
		return nil, err
	}
	d := out.Data
	res := &UserTokenResult{
		Token:        Token{AccessToken: d.AccessToken, IssuedAt: now},
		OpenID:       d.OpenID,
		Scope:        d.Scope,
		RefreshToken: d.RefreshToken,
		RequestID:    id,
	}
	if d.ExpiresIn > 0 {
		res.Token.ExpiresAt = now.Add(time.Duration(d.ExpiresIn) * time.Second)
	}
	if d.RefreshExpiresIn > 0 {
		res.RefreshExpiresAt = now.Add(time.Duration(d.RefreshExpiresIn) * time.Second)
	}
	return res, nil
}

func missingCredentials(op string) error {
	return &hotelsdk.ValidationError{Platform: "douyin", Operation: op,
		Problems: []hotelsdk.FieldError{{Field: "client_key", Message: "no client credentials configured (WithClientCredentials)"}}}
}
