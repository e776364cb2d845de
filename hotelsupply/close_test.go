package hotelsupply_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

// connCounter counts a loopback server's connections by state.
type connCounter struct {
	mu     sync.Mutex
	opened int
	closed chan struct{}
}

// newCountingShop serves the sandbox shop on a server that reports its
// connections, and returns the options of a client for it.
func newCountingShop(t *testing.T) (*connCounter, []hotelsupply.Option) {
	t.Helper()
	shop := hotelsupplytest.NewServer()
	t.Cleanup(shop.Close)
	cc := &connCounter{closed: make(chan struct{}, 16)}
	srv := httptest.NewUnstartedServer(shop.Handler())
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
	return cc, []hotelsupply.Option{
		hotelsupply.WithBaseURL(srv.URL + hotelsupplytest.APIPath),
		hotelsupply.WithUniacid(hotelsupplytest.DefaultUniacid),
		hotelsupply.WithCredentials(hotelsupplytest.DefaultMobile, hotelsupplytest.DefaultPassword),
	}
}

// Issue 10 §13: a client's own connection pool lingered after the client
// was dropped. Close releases it, is idempotent, and later calls fail.
func TestCloseReleasesTheClientsConnections(t *testing.T) {
	t.Parallel()
	cc, opts := newCountingShop(t)
	c, err := hotelsupply.NewClient(opts...)
	require.NoError(t, err)
	require.NoError(t, c.Login(context.Background()))
	require.NoError(t, c.Close())
	select {
	case <-cc.closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the idle connection was not closed by Close")
	}
	require.NoError(t, c.Close(), "a second Close")

	require.EqualError(t, c.Login(context.Background()), "hotelsupply: login: client closed")
	res, err := c.GoodsBuy(context.Background(), &hotelsupply.GoodsBuyRequest{})
	assert.Nil(t, res)
	require.EqualError(t, err, "hotelsupply: goods-buy: client closed", "closed is said before the request is checked")
	created, err := c.CreateOrder(context.Background(), &hotelsupply.CreateOrderRequest{})
	assert.Nil(t, created)
	require.EqualError(t, err, "hotelsupply: create: client closed")
	booked, err := c.Book(context.Background(), &hotelsupply.BookRequest{})
	assert.Nil(t, booked)
	require.EqualError(t, err, "hotelsupply: book: client closed")
	assert.Contains(t, c.BaseURL(), hotelsupplytest.APIPath, "a closed client still describes itself")
	assert.Contains(t, c.String(), "uniacid=")

	var nilClient *hotelsupply.Client
	assert.NoError(t, nilClient.Close())
	assert.NoError(t, (&hotelsupply.Client{}).Close())
	assert.NoError(t, (&hotelsupply.Client{}).Close(), "twice on a zero Client")
}

// Close leaves an *http.Client of the caller's alone: its idle connection
// stays open and is reused by another client.
func TestCloseLeavesTheCallersHTTPClientAlone(t *testing.T) {
	t.Parallel()
	cc, opts := newCountingShop(t)
	hc := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(hc.CloseIdleConnections)
	c, err := hotelsupply.NewClient(append(opts, hotelsupply.WithHTTPClient(hc))...)
	require.NoError(t, err)
	require.NoError(t, c.Login(context.Background()))
	require.NoError(t, c.Close())
	c2, err := hotelsupply.NewClient(append(opts, hotelsupply.WithHTTPClient(hc))...)
	require.NoError(t, err)
	require.NoError(t, c2.Login(context.Background()))
	cc.mu.Lock()
	defer cc.mu.Unlock()
	assert.Equal(t, 1, cc.opened, "the caller's pool kept its connection")
	assert.Empty(t, cc.closed)
}

// A round tripper of the caller's is left alone too.
func TestCloseLeavesTheCallersTransportAlone(t *testing.T) {
	t.Parallel()
	cc, opts := newCountingShop(t)
	rt := &http.Transport{}
	t.Cleanup(rt.CloseIdleConnections)
	c, err := hotelsupply.NewClient(append(opts, hotelsupply.WithTransport(rt))...)
	require.NoError(t, err)
	require.NoError(t, c.Login(context.Background()))
	require.NoError(t, c.Close())
	c2, err := hotelsupply.NewClient(append(opts, hotelsupply.WithTransport(rt))...)
	require.NoError(t, err)
	require.NoError(t, c2.Login(context.Background()))
	cc.mu.Lock()
	defer cc.mu.Unlock()
	assert.Equal(t, 1, cc.opened, "the caller's transport kept its connection")
	assert.Empty(t, cc.closed)
}
