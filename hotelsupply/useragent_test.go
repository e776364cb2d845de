package hotelsupply_test

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// uaRecorder passes requests on and records the distinct User-Agents it
// saw, by route.
type uaRecorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen map[string][]string
}

func (r *uaRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	route, ua := req.URL.Query().Get("route"), req.Header.Get("User-Agent")
	if r.seen == nil {
		r.seen = map[string][]string{}
	}
	if !slices.Contains(r.seen[route], ua) {
		r.seen[route] = append(r.seen[route], ua)
	}
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

func (r *uaRecorder) byRoute() map[string][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen
}

// userAgentsOfEveryCall makes a client of shop (with opts) log in, quote,
// create an order and book, and returns the User-Agents sent, by route.
func userAgentsOfEveryCall(t *testing.T, opts ...hotelsupply.Option) map[string][]string {
	t.Helper()
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	rec := &uaRecorder{next: shop.Client().Transport}
	c, err := hotelsupply.NewClient(append(append(shop.ClientOptions(), hotelsupply.WithTransport(rec)), opts...)...)
	require.NoError(t, err)
	defer c.Close()

	ctx := context.Background()
	require.NoError(t, c.Login(ctx))
	nights := hotelsupply.Nights(hotelsupply.NewDate(2026, 12, 24), hotelsupply.NewDate(2026, 12, 26), hotelsupply.MustMoney("520"))
	quote, err := c.GoodsBuy(ctx, &hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1, DatePrices: nights})
	require.NoError(t, err)
	_, err = c.CreateOrder(ctx, &hotelsupply.CreateOrderRequest{
		HotelID: 1385, RoomTypeID: 4499, Rooms: 1, DatePrices: nights, GuestName: "张三", Phone: "15012345678",
		Orders: []hotelsupply.OrderRef{{PreID: quote.PreIDs()[0]}},
	})
	require.NoError(t, err)
	_, err = c.Book(ctx, &hotelsupply.BookRequest{
		GoodsBuyRequest: hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1, DatePrices: nights},
		GuestName:       "张三", Phone: "15012345678", MaxTotal: hotelsupply.MustMoney("1200"),
	})
	require.NoError(t, err)
	seen := rec.byRoute()
	require.Len(t, seen, 3, "login, goods-buy and create routes: %v", seen)
	return seen
}

// Every request says "hotelsdk-go/<hotelsdk.Version> (hotelsupply)" (issue
// 13 §4); WithUserAgent replaces it on every request, the login too.
func TestUserAgentIsBuiltFromVersion(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts []hotelsupply.Option
		want string
	}{
		"default":       {nil, "hotelsdk-go/" + hotelsdk.Version + " (hotelsupply)"},
		"WithUserAgent": {[]hotelsupply.Option{hotelsupply.WithUserAgent("my-app/2.0")}, "my-app/2.0"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			for route, uas := range userAgentsOfEveryCall(t, tc.opts...) {
				assert.Equal(t, []string{tc.want}, uas, route)
			}
		})
	}
}
