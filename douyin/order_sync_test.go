package douyin

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const obSyncOK = `{"data":{"order_id":"7000000000001","error_code":0,"description":""},"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"LOG-SYNC","now":1709294400000}}`

func validSyncRequest() *SyncOrderRequest {
	return &SyncOrderRequest{
		OrderType:   OrderTypeHotel,
		OrderDetail: `{"order_ext_id":"EXT-1"}`,
		ExtShopInfo: ExtShopInfo{ExtShopID: "HOTEL-9"},
	}
}

func TestSyncOrderSendsDocumentedRequest(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	sy := obMock(mt, http.MethodPost, obSyncURL, obJSON(200, obSyncOK))
	c := newOutboundClient(t, mt, newObClock())

	req := validSyncRequest()
	res, err := c.SyncOrder(context.Background(), req)
	require.NoError(t, err)
	assert.Zero(t, req.DateTime, "the caller's request is not modified")

	require.Equal(t, 1, sy.count())
	got := sy.requests()[0]
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Equal(t, "/poi/order/sync", got.Path)
	assert.Equal(t, "clt.abc", got.Header.Get("access-token"))
	assert.Equal(t, []string{"clt.abc"}, got.Query["access_token"])
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	// date_time is the clock's time in milliseconds; mini_app is left out.
	assert.Equal(t, `{"order_type":140,"date_time":1709294400000,"order_detail":"{\"order_ext_id\":\"EXT-1\"}","ext_shop_info":{"ext_shop_id":"HOTEL-9"}}`, got.Body)

	assert.Equal(t, &SyncOrderResult{OrderID: "7000000000001", RequestID: "LOG-SYNC"}, res)
}

func TestSyncOrderKeepsGivenDateTimeAndMiniApp(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	sy := obMock(mt, http.MethodPost, obSyncURL, obJSON(200, obSyncOK))
	c := newOutboundClient(t, mt, newObClock())

	req := validSyncRequest()
	req.DateTime = 1700000000123
	req.ExtShopInfo.ShopID = "DYSHOP"
	req.MiniApp = &MiniApp{AppID: "tt123", UserOpenID: "open-1"}
	_, err := c.SyncOrder(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, `{"order_type":140,"date_time":1700000000123,"order_detail":"{\"order_ext_id\":\"EXT-1\"}","ext_shop_info":{"ext_shop_id":"HOTEL-9","shop_id":"DYSHOP"},"mini_app":{"app_id":"tt123","user_open_id":"open-1"}}`, sy.requests()[0].Body)
}

func TestSyncOrderIsNeverRepeatedOnceSent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		answer httpmock.Responder
		check  func(t *testing.T, err error)
	}{
		{"system busy", obJSON(200, obErrorBody(2100004, "系统繁忙")), func(t *testing.T, err error) {
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, CodeSystemBusy, ae.ErrorCode)
		}},
		{"503", obJSON(503, "Service Unavailable"), func(t *testing.T, err error) {
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 503, de.HTTPStatus)
		}},
		{"dropped connection", httpmock.NewErrorResponder(io.ErrUnexpectedEOF), func(t *testing.T, err error) {
			var te *hotelsdk.TransportError
			require.ErrorAs(t, err, &te)
			assert.True(t, te.MaybeSent, "the outcome of a non-idempotent push is unknown")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
			sy := obMock(mt, http.MethodPost, obSyncURL, tc.answer, obJSON(200, obSyncOK))
			c := newOutboundClient(t, mt, newObClock())
			res, err := c.SyncOrder(context.Background(), validSyncRequest())
			assert.Nil(t, res)
			tc.check(t, err)
			assert.Equal(t, 1, sy.count(), "SyncOrder must not be sent twice")
		})
	}
}

func TestSyncOrderMissingOrderIDIsDecodeError(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	obMock(mt, http.MethodPost, obSyncURL, obJSON(200, `{"data":{"error_code":0,"description":""},"extra":{"logid":"L"}}`))
	c := newOutboundClient(t, mt, newObClock())
	res, err := c.SyncOrder(context.Background(), validSyncRequest())
	assert.Nil(t, res)
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "order_id")
}

func TestSyncOrderValidation(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c := newOutboundClient(t, mt, newObClock())
	for _, tc := range []struct {
		name   string
		req    *SyncOrderRequest
		fields []string
	}{
		{"nil", nil, []string{""}},
		{"empty", &SyncOrderRequest{}, []string{"order_type", "order_detail", "ext_shop_info.ext_shop_id"}},
		{"seconds and bad detail", &SyncOrderRequest{OrderType: 140, DateTime: 1700000000, OrderDetail: `["a"]`,
			ExtShopInfo: ExtShopInfo{ExtShopID: "S"}}, []string{"date_time", "order_detail"}},
		{"negative time and half mini app", &SyncOrderRequest{OrderType: 140, DateTime: -1, OrderDetail: `{}`,
			ExtShopInfo: ExtShopInfo{ExtShopID: "S"}, MiniApp: &MiniApp{}}, []string{"date_time", "mini_app.app_id", "mini_app.user_open_id"}},
	} {
		_, err := c.SyncOrder(context.Background(), tc.req)
		var ve *hotelsdk.ValidationError
		require.ErrorAs(t, err, &ve, tc.name)
		var fields []string
		for _, p := range ve.Problems {
			fields = append(fields, p.Field)
		}
		assert.Equal(t, tc.fields, fields, tc.name)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}
