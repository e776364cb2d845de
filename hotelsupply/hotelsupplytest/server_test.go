package hotelsupplytest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

var fastRetry = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}

func newShop(t *testing.T) *hotelsupplytest.Server {
	t.Helper()
	s := hotelsupplytest.NewServer()
	t.Cleanup(s.Close)
	return s
}

func newClient(t *testing.T, s *hotelsupplytest.Server, opts ...hotelsupply.Option) *hotelsupply.Client {
	t.Helper()
	all := append(s.ClientOptions(), hotelsupply.WithRetryPolicy(fastRetry), hotelsupply.WithHTTPClient(s.Client()))
	c, err := hotelsupply.NewClient(append(all, opts...)...)
	require.NoError(t, err)
	return c
}

func wikiStay() []hotelsupply.DatePrice {
	return []hotelsupply.DatePrice{
		{Date: hotelsupply.NewDate(2020, 3, 19), Price: hotelsupply.MustMoney("100")},
		{Date: hotelsupply.NewDate(2020, 3, 20), Price: hotelsupply.MustMoney("50")},
		{Date: hotelsupply.NewDate(2020, 3, 21), Price: hotelsupply.MustMoney("70")},
	}
}

func goodsBuy() *hotelsupply.GoodsBuyRequest {
	return &hotelsupply.GoodsBuyRequest{HotelID: hotelsupplytest.DefaultHotelID, RoomTypeID: hotelsupplytest.DefaultRoomTypeID,
		Rooms: 2, DatePrices: wikiStay()}
}

func book() *hotelsupply.BookRequest {
	return &hotelsupply.BookRequest{GoodsBuyRequest: *goodsBuy(), GuestName: "测试", Phone: "15012345678", Note: "高楼层",
		DeductionCodes: []string{"point"}}
}

func create(preID string) *hotelsupply.CreateOrderRequest {
	return &hotelsupply.CreateOrderRequest{HotelID: hotelsupplytest.DefaultHotelID, RoomTypeID: hotelsupplytest.DefaultRoomTypeID,
		Rooms: 2, DatePrices: wikiStay(), GuestName: "测试", Phone: "15012345678", Orders: []hotelsupply.OrderRef{{PreID: preID}}}
}

func TestBookAgainstTheSandbox(t *testing.T) {
	t.Parallel()
	s := newShop(t)
	c := newClient(t, s)
	res, err := c.Book(context.Background(), book())
	require.NoError(t, err)

	q := res.Quote
	assert.Equal(t, "440.00", q.TotalPrice.String(), "(100+50+70) × 2 rooms")
	o := q.Orders[0]
	assert.Len(t, string(o.PreID), 32)
	assert.Equal(t, hotelsupply.String("杭州云廊小庐"), o.HotelOrder.Hotel.Name)
	assert.Equal(t, hotelsupply.String("山景大床房"), o.HotelOrder.Hotel.Room.Name)
	assert.True(t, o.HotelOrder.StartAt.Equal(hotelsupply.NewDate(2020, 3, 19).Time()))
	assert.True(t, o.HotelOrder.EndAt.Equal(hotelsupply.NewDate(2020, 3, 22).Time()))
	assert.Equal(t, []int64{1}, res.Order.OrderIDs)

	orders := s.Orders()
	require.Len(t, orders, 1)
	got := orders[0]
	assert.Equal(t, int64(1), got.ID)
	assert.Equal(t, string(o.PreID), got.PreID)
	assert.Equal(t, string(o.OrderSN), got.OrderSN)
	assert.Equal(t, "测试", got.GuestName)
	assert.Equal(t, "15012345678", got.Phone)
	assert.Equal(t, "高楼层", got.Note)
	assert.Equal(t, []string{"point"}, got.DeductionCodes)
	assert.Equal(t, 2, got.Rooms)
	assert.Equal(t, "440.00", got.Total.String())
	assert.Len(t, got.Nights, 3)
	assert.Nil(t, got.Invoice)
	_, found := s.Order(1)
	assert.True(t, found)
	_, found = s.Order(99)
	assert.False(t, found)

	reqs := s.Requests("")
	require.Len(t, reqs, 3)
	assert.Equal(t, []string{hotelsupply.RouteLogin, hotelsupply.RouteGoodsBuy, hotelsupply.RouteCreate},
		[]string{reqs[0].Route, reqs[1].Route, reqs[2].Route})
	assert.Equal(t, hotelsupplytest.DefaultMobile, reqs[0].Form.Get("mobile"))
	assert.Empty(t, reqs[0].Cookie)
	assert.NotEmpty(t, reqs[1].Cookie, "the session cookie is sent")
	assert.Equal(t, reqs[1].Cookie, reqs[2].Cookie)
	assert.Equal(t, `[{"date":"19/03/2020","price":100},{"date":"20/03/2020","price":50},{"date":"21/03/2020","price":70}]`, reqs[1].Query.Get("date_price"))
	for _, r := range reqs {
		assert.True(t, r.Served)
		assert.Equal(t, 1, r.Result)
	}
}

