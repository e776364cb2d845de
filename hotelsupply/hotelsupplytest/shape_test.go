package hotelsupplytest_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

// TestZeroAndNilServerDoNotPanic: every method of a nil or zero Server
// does nothing or returns nothing; Close is idempotent.
func TestZeroAndNilServerDoNotPanic(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]*hotelsupplytest.Server{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			s.Close()
			s.Close()
			assert.Empty(t, s.URL())
			assert.Equal(t, http.DefaultClient, s.Client())
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, hotelsupplytest.APIPath, nil))
			assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
			assert.Empty(t, s.Requests(""))
			assert.Empty(t, s.Orders())
			_, ok := s.Order(1)
			assert.False(t, ok)
			s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.NonJSON})
			s.ResetFaults()
			assert.Zero(t, s.PendingFaults())
			assert.Zero(t, s.FaultsInjected(hotelsdktest.NonJSON))
			s.ExpireSessions()
			s.SetClosed(true)
			_, err := hotelsupply.NewClient(s.ClientOptions()...)
			assert.ErrorContains(t, err, "base URL is required")
		})
	}
	s := hotelsupplytest.NewServer()
	s.Close()
	s.Close() // a second Close does nothing
}

// TestServerShape: URL, Client, Handler, WithListener and the exported
// test credentials.
func TestServerShape(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := hotelsupplytest.NewServer(hotelsupplytest.WithListener(l), nil)
	t.Cleanup(s.Close)
	assert.Equal(t, "http://"+l.Addr().String()+hotelsupplytest.APIPath, s.URL())

	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL(s.URL()), hotelsupply.WithUniacid(hotelsupplytest.DefaultUniacid),
		hotelsupply.WithCredentials(hotelsupplytest.DefaultMobile, hotelsupplytest.DefaultPassword),
		hotelsupply.WithHTTPClient(s.Client()))
	require.NoError(t, err)
	require.NoError(t, c.Login(context.Background()))
	require.Len(t, s.Requests(hotelsupply.RouteLogin), 1)
	assert.Equal(t, hotelsupplytest.DefaultMobile, s.Requests(hotelsupply.RouteLogin)[0].Form.Get("mobile"))

	// Handler serves the same shop (and records what it serves).
	front := httptest.NewServer(s.Handler())
	defer front.Close()
	resp, err := front.Client().Get(front.URL + hotelsupplytest.APIPath + "?i=6&type=5&route=nope.index")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Contains(t, string(body), `"msg":"不存在的接口"`)
	assert.Len(t, s.Requests("nope.index"), 1)
}

// TestServerOptions: members and hotels are added or replaced by key,
// unusable values keep the defaults.
func TestServerOptions(t *testing.T) {
	t.Parallel()
	hotel := hotelsupplytest.DefaultHotel()
	hotel.ID, hotel.Name = 77, "别的酒店"
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, hotelsupply.ShopTimeZone())
	s := hotelsupplytest.NewServer(
		hotelsupplytest.WithUniacid(9), hotelsupplytest.WithUniacid(0), // 0 keeps 9
		hotelsupplytest.WithShopName("店"),
		hotelsupplytest.WithMembers(hotelsupplytest.Member{Mobile: hotelsupplytest.DefaultMobile, Password: "new", UID: 1},
			hotelsupplytest.Member{Password: "no mobile"}),
		hotelsupplytest.WithHotels(hotel),
		hotelsupplytest.WithFirstOrderID(500), hotelsupplytest.WithFirstOrderID(-1),
		hotelsupplytest.WithClock(func() time.Time { return now }), hotelsupplytest.WithClock(nil),
		hotelsupplytest.WithListener(nil),
	)
	t.Cleanup(s.Close)
	assert.True(t, strings.HasPrefix(s.URL(), "http://127.0.0.1:"), "loopback by default")
	c, err := hotelsupply.NewClient(append(s.ClientOptions(), hotelsupply.WithHTTPClient(s.Client()))...)
	require.NoError(t, err)
	stay := hotelsupply.GoodsBuyRequest{HotelID: 77, RoomTypeID: hotelsupplytest.DefaultRoomTypeID, Rooms: 1,
		DatePrices: hotelsupply.Nights(hotelsupply.NewDate(2026, 1, 2), hotelsupply.NewDate(2026, 1, 3), hotelsupply.MustMoney("10"))}
	res, err := c.Book(context.Background(), &hotelsupply.BookRequest{GoodsBuyRequest: stay, GuestName: "张三", Phone: "15012345678"})
	require.NoError(t, err)
	assert.Equal(t, []int64{500}, res.Order.OrderIDs)
	assert.Equal(t, hotelsupply.String("店-别的酒店"), res.Quote.Orders[0].ShopName)
	assert.Equal(t, "9", s.Requests(hotelsupply.RouteLogin)[0].Query.Get("i"))
	assert.Equal(t, "new", s.Requests(hotelsupply.RouteLogin)[0].Form.Get("password"))
	o, ok := s.Order(500)
	require.True(t, ok)
	assert.Equal(t, int64(1), o.MemberUID)
	assert.True(t, o.CreatedAt.Equal(now))
	// The default hotel is still there.
	stay.HotelID = hotelsupplytest.DefaultHotelID
	_, err = c.GoodsBuy(context.Background(), &stay)
	require.NoError(t, err)
}
