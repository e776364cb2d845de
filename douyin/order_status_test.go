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

func validStatusRequest() *UpdateOrderStatusRequest {
	return &UpdateOrderStatusRequest{OrderID: "DY100", OrderExtID: "EXT-1", SupplierExtID: "HOTEL-9", Status: ConfirmStatusConfirmed}
}

func TestUpdateOrderStatusSendsDocumentedRequest(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	tok := obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200,
		`{"data":{"error_code":0,"description":"","balance":12345,"ext":"x"},"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"LOG1","now":1709294400000}}`))
	c := newOutboundClient(t, mt, newObClock())

	res, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.NoError(t, err)

	require.Equal(t, 1, tok.count())
	treq := tok.requests()[0]
	assert.Equal(t, "application/json", treq.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"client_key":"ck","client_secret":"cs","grant_type":"client_credential"}`, treq.Body)
	assert.Empty(t, treq.Header.Get("access-token"))

	require.Equal(t, 1, st.count())
	got := st.requests()[0]
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Equal(t, "/poi/order/status", got.Path)
	assert.Equal(t, "clt.abc", got.Header.Get("access-token"))
	assert.Equal(t, []string{"clt.abc"}, got.Query["access_token"])
	assert.Len(t, got.Query, 1)
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Contains(t, got.Header.Get("User-Agent"), "hotelsdk-go/")
	// status 0 is meaningful and must be on the wire
	assert.Equal(t, `{"order_id":"DY100","order_ext_id":"EXT-1","supplier_ext_id":"HOTEL-9","status":0}`, got.Body)

	assert.Equal(t, &UpdateOrderStatusResult{Balance: 12345, Ext: "x", RequestID: "LOG1"}, res)
	assert.Equal(t, "123.45", res.Balance.String())
}

func TestUpdateOrderStatusTokenPlacement(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name        string
		placement   TokenPlacement
		header      string
		queryTokens []string
	}{
		{"header", TokenInHeader, "clt.abc", nil},
		{"query", TokenInQuery, "", []string{"clt.abc"}},
		{"both", TokenInHeaderAndQuery, "clt.abc", []string{"clt.abc"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
			st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
			c := newOutboundClient(t, mt, newObClock(), WithTokenPlacement(tc.placement))
			_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
			require.NoError(t, err)
			got := st.requests()[0]
			assert.Equal(t, tc.header, got.Header.Get("access-token"))
			assert.Equal(t, tc.queryTokens, got.Query["access_token"])
		})
	}
}

func TestUpdateOrderStatusAPIErrorFields(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	body := `{"data":{"error_code":"2100005","description":"参数不合法"},"extra":{"error_code":0,"description":"","sub_error_code":"28001","sub_description":"order not found","logid":"LOG-XYZ","now":1}}`
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, body))
	c := newOutboundClient(t, mt, newObClock())

	res, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.Nil(t, res)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "order.status", ae.Operation)
	assert.Equal(t, 200, ae.HTTPStatus)
	assert.Equal(t, CodeInvalidParameter, ae.ErrorCode)
	assert.Equal(t, "参数不合法", ae.Description)
	assert.Equal(t, Code(28001), ae.SubErrorCode)
	assert.Equal(t, "order not found", ae.SubDescription)
	assert.Equal(t, "LOG-XYZ", ae.RequestID)
	assert.Equal(t, body, string(ae.Raw))
	assert.False(t, ae.Retryable())
	assert.NotErrorIs(t, err, ErrTokenRejected)
	assert.Equal(t, 1, st.count(), "2100005 is not transient")
	assert.NotContains(t, err.Error(), "clt.abc")
}

func TestUpdateOrderStatusRetriesTransientCodes(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	st := obMock(mt, http.MethodPost, obStatusURL,
		obJSON(200, obErrorBody(2100004, "系统繁忙")),
		obJSON(503, "Service Unavailable"),
		obJSON(200, obOKStatus))
	c := newOutboundClient(t, mt, newObClock())

	res, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.NoError(t, err)
	assert.Equal(t, "2024030112000001", res.RequestID)
	assert.Equal(t, 3, st.count())
	for _, r := range st.requests() {
		assert.Equal(t, `{"order_id":"DY100","order_ext_id":"EXT-1","supplier_ext_id":"HOTEL-9","status":0}`, r.Body)
	}
}

func TestUpdateOrderStatusGivesUpAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obErrorBody(2100001, "未知错误")))
	c := newOutboundClient(t, mt, newObClock())

	_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest(),
		hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 2, BaseDelay: 1, MaxDelay: 1}))
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, CodeUnknownError, ae.ErrorCode)
	assert.True(t, ae.Retryable())
	assert.Equal(t, 2, st.count())
}

func TestUpdateOrderStatusRetriesDroppedConnection(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	st := obMock(mt, http.MethodPost, obStatusURL,
		httpmock.NewErrorResponder(io.ErrUnexpectedEOF),
		obJSON(200, obOKStatus))
	c := newOutboundClient(t, mt, newObClock())
	_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.NoError(t, err)
	assert.Equal(t, 2, st.count())
}

func TestUpdateOrderStatusValidation(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c := newOutboundClient(t, mt, newObClock())

	_, err := c.UpdateOrderStatus(context.Background(), &UpdateOrderStatusRequest{OrderID: " ", Status: 7})
	var ve *hotelsdk.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	var fields []string
	for _, p := range ve.Problems {
		fields = append(fields, p.Field)
	}
	assert.Equal(t, []string{"order_id", "order_ext_id", "supplier_ext_id", "status"}, fields)
	assert.Equal(t, "order.status", ve.Operation)

	_, err = c.UpdateOrderStatus(context.Background(), nil)
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	assert.Zero(t, mt.GetTotalCallCount(), "nothing may be sent for an invalid request")
}

func TestUpdateOrderStatusEveryStatusIsSent(t *testing.T) {
	t.Parallel()
	for _, s := range []ConfirmStatus{ConfirmStatusConfirmed, ConfirmStatusPriceChanged, ConfirmStatusSoldOut, ConfirmStatusConfirming} {
		mt := httpmock.NewMockTransport()
		obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
		st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
		c := newOutboundClient(t, mt, newObClock())
		req := validStatusRequest()
		req.Status = s
		_, err := c.UpdateOrderStatus(context.Background(), req)
		require.NoError(t, err)
		assert.JSONEq(t, `{"order_id":"DY100","order_ext_id":"EXT-1","supplier_ext_id":"HOTEL-9","status":`+string(rune('0'+s))+`}`, st.requests()[0].Body)
	}
}