func TestSandboxAnswersInThePHPStyle(t *testing.T) {
	t.Parallel()
	s := newShop(t)
	c := newClient(t, s)
	require.NoError(t, c.Login(context.Background()))
	assert.Len(t, s.Requests(hotelsupply.RouteLogin), 1)

	// A raw request with a session of its own shows the wire form.
	hc := *s.Client()
	hc.Jar = &oneCookieJar{}
	login := url.Values{"mobile": {hotelsupplytest.DefaultMobile}, "password": {hotelsupplytest.DefaultPassword}}
	resp, err := hc.PostForm(s.URL()+"?i=6&type=5&uuid=0&route="+hotelsupply.RouteLogin, login)
	require.NoError(t, err)
	resp.Body.Close()
	q := url.Values{"i": {"6"}, "type": {"5"}, "uuid": {"0"}, "route": {hotelsupply.RouteGoodsBuy},
		"hotel_id": {"1385"}, "sid": {"4499"}, "nums": {"2"},
		"date_price": {`[{"date":"19\/03\/2020","price":"100.00"},{"date":"2020-03-20","price":50},{"date":"21/03/2020","price":70}]`}}
	resp, err = hc.Get(s.URL() + "?" + q.Encode())
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html; charset=UTF-8", resp.Header.Get("Content-Type"))

	var tree map[string]any
	require.NoError(t, json.Unmarshal(body, &tree))
	assert.EqualValues(t, 1, tree["result"])
	data := tree["data"].(map[string]any)
	assert.Equal(t, "440.00", data["total_price"], "money as strings")
	assert.Equal(t, []any{}, data["fee_items"], "empty lists as []")
	order := data["orders"].([]any)[0].(map[string]any)
	assert.Nil(t, order["note"])
	assert.Equal(t, []any{}, order["order_settings"])
	hso := order["hotel_supply_order"].(map[string]any)
	assert.Equal(t, "6", hso["uniacid"], "ids as strings")
	assert.Equal(t, "1385", hso["hotel_id"])
	assert.Equal(t, "2", hso["nums"])
	assert.EqualValues(t, 1584547200, hso["start_at"], "unix seconds of 2020-03-19 CST")
	hotel := hso["hotel"].(map[string]any)
	assert.EqualValues(t, 1385, hotel["hotel_id"], "the same id as a number one level down")
	assert.Equal(t, "PARKING,WIFI", hotel["other"])
	assert.Equal(t, "2020-03-11 14:49:50", hotel["created_at"])
	goods := order["order_goods"].([]any)[0].(map[string]any)
	assert.EqualValues(t, 1, goods["need_address"])
	assert.Contains(t, goods["order_goods_deductions"], "1")
	assert.Equal(t, []any{}, data["dispatch"].(map[string]any)["default_member_address"], "no address: []")
}

// oneCookieJar is a minimal jar for raw requests in one test.
type oneCookieJar struct{ cookies []*http.Cookie }

