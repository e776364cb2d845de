package douyin

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertMasked prints v with every verb and both slog handlers and checks
// that none of secrets shows.
func assertMasked(t *testing.T, name string, v any, secrets ...string) {
	t.Helper()
	var outs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		outs = append(outs, fmt.Sprintf(verb, v))
	}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("m", "v", v)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("m", "v", v)
	outs = append(outs, text.String(), js.String())
	for i, out := range outs {
		for _, s := range secrets {
			assert.NotContains(t, out, s, "%s: output %d: %s", name, i, out)
		}
	}
}

// Issue 10 §3: printing or logging the client or its token source shows
// neither the client secret nor the cached access token.
func TestClientAndTokenSourcesMaskSecrets(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.CACHED-SECRET", 7200))
	c, err := NewClient(WithTransport(mt), WithClientCredentials("KEY-ck", "SECRET-cs"), WithClock(newObClock().Now))
	require.NoError(t, err)
	_, err = c.TokenSource().Token(context.Background()) // cache a token
	require.NoError(t, err)

	assertMasked(t, "client", c, "SECRET-cs", "CACHED-SECRET")
	assertMasked(t, "default token source", c.TokenSource(), "CACHED-SECRET")
	assert.Contains(t, fmt.Sprint(c), DefaultBaseURL, "what is not secret stays readable")

	static := StaticTokenSource(Token{AccessToken: "act.STATIC-SECRET"})
	assertMasked(t, "static token source", static, "STATIC-SECRET")
	sc, err := NewClient(WithTransport(mt), WithTokenSource(static))
	require.NoError(t, err)
	assertMasked(t, "client with a static token", sc, "STATIC-SECRET")

	reuse, err := ReuseTokenSource(static)
	require.NoError(t, err)
	_, err = reuse.Token(context.Background())
	require.NoError(t, err)
	assertMasked(t, "reuse token source", reuse, "STATIC-SECRET")
	assertMasked(t, "nil client", (*Client)(nil))
}

// A Client value (a copy of *c, e.g. inside a struct of the integrator's)
// printed with any verb shows neither the client secret nor a password in
// the base URL.
func TestPrintingAClientValueMasksSecrets(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithTransport(httpmock.NewMockTransport()), WithClientCredentials("KEY-ck", "SECRET-cs"),
		WithBaseURL("https://user:URL-PASS@open.douyin.test"))
	require.NoError(t, err)
	type holder struct{ Douyin any }
	for _, v := range []any{*c, holder{*c}, &holder{*c}} {
		assertMasked(t, "client value", v, "SECRET-cs", "URL-PASS")
	}
}
