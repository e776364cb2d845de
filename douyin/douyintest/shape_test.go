package douyintest_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sandbox has the shape every sandbox of the module has.
func TestSandboxShape(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := douyintest.NewServer(douyintest.WithListener(l))
	assert.Equal(t, "http://"+l.Addr().String(), s.URL(), "served on the given listener")
	key, secret := s.Credentials()
	assert.Equal(t, douyintest.DefaultClientKey, key)
	assert.Equal(t, douyintest.DefaultClientSecret, secret)

	c, err := douyin.NewClient(douyin.WithBaseURL(s.URL()), douyin.WithHTTPClient(s.Client()),
		douyin.WithClientCredentials(s.Credentials()))
	require.NoError(t, err)
	_, err = c.UpdateOrderStatus(context.Background(), statusReq())
	require.NoError(t, err)

	s.Close()
	s.Close() // idempotent
	_, err = c.UpdateOrderStatus(context.Background(), statusReq())
	require.Error(t, err, "closed")

	// The handler can be mounted elsewhere and behaves the same.
	s2 := newSandbox(t)
	mounted := httptest.NewServer(s2.Handler())
	defer mounted.Close()
	resp, err := http.Post(mounted.URL+douyin.PathClientToken, "application/json",
		strings.NewReader(`{"client_key":"`+douyintest.DefaultClientKey+`","client_secret":"`+douyintest.DefaultClientSecret+`","grant_type":"client_credential"}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 1, s2.TokenFetches())

	for name, z := range map[string]*douyintest.Server{"nil": nil, "zero": {}} {
		z.Close()
		assert.Empty(t, z.URL(), name)
		k, sec := z.Credentials()
		assert.Empty(t, k+sec, name)
		assert.NotNil(t, z.Client(), name)
		assert.NotNil(t, z.Handler(), name)
		assert.Zero(t, z.PendingFaults(), name)
	}
}

func TestNilSandboxMethodsDoNotPanic(t *testing.T) {
	t.Parallel()
	var s *douyintest.Server
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError})
	s.ResetFaults()
	assert.Zero(t, s.FaultsInjected(hotelsdktest.ServerError))
	s.AddAuthCode("c", "o")
	s.FailNext(douyin.PathOrderStatus, douyin.CodeSystemBusy, "busy")
	s.ExpireTokens()
	s.RevokeTokens()
	s.Reset()
	assert.Zero(t, s.TokenFetches())
	assert.Empty(t, s.Requests())
	assert.Empty(t, s.RequestsTo(douyin.PathOrderStatus))
	assert.Empty(t, s.StatusUpdates())
	assert.Empty(t, s.Syncs())
	_, err := s.NewClient()
	require.Error(t, err)
}