func (j *oneCookieJar) SetCookies(_ *url.URL, cs []*http.Cookie) {
	j.cookies = append(j.cookies, cs...)
}
func (j *oneCookieJar) Cookies(*url.URL) []*http.Cookie { return j.cookies }

func TestSandboxSessions(t *testing.T) {
	t.Parallel()
	t.Run("expired session: the client logs in again", func(t *testing.T) {
		t.Parallel()
		s := newShop(t)
		c := newClient(t, s)
		_, err := c.GoodsBuy(context.Background(), goodsBuy())
		require.NoError(t, err)
		s.ExpireSessions()
		_, err = c.GoodsBuy(context.Background(), goodsBuy())
		require.NoError(t, err)
		assert.Len(t, s.Requests(hotelsupply.RouteLogin), 2)
		gb := s.Requests(hotelsupply.RouteGoodsBuy)
		require.Len(t, gb, 3)
		assert.Equal(t, []int{1, 0, 1}, []int{gb[0].Result, gb[1].Result, gb[2].Result})
	})
	t.Run("expired session on create: repeated once, one order", func(t *testing.T) {
		t.Parallel()
		s := newShop(t)
		c := newClient(t, s)
		q, err := c.GoodsBuy(context.Background(), goodsBuy())
		require.NoError(t, err)
		s.ExpireSessions()
		res, err := c.CreateOrder(context.Background(), create(q.PreIDs()[0]))
		require.NoError(t, err)
		assert.Equal(t, []int64{1}, res.OrderIDs)
		assert.Len(t, s.Orders(), 1)
		assert.Len(t, s.Requests(hotelsupply.RouteCreate), 2)
	})
	t.Run("no credentials: please log in", func(t *testing.T) {
		t.Parallel()
		s := newShop(t)
		c := newClient(t, s, hotelsupply.WithCredentials("", ""))
		_, err := c.GoodsBuy(context.Background(), goodsBuy())
		require.ErrorIs(t, err, hotelsupply.ErrNotLoggedIn)
		c = newClient(t, s, hotelsupply.WithCredentials("", ""), hotelsupply.WithClientType(2))
		_, err = c.GoodsBuy(context.Background(), goodsBuy())
		require.ErrorIs(t, err, hotelsupply.ErrNotLoggedIn)
		var apiErr *hotelsupply.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 41009, apiErr.Result, "the mini-program's form")
	})
	t.Run("a uuid pins the session across clients", func(t *testing.T) {
		t.Parallel()
		s := newShop(t)
		a := newClient(t, s, hotelsupply.WithUUID("device-1"))
		require.NoError(t, a.Login(context.Background()))
		b := newClient(t, s, hotelsupply.WithUUID("device-1"), hotelsupply.WithCredentials("", ""))
		_, err := b.GoodsBuy(context.Background(), goodsBuy())
		require.NoError(t, err)
		other := newClient(t, s, hotelsupply.WithUUID("device-2"), hotelsupply.WithCredentials("", ""))
		_, err = other.GoodsBuy(context.Background(), goodsBuy())
		require.ErrorIs(t, err, hotelsupply.ErrNotLoggedIn)
	})
	t.Run("clients never share cookies", func(t *testing.T) {
		t.Parallel()
		s := newShop(t)
		a := newClient(t, s)
		require.NoError(t, a.Login(context.Background()))
		b := newClient(t, s, hotelsupply.WithCredentials("", ""))
		_, err := b.GoodsBuy(context.Background(), goodsBuy())
		require.ErrorIs(t, err, hotelsupply.ErrNotLoggedIn)
	})
}

