package hotelsupply_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// TestTransportErrorsNameThePath: a failure below HTTP names the shop's
// API path, not an empty one (issue 10 §8: "create: POST : read tcp …").
func TestTransportErrorsNameThePath(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.handle(hotelsupply.RouteCreate, func(*http.Request) (*http.Response, error) {
		return nil, errors.New("read tcp: connection reset by peer")
	})
	c := newTestClient(t, shop, hotelsupply.WithBaseURL("https://shop.test/mall/addons/yun_shop/api.php"))
	_, err := c.CreateOrder(context.Background(), wikiCreate())
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "/mall/addons/yun_shop/api.php", te.Path)
	assert.Contains(t, err.Error(), "create: POST /mall/addons/yun_shop/api.php: ")
	assert.NotContains(t, err.Error(), "route=", "never the query")
	assert.Equal(t, "https://shop.test/mall/addons/yun_shop/api.php", c.BaseURL())
	for _, r := range shop.requests("") {
		assert.Equal(t, "/mall/addons/yun_shop/api.php", r.Path, "requests still go to the entry point")
	}
}
