package hotelsupply_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

func TestValidationReportsEveryProblemAndSendsNothing(t *testing.T) {
	t.Parallel()
	gap := wikiStay()
	gap[2].Date = hotelsupply.NewDate(2020, 3, 23)
	unordered := wikiStay()
	unordered[0], unordered[1] = unordered[1], unordered[0]

	for _, tc := range []struct {
		name   string
		create *hotelsupply.CreateOrderRequest
		gb     *hotelsupply.GoodsBuyRequest
		fields []string
	}{
		{name: "goods-buy nil", gb: nil, fields: []string{""}},
		{name: "goods-buy zero", gb: &hotelsupply.GoodsBuyRequest{},
			fields: []string{"hotel_id", "sid", "nums", "date_price"}},
		{name: "goods-buy bad nights", gb: &hotelsupply.GoodsBuyRequest{HotelID: 1, RoomTypeID: 2, Rooms: 1,
			DatePrices:      []hotelsupply.DatePrice{{Price: hotelsupply.MustMoney("-1")}, {Date: hotelsupply.NewDate(2020, 1, 1)}},
			MemberCouponIDs: []int64{3, 0}},
			fields: []string{"date_price[0].date", "date_price[0].price", "member_coupon_ids[1]"}},
		{name: "goods-buy gap between nights", gb: &hotelsupply.GoodsBuyRequest{HotelID: 1, RoomTypeID: 2, Rooms: 1, DatePrices: gap},
			fields: []string{"date_price[2].date"}},
		{name: "goods-buy nights out of order", gb: &hotelsupply.GoodsBuyRequest{HotelID: 1, RoomTypeID: 2, Rooms: 1, DatePrices: unordered},
			fields: []string{"date_price[1].date", "date_price[2].date"}},
		{name: "create nil", create: nil, fields: []string{""}},
		{name: "create without guest, orders", create: &hotelsupply.CreateOrderRequest{HotelID: 1, RoomTypeID: 2, Rooms: 1, DatePrices: wikiStay()},
			fields: []string{"user_name", "tel", "orders"}},
		{name: "create bad phone and pre_id", create: &hotelsupply.CreateOrderRequest{HotelID: 1, RoomTypeID: 2, Rooms: 1, DatePrices: wikiStay(),
			GuestName: testGuest, Phone: "1501234567x",
			Orders: []hotelsupply.OrderRef{{PreID: ""}, {PreID: "a b"}, {PreID: "ok", DeductionCodes: []string{" "}}}},
			fields: []string{"tel", "orders[0].pre_id", "orders[1].pre_id", "orders[2].deduction_ids[0]"}},
		{name: "create bad invoice", create: &hotelsupply.CreateOrderRequest{HotelID: 1, RoomTypeID: 2, Rooms: 1, DatePrices: wikiStay(),
			GuestName: testGuest, Phone: testPhone, Orders: []hotelsupply.OrderRef{{PreID: "abc"}},
			Invoice: &hotelsupply.Invoice{Type: 2, TitleType: 5}},
			fields: []string{"invoice_type", "rise_type", "call", "total_price"}},
		{name: "create company invoice without tax id", create: &hotelsupply.CreateOrderRequest{HotelID: 1, RoomTypeID: 2, Rooms: 1, DatePrices: wikiStay(),
			GuestName: testGuest, Phone: testPhone, Orders: []hotelsupply.OrderRef{{PreID: "abc"}},
			Invoice: &hotelsupply.Invoice{TitleType: hotelsupply.RiseCompany, Title: "公司", TotalPrice: hotelsupply.MustMoney("-2")}},
			fields: []string{"ncompany_numberote", "total_price"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			shop := newMockShop()
			c := newTestClient(t, shop)
			var err error
			if tc.create != nil || tc.gb == nil && tc.name[:6] == "create" {
				_, err = c.CreateOrder(context.Background(), tc.create)
			} else {
				_, err = c.GoodsBuy(context.Background(), tc.gb)
			}
			require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
			var ve *hotelsdk.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.fields, fields(ve))
			assert.NotContains(t, err.Error(), testGuest)
			assert.NotContains(t, err.Error(), "1501234567x", "a personal value is never repeated")
			assert.Empty(t, shop.requests(""), "nothing is sent")
		})
	}
}

