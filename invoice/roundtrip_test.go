package invoice

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundTrip decodes doc into a fresh T and encodes it again: the result must
// be the same JSON, so a server written on these types answers like the
// platform.
func roundTrip[T any](t *testing.T, doc string) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(doc), &v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, doc, string(out))
	return v
}

func TestRoundTripSpecExamples(t *testing.T) {
	t.Parallel()
	t.Run("add request", func(t *testing.T) {
		req := roundTrip[AddOrdersRequest](t, specAddRequest)
		assert.Equal(t, int64(100021), req.StoreID)
		require.Len(t, req.OrderList, 2)
		assert.Equal(t, "30", req.OrderList[1].OrderPrice.String())
		require.NoError(t, validateAddOrders(&req))
		built, err := json.Marshal(specAddOrders())
		require.NoError(t, err)
		assert.JSONEq(t, specAddRequest, string(built))
	})
	t.Run("add success", func(t *testing.T) {
		resp := roundTrip[Response[string]](t, specAddSuccess)
		assert.Equal(t, Response[string]{Code: CodeOK, Data: "10202kdjskd3434k34"}, resp)
	})
	t.Run("add failure", func(t *testing.T) {
		resp := roundTrip[Response[string]](t, specAddFailure)
		assert.Equal(t, Response[string]{Code: CodeStoreNotFound, Message: "门店不存在"}, resp)
	})
	t.Run("get request", func(t *testing.T) {
		req := roundTrip[GetOrdersRequest](t, specGetRequest)
		assert.Equal(t, GetOrdersRequest{StoreID: 1000021, OrderBatchNo: "10202kdjskd3434k34"}, req)
	})
	t.Run("get success", func(t *testing.T) {
		resp := roundTrip[Response[OrderList]](t, specGetSuccess)
		require.Len(t, resp.Data, 3)
		assert.Equal(t, "order12029231", resp.Data[2].PartnerOrderNo)
		assert.Equal(t, "0", resp.Data[0].OrderDetailDtos[0].DiscountPrice.String())
		assert.True(t, resp.Data[0].OrderDetailDtos[0].DiscountPrice.IsSet(), "a discount of 0 is kept")
	})
	t.Run("get failure", func(t *testing.T) {
		resp := roundTrip[Response[OrderList]](t, specGetFailure)
		assert.Equal(t, CodeInvalidParams, resp.Code)
		assert.Nil(t, resp.Data)
	})
	t.Run("every order field", func(t *testing.T) {
		doc := `{"code":0,"data":[{"partnerOrderNo":"P","erpOrderNo":"E","orderPrice":440,"orderTime":"2024-03-01 10:00:00",` +
			`"beginDate":"2024-03-01","endDate":"2024-03-03","guestNames":["A","B"],"orderDetailDtos":[{"quantity":2,` +
			`"unitPrice":220,"totalPrice":440,"discountPrice":40,"finalPrice":400,"taxTypeNo":"307","taxRate":"6",` +
			`"name":"住宿费","identifier":"ZSF0000001","itemSpec":"大床房","unit":"间夜","abbreviation":"住宿服务"}]}]}`
		resp := roundTrip[Response[OrderList]](t, doc)
		assert.Equal(t, "400", resp.Data[0].InvoiceAmount().String())
	})
	t.Run("nested orderDtos is written as the list", func(t *testing.T) {
		var resp Response[OrderList]
		require.NoError(t, json.Unmarshal([]byte(`{"code":0,"data":{"orderDtos":[{"erpOrderNo":"E"}]}}`), &resp))
		out, err := json.Marshal(resp)
		require.NoError(t, err)
		assert.JSONEq(t, `{"code":0,"data":[{"erpOrderNo":"E"}]}`, string(out))
	})
}

// A server reads the authentication parameters and the business fields from
// the same body.
func TestSignedBodyDecodesBothWays(t *testing.T) {
	t.Parallel()
	body := `{"appId":"12345678","userId":"u","nonceStr":"` + docNonce + `","timestamp":"1554366469041",` +
		`"signType":"MD5","sign":"` + docMD5 + `",` + specAddRequest[1:]
	var auth AuthParams
	require.NoError(t, json.Unmarshal([]byte(body), &auth))
	assert.True(t, auth.VerifySign(SignCoreParams, docSecret))
	var req AddOrdersRequest
	require.NoError(t, json.Unmarshal([]byte(body), &req))
	assert.Len(t, req.OrderList, 2)
}

func TestOrderListErrors(t *testing.T) {
	t.Parallel()
	var l OrderList
	assert.Error(t, l.UnmarshalJSON(nil))
	assert.Error(t, l.UnmarshalJSON([]byte(`{"orderDtos":"x"}`)))
	assert.Error(t, l.UnmarshalJSON([]byte(`{`)))
	assert.EqualError(t, l.UnmarshalJSON([]byte(`{"orderDtos":{"orderDtos":[]}}`)), "invoice: order list: orderDtos is not a list")
	require.NoError(t, l.UnmarshalJSON([]byte(`null`)))
	assert.Nil(t, l)
	l = OrderList{{ErpOrderNo: "old"}}
	require.NoError(t, l.UnmarshalJSON([]byte(`{"orderDtos":null}`)), "a Java server's empty list")
	assert.Nil(t, l)
	require.NoError(t, l.UnmarshalJSON([]byte(`{"total":1,"OrderDTOs":[{"erpOrderNo":"E"}]}`)), "other keys beside orderDtos are ignored")
	assert.Equal(t, OrderList{{ErpOrderNo: "E"}}, l)
	var o OrderRecord
	assert.False(t, o.InvoiceAmount().IsSet(), "no order price, no invoice amount")
}
