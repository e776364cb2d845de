package douyin

import (
	"fmt"
	"log/slog"
)

// The String, GoString and LogValue methods below keep the secrets a
// Client or a token source holds (client secret, cached access token) out
// of fmt's %v, %+v, %#v, %s and log/slog's output, whatever the handler.

// String describes the client without its credentials or token.
func (c *Client) String() string {
	if c == nil {
		return "<nil>"
	}
	return fmt.Sprintf("douyin.Client{BaseURL: %s, ClientKey: %s, ClientSecret: %s, TokenSource: %v}",
		c.BaseURL(), maskSecret(c.clientKey), maskSecret(c.clientSecret()), c.tokens)
}

// GoString is String for %#v.
func (c *Client) GoString() string { return c.String() }

// LogValue makes log/slog print the client without its credentials.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(
		slog.String("base_url", c.BaseURL()),
		slog.String("client_key", maskSecret(c.clientKey)),
		slog.String("client_secret", maskSecret(c.clientSecret())),
		slog.String("token_source", fmt.Sprint(c.tokens)),
	)
}

// String describes the cached token, masked.
func (s *reuseTokenSource) String() string {
	if s == nil {
		return "<nil>"
	}
	s.mu.Lock()
	cached := s.cached
	s.mu.Unlock()
	return fmt.Sprintf("douyin.ReuseTokenSource{Key: %s, Cached: %v}", maskSecret(s.key), cached)
}

// GoString is String for %#v.
func (s *reuseTokenSource) GoString() string { return s.String() }

// LogValue makes log/slog print the source with its token masked.
func (s *reuseTokenSource) LogValue() slog.Value { return slog.StringValue(s.String()) }

// String describes the token, masked.
func (s staticTokenSource) String() string {
	return fmt.Sprintf("douyin.StaticTokenSource{Token: %v}", s.t)
}

// GoString is String for %#v.
func (s staticTokenSource) GoString() string { return s.String() }

// LogValue makes log/slog print the source with its token masked.
func (s staticTokenSource) LogValue() slog.Value { return slog.StringValue(s.String()) }