func TestPlausiblePhones(t *testing.T) {
	t.Parallel()
	base := wikiCreate()
	for phone, ok := range map[string]bool{
		"15012345678": true, "150 1234 5678": true, "0571-86908751": true, "+86 150 1234 5678": true,
		"+44 20 7946 0958": true, "12012345678": false, "1501234567": false, "123": false, "abc": false,
		"+1234567890123456": false, "(0571) 8690 8751": true,
	} {
		req := *base
		req.Phone = phone
		shop := newMockShop()
		shop.queue(hotelsupply.RouteLogin, loginOK())
		shop.queue(hotelsupply.RouteCreate, jsonResp(200, `{"result":1,"data":{"order_ids":"1"}}`))
		c := newTestClient(t, shop)
		_, err := c.CreateOrder(context.Background(), &req)
		if ok {
			assert.NoError(t, err, phone)
		} else {
			assert.ErrorIs(t, err, hotelsdk.ErrInvalidRequest, phone)
		}
	}
}

func TestNights(t *testing.T) {
	t.Parallel()
	n := hotelsupply.Nights(hotelsupply.NewDate(2020, 3, 19), hotelsupply.NewDate(2020, 3, 22), hotelsupply.MustMoney("88.50"))
	require.Len(t, n, 3)
	assert.Equal(t, hotelsupply.NewDate(2020, 3, 21), n[2].Date)
	assert.Equal(t, "88.50", n[2].Price.String())
	assert.Empty(t, hotelsupply.Nights(hotelsupply.NewDate(2020, 3, 19), hotelsupply.NewDate(2020, 3, 19), hotelsupply.Money{}))
	// Across a month end, in another zone.
	n = hotelsupply.Nights(hotelsupply.DateOf(time.Date(2024, 2, 28, 15, 0, 0, 0, time.UTC)), hotelsupply.DateOf(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)), hotelsupply.MustMoney("1"))
	assert.Len(t, n, 2)
}

func TestNewClientRejectsBadConfiguration(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opts []hotelsupply.Option
		want string
	}{
		{"no base URL", []hotelsupply.Option{hotelsupply.WithUniacid(6)}, "base URL is required"},
		{"relative base URL", []hotelsupply.Option{hotelsupply.WithBaseURL("shop.test/api.php"), hotelsupply.WithUniacid(6)}, "absolute http(s) URL"},
		{"base URL with query", []hotelsupply.Option{hotelsupply.WithBaseURL(testBase + "?i=6"), hotelsupply.WithUniacid(6)}, "query"},
		{"no uniacid", []hotelsupply.Option{hotelsupply.WithBaseURL(testBase)}, "uniacid"},
		{"half credentials", []hotelsupply.Option{hotelsupply.WithBaseURL(testBase), hotelsupply.WithUniacid(6), hotelsupply.WithCredentials(testMobile, "")}, "both mobile and password"},
		{"bad type, mid, date format", []hotelsupply.Option{hotelsupply.WithBaseURL(testBase), hotelsupply.WithUniacid(6),
			hotelsupply.WithClientType(-1), hotelsupply.WithMemberID(-1), hotelsupply.WithDateFormat(7)}, "client type must be positive; member id (mid) must not be negative; unknown date format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := hotelsupply.NewClient(tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), testMobile)
		})
	}
}

func TestNewClientCompletesABareHost(t *testing.T) {
	t.Parallel()
	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL("https://shop.test"), hotelsupply.WithUniacid(6), nil)
	require.NoError(t, err)
	assert.Equal(t, testBase, c.BaseURL())
	c, err = hotelsupply.NewClient(hotelsupply.WithBaseURL("http://127.0.0.1:8080/api.php/"), hotelsupply.WithUniacid(6))
	require.NoError(t, err)
	assert.Equal(t, "http://127.0.0.1:8080/api.php", c.BaseURL())
}
