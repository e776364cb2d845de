package douyin

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// connCounter counts a loopback server's connections by state.
type connCounter struct {
	mu     sync.Mutex
	opened int
	closed chan struct{}
}

func newCountingDouyin(t *testing.T) (*httptest.Server, *connCounter) {
	t.Helper()
	cc := &connCounter{closed: make(chan struct{}, 16)}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, PathClientToken) {
			_, _ = io.WriteString(w, `{"data":{"access_token":"clt.1","expires_in":7200,"error_code":0,"description":""},"message":"success"}`)
			return
		}
		_, _ = io.WriteString(w, obOKStatus)
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		cc.mu.Lock()
		defer cc.mu.Unlock()
		switch st {
		case http.StateNew:
			cc.opened++
		case http.StateClosed:
			cc.closed <- struct{}{}
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, cc
}

// Issue 10 §13: a client's own connection pool lingered after the client
// was dropped. Close releases it, is idempotent, and later calls fail.
func TestCloseReleasesTheClientsConnections(t *testing.T) {
	t.Parallel()
	srv, cc := newCountingDouyin(t)
	c, err := NewClient(WithBaseURL(srv.URL), WithClientCredentials("ck", "cs"))
	require.NoError(t, err)
	_, err = c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.NoError(t, err)
	require.NoError(t, c.Close())
	select {
	case <-cc.closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the idle connection was not closed by Close")
	}
	require.NoError(t, c.Close(), "a second Close")
	res, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
	assert.Nil(t, res)
	require.EqualError(t, err, "douyin: order.status: Client closed")
	_, err = c.SyncOrder(context.Background(), validSyncRequest())
	require.EqualError(t, err, "douyin: order.sync: Client closed")
	assert.Equal(t, srv.URL, c.BaseURL(), "a closed client still describes itself")
	var nilClient *Client
	assert.NoError(t, nilClient.Close())
	assert.NoError(t, (&Client{}).Close())
}

// Close leaves an *http.Client of the caller's alone: its idle connection
// stays open and is reused by another client.
func TestCloseLeavesTheCallersHTTPClientAlone(t *testing.T) {
	t.Parallel()
	srv, cc := newCountingDouyin(t)
	hc := &http.Client{Transport: &http.Transport{}}
	c, err := NewClient(WithBaseURL(srv.URL), WithClientCredentials("ck", "cs"), WithHTTPClient(hc))
	require.NoError(t, err)
	_, err = c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.NoError(t, err)
	require.NoError(t, c.Close())
	c2, err := NewClient(WithBaseURL(srv.URL), WithTokenSource(StaticTokenSource(Token{AccessToken: "clt.1"})), WithHTTPClient(hc))
	require.NoError(t, err)
	_, err = c2.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.NoError(t, err)
	cc.mu.Lock()
	defer cc.mu.Unlock()
	assert.Equal(t, 1, cc.opened, "the caller's pool kept its connection")
	assert.Empty(t, cc.closed)
}
