package douyin

import (
	"context"
	"net/http"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func validHotelDetail() *HotelOrderDetail {
	return &HotelOrderDetail{
		OrderID:       "DY100",
		OrderExtID:    "EXT-1",
		SupplierExtID: "HOTEL-9",
		HotelName:     "西湖酒店",
		SPUExtID:      "ROOM-2",
		RoomName:      "大床房",
		CheckIn:       NewDate(2024, 3, 1),
		CheckOut:      NewDate(2024, 3, 3),
		ReserveAmount: 1,
		TotalPrice:    44000,
		DatePrice: []DatePrice{
			{Date: NewDate(2024, 3, 1), Price: 22000},
			{Date: NewDate(2024, 3, 2), Price: 22000},
		},
		CustomerName:  "张三",
		CustomerPhone: "13800138000",
		CustomerList:  []Customer{{CnName: "张三"}},
		Status:        ConfirmStatusConfirmed,
		PayStatus:     PayStatusPaid,
		CreateTime:    1709294400000,
	}
}

func TestNewHotelSyncOrderEncodesDetail(t *testing.T) {
	t.Parallel()
	req, err := NewHotelSyncOrder(ExtShopInfo{ExtShopID: "HOTEL-9"}, validHotelDetail())
	require.NoError(t, err)
	assert.Equal(t, OrderTypeHotel, req.OrderType)
	assert.Equal(t, `{"order_id":"DY100","order_ext_id":"EXT-1","supplier_ext_id":"HOTEL-9","hotel_name":"西湖酒店","spu_ext_id":"ROOM-2","room_name":"大床房",`+
		`"check_in":"20240301","check_out":"20240303","reserve_amount":1,"total_price":44000,`+
		`"date_price":[{"date":"20240301","date_price":22000},{"date":"20240302","date_price":22000}],`+
		`"customer_name":"张三","customer_phone":"13800138000","customer_list":[{"cn_name":"张三","given_name":"","surname":""}],`+
		`"status":0,"pay_status":1,"create_time":1709294400000}`, req.OrderDetail)

	back, err := ParseHotelOrderDetail(req.OrderDetail)
	require.NoError(t, err)
	assert.Equal(t, validHotelDetail(), back)

	_, err = ParseHotelOrderDetail(`{"check_in":"2024-03-01"}`)
	require.Error(t, err)

	// The detail goes on the wire as a JSON string.
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	sy := obMock(mt, http.MethodPost, obSyncURL, obJSON(200, obSyncOK))
	c := newOutboundClient(t, mt, newObClock())
	_, err = c.SyncOrder(context.Background(), req)
	require.NoError(t, err)
	assert.Contains(t, sy.requests()[0].Body, `"order_detail":"{\"order_id\":\"DY100\"`)
}

func TestHotelOrderDetailZeroStatusesAreSent(t *testing.T) {
	t.Parallel()
	d := validHotelDetail()
	d.PayStatus = PayStatusUnpaid
	d.DatePrice, d.CustomerList, d.CustomerName, d.CustomerPhone, d.HotelName, d.RoomName, d.OrderID, d.CreateTime = nil, nil, "", "", "", "", "", 0
	d.TotalPrice = 0
	s, err := MarshalOrderDetail(d)
	require.NoError(t, err)
	assert.Equal(t, `{"order_ext_id":"EXT-1","supplier_ext_id":"HOTEL-9","spu_ext_id":"ROOM-2","check_in":"20240301","check_out":"20240303","reserve_amount":1,"total_price":0,"status":0,"pay_status":0}`, s)
}

func TestHotelOrderDetailValidation(t *testing.T) {
	t.Parallel()
	fields := func(err error) []string {
		var ve *hotelsdk.ValidationError
		require.ErrorAs(t, err, &ve)
		var out []string
		for _, p := range ve.Problems {
			out = append(out, p.Field)
		}
		return out
	}
	_, err := NewHotelSyncOrder(ExtShopInfo{ExtShopID: "S"}, &HotelOrderDetail{})
	assert.Equal(t, []string{"order_detail.order_ext_id", "order_detail.supplier_ext_id", "order_detail.spu_ext_id",
		"order_detail.check_in", "order_detail.check_out", "order_detail.reserve_amount"}, fields(err))

	d := validHotelDetail()
	d.CheckOut = d.CheckIn
	d.TotalPrice = -1
	d.Status = 9
	d.PayStatus = 5
	d.CreateTime = 1709294400
	d.DatePrice[1].Price = -5
	d.CustomerList = []Customer{{GivenName: "San"}}
	err = d.Validate()
	assert.Equal(t, []string{"order_detail.check_out", "order_detail.total_price", "order_detail.status", "order_detail.pay_status",
		"order_detail.create_time", "order_detail.date_price[1].date_price", "order_detail.customer_list[0]"}, fields(err))
	assert.NotContains(t, err.Error(), "San", "personal values are never quoted")

	d = validHotelDetail()
	d.DatePrice = []DatePrice{{Date: NewDate(2024, 3, 2), Price: 1}, {}, {Date: NewDate(2024, 3, 9), Price: 1}}
	assert.Equal(t, []string{"order_detail.date_price", "order_detail.date_price[0].date", "order_detail.date_price[1].date",
		"order_detail.date_price[2].date"}, fields(d.Validate()))

	var nilDetail *HotelOrderDetail
	assert.Equal(t, []string{"order_detail"}, fields(nilDetail.Validate()))
}

func TestMarshalOrderDetail(t *testing.T) {
	t.Parallel()
	s, err := MarshalOrderDetail(map[string]any{"a": 1})
	require.NoError(t, err)
	assert.Equal(t, `{"a":1}`, s)

	r := &SyncOrderRequest{}
	require.NoError(t, r.SetOrderDetail(struct {
		X string `json:"x"`
	}{"y"}))
	assert.Equal(t, `{"x":"y"}`, r.OrderDetail)

	for _, bad := range []any{nil, []int{1}, "str", func() {}} {
		_, err := MarshalOrderDetail(bad)
		assert.Error(t, err)
	}
	require.Error(t, r.SetOrderDetail(42))
	_, err = MarshalOrderDetail(HotelOrderDetail{})
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest, "a detail passed by value is validated too")
	assert.Equal(t, `{"x":"y"}`, r.OrderDetail, "a failed SetOrderDetail leaves the request alone")
}