func TestSandboxRefusals(t *testing.T) {
	t.Parallel()
	hotel := hotelsupplytest.DefaultHotel()
	hotel.Rooms[0].MaxRooms = 3
	s := hotelsupplytest.NewServer(
		hotelsupplytest.WithMembers(hotelsupplytest.Member{Mobile: "13900000000", Password: "p", UID: 9, Blacklisted: true}),
		hotelsupplytest.WithHotels(hotel))
	t.Cleanup(s.Close)
	ctx := context.Background()

	for _, tc := range []struct {
		name   string
		opts   []hotelsupply.Option
		target error
	}{
		{"wrong password", []hotelsupply.Option{hotelsupply.WithCredentials(hotelsupplytest.DefaultMobile, "nope")}, hotelsupply.ErrLoginFailed},
		{"unknown member", []hotelsupply.Option{hotelsupply.WithCredentials("13700000000", "x")}, hotelsupply.ErrLoginFailed},
		{"blacklisted", []hotelsupply.Option{hotelsupply.WithCredentials("13900000000", "p")}, hotelsupply.ErrBlacklisted},
		{"unknown shop", []hotelsupply.Option{hotelsupply.WithUniacid(7)}, hotelsupply.ErrUnknownShop},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := newClient(t, s, tc.opts...).Login(ctx)
			assert.ErrorIs(t, err, tc.target)
		})
	}

	c := newClient(t, s)
	for _, tc := range []struct {
		name string
		req  func() *hotelsupply.GoodsBuyRequest
		msg  string
	}{
		{"unknown hotel", func() *hotelsupply.GoodsBuyRequest { r := goodsBuy(); r.HotelID = 1; return r }, "酒店或房型不存在"},
		{"unknown room", func() *hotelsupply.GoodsBuyRequest { r := goodsBuy(); r.RoomTypeID = 1; return r }, "酒店或房型不存在"},
		{"too many rooms", func() *hotelsupply.GoodsBuyRequest { r := goodsBuy(); r.Rooms = 4; return r }, "库存不足"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.GoodsBuy(ctx, tc.req())
			var apiErr *hotelsupply.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.msg, apiErr.Msg)
		})
	}
	t.Run("unknown pre_id", func(t *testing.T) {
		_, err := c.CreateOrder(ctx, create("0123456789abcdef0123456789abcdef"))
		var apiErr *hotelsupply.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, "预下单不存在或已失效", apiErr.Msg)
		assert.Empty(t, s.Orders())
	})
	t.Run("site closed", func(t *testing.T) {
		s.SetClosed(true)
		defer s.SetClosed(false)
		_, err := c.GoodsBuy(ctx, goodsBuy())
		assert.ErrorIs(t, err, hotelsupply.ErrSiteClosed)
	})
	t.Run("unknown route and path", func(t *testing.T) {
		resp, err := s.Client().Get(s.URL() + "?i=6&route=nope.index")
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.JSONEq(t, `{"result":0,"msg":"不存在的接口","data":[]}`, string(b))
		resp, err = s.Client().Get(s.URL() + "x")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	})
}

func TestSandboxRecordsInvoices(t *testing.T) {
	t.Parallel()
	s := newShop(t)
	c := newClient(t, s, hotelsupply.WithDateFormat(hotelsupply.DateISO))
	req := book()
	req.MemberCouponIDs = []int64{3}
	req.Invoice = &hotelsupply.Invoice{Type: hotelsupply.InvoiceElectronic, TitleType: hotelsupply.RiseCompany, Title: "某公司", TaxID: "9133"}
	_, err := c.Book(context.Background(), req)
	require.NoError(t, err)
	o := s.Orders()[0]
	require.NotNil(t, o.Invoice)
	assert.Equal(t, hotelsupplytest.Invoice{Type: 0, RiseType: 0, Title: "某公司", TaxID: "9133", TotalPrice: o.Invoice.TotalPrice}, *o.Invoice)
	assert.Equal(t, "440.00", o.Invoice.TotalPrice.String())
	assert.Equal(t, []int64{3}, o.MemberCouponIDs)
	assert.Contains(t, s.Requests(hotelsupply.RouteGoodsBuy)[0].Query.Get("date_price"), "2020-03-19")

	// Creating from the same pre_id again makes a second order, as on the real shop.
	res, err := c.CreateOrder(context.Background(), create(o.PreID))
	require.NoError(t, err)
	assert.Equal(t, []int64{2}, res.OrderIDs)
	assert.Len(t, s.Orders(), 2)
}
