package douyin

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientConfiguration(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithClientCredentials("ck", "cs"))
	require.NoError(t, err)
	assert.Equal(t, DefaultBaseURL, c.BaseURL())
	assert.IsType(t, &reuseTokenSource{}, c.TokenSource())

	c, err = NewClient(WithClientCredentials("ck", "cs"), WithSandbox())
	require.NoError(t, err)
	assert.Equal(t, SandboxBaseURL, c.BaseURL())

	c, err = NewClient(WithTokenSource(StaticTokenSource(Token{AccessToken: "t"})), WithBaseURL("http://127.0.0.1:9/prefix/"), nil)
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:9/prefix", c.BaseURL())
	assert.Equal(t, StaticTokenSource(Token{AccessToken: "t"}), c.TokenSource())

	for name, opts := range map[string][]Option{
		"no credentials":     nil,
		"empty key":          {WithClientCredentials("", "cs")},
		"empty secret":       {WithClientCredentials("ck", "")},
		"empty base URL":     {WithClientCredentials("ck", "cs"), WithBaseURL("")},
		"bad scheme":         {WithClientCredentials("ck", "cs"), WithBaseURL("ftp://x")},
		"nil http client":    {WithClientCredentials("ck", "cs"), WithHTTPClient(nil)},
		"nil transport":      {WithClientCredentials("ck", "cs"), WithTransport(nil)},
		"nil token source":   {WithTokenSource(nil)},
		"empty static token": {WithTokenSource(StaticTokenSource(Token{}))},
		"nil store":          {WithClientCredentials("ck", "cs"), WithTokenStore(nil)},
		"nil memory store":   {WithClientCredentials("ck", "cs"), WithTokenStore((*MemoryTokenStore)(nil))},
		"negative refresh":   {WithClientCredentials("ck", "cs"), WithTokenRefreshBefore(-time.Second)},
		"bad placement":      {WithClientCredentials("ck", "cs"), WithTokenPlacement(TokenPlacement(9))},
		"nil clock":          {WithClientCredentials("ck", "cs"), WithClock(nil)},
		"negative attempts":  {WithClientCredentials("ck", "cs"), WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: -1})},
		"negative max delay": {WithClientCredentials("ck", "cs"), WithRetryPolicy(hotelsdk.RetryPolicy{MaxDelay: -1})},
	} {
		c, err := NewClient(opts...)
		assert.Error(t, err, name)
		assert.Nil(t, c, name)
	}
}

func TestClientOptionsReachTheWire(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, "http://douyin.test/base"+PathClientToken, obTokenAnswer("clt.1", 7200))
	st := obMock(mt, http.MethodPost, "http://douyin.test/base"+PathOrderStatus, obJSON(200, obOKStatus))
	var requests, responses int
	hc := &http.Client{Transport: http.DefaultTransport}
	c, err := NewClient(WithHTTPClient(hc), WithTransport(mt), WithBaseURL("http://douyin.test/base"),
		WithClientCredentials("ck", "cs"), WithUserAgent("my-app/1.0"), WithTokenRefreshBefore(time.Minute),
		WithHooks(hotelsdk.Hooks{
			OnRequest:  func(context.Context, hotelsdk.RequestInfo) { requests++ },
			OnResponse: func(context.Context, hotelsdk.ResponseInfo) { responses++ },
		}))
	require.NoError(t, err)
	_, err = c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.NoError(t, err)
	assert.Equal(t, "my-app/1.0", st.requests()[0].Header.Get("User-Agent"))
	assert.Equal(t, "/base/poi/order/status", st.requests()[0].Path)
	assert.Equal(t, 2, requests)
	assert.Equal(t, 2, responses)
	assert.Equal(t, http.DefaultTransport, hc.Transport, "the caller's client is not modified")
}

type emptyTokenSource struct{}

func (emptyTokenSource) Token(context.Context) (Token, error) { return Token{}, nil }

func TestEmptyTokenFromSourceIsAnError(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
	c, err := NewClient(WithTransport(mt), WithTokenSource(emptyTokenSource{}))
	require.NoError(t, err)
	_, err = c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.ErrorContains(t, err, "empty access token")
	assert.Zero(t, st.count())
}

func TestNilContextDoesNotPanic(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 7200))
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
	c := newOutboundClient(t, mt, newObClock())
	var nilCtx context.Context
	_, err := c.UpdateOrderStatus(nilCtx, validStatusRequest())
	require.NoError(t, err)
	_, err = c.FetchClientToken(nilCtx)
	require.NoError(t, err)
	assert.Equal(t, 1, st.count())
}
