package invoice

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddOrdersSpecExample(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, rec.responder(jsonResponder(200, specAddSuccess)))
	c := newTestClient(t, mt)

	res, err := c.AddOrders(context.Background(), specAddOrders())
	require.NoError(t, err)
	assert.Equal(t, &AddOrdersResult{OrderBatchNo: "10202kdjskd3434k34"}, res)

	reqs := rec.all()
	require.Len(t, reqs, 1)
	r := reqs[0]
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "https://invoice.test/gw/openapi/order/add", r.URL)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "hotelsdk-go/"+hotelsdk.Version+" (invoice)", r.Header.Get("User-Agent"))
	// The documentation's signature vector: the core set over its values.
	want := `{"appId":"12345678","userId":"u-1001","nonceStr":"b7c0ebd06e66454b867e73d8400ff882",` +
		`"timestamp":"1554366469041","signType":"MD5","sign":"8AED3DCC696D89D628AA62719A66FBED",` +
		`"storeId":100021,"orderList":[` +
		`{"erpOrderNo":"erp1231231","orderPrice":24.8,"items":[{"identifier":"ZSF0000001","quantity":2,"unitPrice":12.4,"totalPrice":24.8}]},` +
		`{"erpOrderNo":"erp1231232","orderPrice":30,"items":[{"identifier":"ZSF0000002","quantity":2,"unitPrice":15,"totalPrice":30}]}]}`
	assert.Equal(t, want, string(r.Body))

	// The business fields are exactly the documentation's request example.
	var body map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(r.Body, &body))
	for _, k := range []string{"appId", "userId", "nonceStr", "timestamp", "signType", "sign"} {
		delete(body, k)
	}
	business, err := json.Marshal(body)
	require.NoError(t, err)
	assert.JSONEq(t, specAddRequest, string(business))
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestAddOrdersStoreNoAndPartnerOrderNo(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, rec.responder(jsonResponder(200, `{"code":0,"data":"B1"}`)))
	c := newTestClient(t, mt, WithUserID(""), WithAccessKey("ak-1", "as-1"), WithSignedParams(SignAllAuthParams))

	res, err := c.AddOrders(context.Background(), &AddOrdersRequest{
		StoreNo: "S-9",
		OrderList: []Order{{ErpOrderNo: "E1", PartnerOrderNo: "P1", OrderPrice: AmountFromFen(10000),
			Items: []OrderItem{{Identifier: IdentifierLodging, TotalPrice: AmountFromFen(10000)}}}},
	})
	require.NoError(t, err)
	assert.Equal(t, "B1", res.OrderBatchNo)
	body := rec.all()[0].Body
	sign := upperHex(md5.New(), "accessKey=ak-1&accessSecret=as-1&appId=12345678&nonceStr="+docNonce+
		"&signType=MD5&timestamp=1554366469041&key=abcdef")
	want := `{"appId":"12345678","accessKey":"ak-1","accessSecret":"as-1","nonceStr":"` + docNonce +
		`","timestamp":"1554366469041","signType":"MD5","sign":"` + sign + `",` +
		`"storeNo":"S-9","orderList":[{"erpOrderNo":"E1","partnerOrderNo":"P1","orderPrice":100,` +
		`"items":[{"identifier":"ZSF0000001","totalPrice":100}]}]}`
	assert.Equal(t, want, string(body))
}

func TestAddOrdersErrorExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     string
		code     Code
		message  string
		sentinel error
	}{
		{"store not found", specAddFailure, CodeStoreNotFound, "门店不存在", ErrStoreNotFound},
		{"store missing", specGetFailure, CodeInvalidParams, "storeId和storeNo不能都为空", ErrRejectedParams},
		{"undocumented code", `{"code":5001,"message":"系统异常"}`, 5001, "系统异常", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, jsonResponder(200, tt.body))
			c := newTestClient(t, mt)
			res, err := c.AddOrders(context.Background(), specAddOrders())
			require.Error(t, err)
			assert.Nil(t, res)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Equal(t, OpAddOrders, apiErr.Operation)
			assert.Equal(t, 200, apiErr.HTTPStatus)
			assert.Equal(t, tt.body, string(apiErr.Raw))
			assert.Equal(t, fmt.Sprintf("invoice: order.add: code %d: %s", tt.code, tt.message), err.Error())
			assert.False(t, apiErr.Retryable())
			assert.False(t, hotelsdk.OutcomeUnknown(err))
			if tt.sentinel != nil {
				assert.ErrorIs(t, err, tt.sentinel)
			}
			assert.Equal(t, tt.code == CodeStoreNotFound, errors.Is(err, ErrStoreNotFound))
			assert.Equal(t, 1, mt.GetTotalCallCount())
		})
	}
}

func TestGetOrdersSpecExample(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, rec.responder(jsonResponder(200, specGetSuccess)))
	c := newTestClient(t, mt)

	res, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1000021, OrderBatchNo: "10202kdjskd3434k34"})
	require.NoError(t, err)

	reqs := rec.all()
	require.Len(t, reqs, 1)
	assert.Equal(t, "https://invoice.test/gw/openapi/order/get", reqs[0].URL)
	want := `{"appId":"12345678","userId":"u-1001","nonceStr":"b7c0ebd06e66454b867e73d8400ff882",` +
		`"timestamp":"1554366469041","signType":"MD5","sign":"8AED3DCC696D89D628AA62719A66FBED",` +
		`"storeId":1000021,"orderBatchNo":"10202kdjskd3434k34"}`
	assert.Equal(t, want, string(reqs[0].Body))

	require.Len(t, res.Orders, 3)
	for i, partner := range []string{"order120292", "order1202923", "order12029231"} {
		o := res.Orders[i]
		assert.Equal(t, partner, o.PartnerOrderNo)
		assert.Equal(t, "24.8", o.OrderPrice.String())
		require.Len(t, o.OrderDetailDtos, 1)
		d := o.OrderDetailDtos[0]
		assert.Equal(t, OrderDetail{
			Quantity: MustQuantity("2"), UnitPrice: MustAmount("12.4"), TotalPrice: MustAmount("24.8"),
			DiscountPrice: MustAmount("0"), FinalPrice: MustAmount("24.8"),
			TaxTypeNo: "3070402000000000000", TaxRate: "3", Name: "住宿费",
			Identifier: "ZSF0000001", Abbreviation: "住宿服务",
		}, normaliseDetail(d))
		assert.True(t, o.InvoiceAmount().Equal(MustAmount("24.8")))
	}
}

// normaliseDetail re-parses the amounts from their wire text, so that
// assert.Equal compares values rather than decimal representations.
func normaliseDetail(d OrderDetail) OrderDetail {
	re := func(a Amount) Amount {
		if !a.IsSet() {
			return a
		}
		return MustAmount(a.String())
	}
	d.UnitPrice, d.TotalPrice = re(d.UnitPrice), re(d.TotalPrice)
	d.DiscountPrice, d.FinalPrice = re(d.DiscountPrice), re(d.FinalPrice)
	if d.Quantity.IsSet() {
		d.Quantity = MustQuantity(d.Quantity.String())
	}
	return d
}

func TestGetOrdersNestedListDatesAndGuests(t *testing.T) {
	t.Parallel()
	body := `{"code":0,"data":{"orderDtos":[{"partnerOrderNo":"P1","erpOrderNo":"E1","orderprice":"440.00",` +
		`"orderTime":1700000000000,"beginDate":"2024-03-01","endDate":"2024-03-03 12:00:00",` +
		`"guestNames":["张三","李四"],"orderDetailDtos":[{"quantity":"2","unitPrice":"220.00","totalPrice":440,` +
		`"discountPrice":"40","finalPrice":"400.00","taxTypeNo":"3070402000000000000","taxRate":"6","name":"住宿费",` +
		`"identifier":"ZSF0000001","itemSpec":"大床房","unit":"间夜","abbreviation":"住宿服务"}]}]}}`
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(200, body))
	c := newTestClient(t, mt)

	res, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreNo: "S-1", OrderBatchNo: "B"})
	require.NoError(t, err)
	require.Len(t, res.Orders, 1)
	o := res.Orders[0]
	assert.Equal(t, "E1", o.ErpOrderNo)
	assert.Equal(t, "440", o.OrderPrice.String())
	assert.Equal(t, time.UnixMilli(1700000000000).UTC(), o.OrderTime.Time().UTC())
	assert.Equal(t, TimeEpochMillis, o.OrderTime.Form())
	assert.Equal(t, time.Date(2024, 3, 1, 0, 0, 0, 0, ChinaTime()), o.BeginDate.Time())
	assert.Equal(t, TimeDate, o.BeginDate.Form())
	assert.Equal(t, time.Date(2024, 3, 3, 12, 0, 0, 0, ChinaTime()), o.EndDate.Time())
	assert.Equal(t, []string{"张三", "李四"}, o.GuestNames)
	d := o.OrderDetailDtos[0]
	assert.Equal(t, "大床房", d.ItemSpec)
	assert.Equal(t, "间夜", d.Unit)
	assert.Equal(t, "6", d.TaxRate)
	assert.Equal(t, "400", d.FinalPrice.String())
	assert.Equal(t, "400", o.InvoiceAmount().String())
}

func TestGetOrdersEmptyData(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`{"code":0}`, `{"code":0,"data":null}`, `{"code":0,"data":[]}`, `{"code":0,"data":{"orderDtos":[]}}`, `{"code":0,"data":{"orderDtos":null}}`} {
		mt := httpmock.NewMockTransport()
		mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(200, body))
		c := newTestClient(t, mt)
		res, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
		require.NoError(t, err, body)
		assert.NotNil(t, res.Orders, body)
		assert.Empty(t, res.Orders, body)
	}
}

func TestGetOrdersErrorExample(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(200, specGetFailure))
	c := newTestClient(t, mt)
	res, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	assert.Nil(t, res)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, CodeInvalidParams, apiErr.Code)
	assert.Equal(t, OpGetOrders, apiErr.Operation)
	assert.ErrorIs(t, err, ErrRejectedParams)
	assert.NotErrorIs(t, err, ErrStoreNotFound)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "an API error is not retried")
}

func upperHex(h hash.Hash, s string) string {
	h.Write([]byte(s))
	return strings.ToUpper(hex.EncodeToString(h.Sum(nil)))
}

func TestSignatureOfEachSignType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		signType SignType
		newHash  func() hash.Hash
	}{
		{SignMD5, md5.New}, {SignSHA1, sha1.New}, {SignSHA256, sha256.New},
	}
	for _, tt := range tests {
		for _, set := range []SignedParams{SignAllAuthParams, SignCoreParams} {
			t.Run(fmt.Sprintf("%s/%d", tt.signType, set), func(t *testing.T) {
				t.Parallel()
				mt := httpmock.NewMockTransport()
				var rec recorder
				mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, rec.responder(jsonResponder(200, `{"code":0,"data":[]}`)))
				c := newTestClient(t, mt, WithSignType(tt.signType), WithSignedParams(set), WithUserID(""), WithUserNo("no-7"))
				_, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
				require.NoError(t, err)

				auth := authOf(t, rec.all()[0].Body)
				assert.Equal(t, tt.signType, auth.SignType)
				assert.Equal(t, "no-7", auth.UserNo)
				str := "appId=12345678&nonceStr=" + docNonce + "&signType=" + string(tt.signType) + "&timestamp=1554366469041"
				if set == SignAllAuthParams {
					str += "&userNo=no-7"
				}
				assert.Equal(t, upperHex(tt.newHash(), str+"&key=abcdef"), auth.Sign)
				assert.True(t, auth.VerifySign(set, docSecret))
				assert.NotContains(t, string(rec.all()[0].Body), docSecret, "the app secret is never sent")
			})
		}
	}
}

func TestGetOrdersRetryIsFreshlySigned(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, rec.responder(
		jsonResponder(503, `<html>busy</html>`),
		httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}),
		jsonResponder(200, specGetSuccess),
	))
	c := newTestClient(t, mt, WithClock(newFakeClock(1500*time.Millisecond).Now))

	res, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1000021, OrderBatchNo: "10202kdjskd3434k34"})
	require.NoError(t, err)
	assert.Len(t, res.Orders, 3)

	reqs := rec.all()
	require.Len(t, reqs, 3)
	seen := map[string]bool{}
	for i, r := range reqs {
		auth := authOf(t, r.Body)
		assert.True(t, auth.VerifySign(SignCoreParams, docSecret), "attempt %d is signed", i+1)
		assert.False(t, seen[auth.NonceStr], "attempt %d has a new nonce", i+1)
		seen[auth.NonceStr] = true
		assert.Equal(t, fmt.Sprint(docTimestamp+int64(i)*1500), auth.Timestamp, "attempt %d has a new timestamp", i+1)
		// The business fields are the same on every attempt.
		var b GetOrdersRequest
		require.NoError(t, json.Unmarshal(r.Body, &b))
		assert.Equal(t, GetOrdersRequest{StoreID: 1000021, OrderBatchNo: "10202kdjskd3434k34"}, b)
	}
	assert.NotEqual(t, authOf(t, reqs[0].Body).Sign, authOf(t, reqs[1].Body).Sign)
}

func TestGetOrdersGivesUpAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(502, `<html>bad gateway</html>`))
	c := newTestClient(t, mt)
	res, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	assert.Nil(t, res)
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 502, de.HTTPStatus)
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

func TestGetOrdersAPIErrorBehindGatewayIsRetried(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, rec.responder(
		jsonResponder(503, `{"code":503,"message":"busy"}`), jsonResponder(200, `{"code":0,"data":[]}`)))
	c := newTestClient(t, mt)
	_, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	require.NoError(t, err)
	assert.Len(t, rec.all(), 2)
}

// connectionReset reads the whole request (it reached the server) and then
// fails as a dropped connection does.
func connectionReset(req *http.Request) (*http.Response, error) {
	_, _ = io.Copy(io.Discard, req.Body)
	return nil, &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
}

func TestAddOrdersSentOnceWhenConnectionDropsAfterRequest(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, rec.responder(connectionReset, jsonResponder(200, specAddSuccess)))
	c := newTestClient(t, mt, WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond}))

	res, err := c.AddOrders(context.Background(), specAddOrders(), hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 10}))
	assert.Nil(t, res)
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.Equal(t, OpAddOrders, te.Operation)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	assert.ErrorIs(t, err, syscall.ECONNRESET)
	assert.Len(t, rec.all(), 1, "order/add is never repeated once it may have reached the server")
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestAddOrdersSentOnceOn5xx(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, jsonResponder(503, `<html>unavailable</html>`))
	c := newTestClient(t, mt)
	_, err := c.AddOrders(context.Background(), specAddOrders())
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 503, de.HTTPStatus)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestAddOrdersRetriedWhenConnectionRefused(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	refused := httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, rec.responder(refused, jsonResponder(200, specAddSuccess)))
	c := newTestClient(t, mt, WithClock(newFakeClock(time.Second).Now))

	res, err := c.AddOrders(context.Background(), specAddOrders())
	require.NoError(t, err)
	assert.Equal(t, "10202kdjskd3434k34", res.OrderBatchNo)
	reqs := rec.all()
	require.Len(t, reqs, 2, "a refused connection proves nothing was sent")
	a1, a2 := authOf(t, reqs[0].Body), authOf(t, reqs[1].Body)
	assert.NotEqual(t, a1.NonceStr, a2.NonceStr)
	assert.NotEqual(t, a1.Timestamp, a2.Timestamp)
	assert.True(t, a2.VerifySign(SignCoreParams, docSecret))
}

func TestAddOrdersRefusedEveryTime(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders,
		httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}))
	c := newTestClient(t, mt)
	_, err := c.AddOrders(context.Background(), specAddOrders())
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.False(t, te.MaybeSent)
	assert.False(t, hotelsdk.OutcomeUnknown(err))
	assert.Equal(t, 3, te.Attempts)
	assert.Equal(t, 3, mt.GetTotalCallCount())
}

func TestDecodeFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path, body string
		status           int
		contains         string
	}{
		{"html page", PathAddOrders, `<html><body>error</body></html>`, 200, "HTML or XML body"},
		{"trailing comma", PathAddOrders, `{"code":0,"data":"B",}`, 200, "invalid character"},
		{"no code", PathAddOrders, `{"data":"B"}`, 200, `no "code"`},
		{"no code 404", PathAddOrders, `{"error":"not found"}`, 404, "HTTP status 404"},
		{"code 0 on 404", PathAddOrders, `{"code":0,"data":"B"}`, 404, "HTTP status 404 with code 0"},
		{"empty batch", PathAddOrders, `{"code":0,"data":""}`, 200, "without an order batch number"},
		{"missing batch", PathAddOrders, `{"code":0}`, 200, "without an order batch number"},
		{"batch not a string", PathAddOrders, `{"code":0,"data":123}`, 200, "data:"},
		{"empty body", PathAddOrders, ``, 200, "empty body"},
		{"code as string", PathAddOrders, `{"code":"0","data":"B"}`, 200, "cannot unmarshal"},
		{"orders not a list", PathGetOrders, `{"code":0,"data":"x"}`, 200, "data:"},
		{"object without orderDtos", PathGetOrders, `{"code":0,"data":{"list":[]}}`, 200, "without orderDtos"},
		{"amount not a number", PathGetOrders, `{"code":0,"data":[{"orderPrice":"abc"}]}`, 200, "not a decimal number"},
		{"amount bool", PathGetOrders, `{"code":0,"data":[{"orderPrice":true}]}`, 200, "not a decimal number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			mt.RegisterResponder(http.MethodPost, testBaseURL+tt.path, jsonResponder(tt.status, tt.body))
			c := newTestClient(t, mt, WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 1}))
			var err error
			if tt.path == PathAddOrders {
				var res *AddOrdersResult
				res, err = c.AddOrders(context.Background(), specAddOrders())
				assert.Nil(t, res)
			} else {
				var res *GetOrdersResult
				res, err = c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
				assert.Nil(t, res)
			}
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tt.status, de.HTTPStatus)
			assert.Equal(t, tt.body, string(de.Raw))
			assert.Contains(t, err.Error(), tt.contains)
			// Outcome unknown is said of a write (CONTRACTS §3): order/get is a read.
			assert.Equal(t, tt.path == PathAddOrders, hotelsdk.OutcomeUnknown(err))
			assert.Equal(t, tt.path == PathAddOrders, strings.Contains(err.Error(), "outcome unknown"))
		})
	}
}

func TestNewClientConfigErrors(t *testing.T) {
	t.Parallel()
	good := []Option{WithBaseURL(testBaseURL), WithApp("a", "APP-SECRET-Q"), WithUserID("u")}
	tests := []struct {
		name     string
		opts     []Option
		contains []string
	}{
		{"nothing", nil, []string{"base URL is required", "appId is required", "app secret is required", "exactly one identity"}},
		{"bad scheme", append(append([]Option{}, good...), WithBaseURL("ftp://x")), []string{"must be an absolute http:// or https:// URL"}},
		{"two identities", append(append([]Option{}, good...), WithUserNo("n")), []string{"exactly one identity is required: WithUserID, WithUserNo or WithAccessKey (got 2)"}},
		{"half access key", []Option{WithBaseURL(testBaseURL), WithApp("a", "APP-SECRET-Q"), WithAccessKey("k", "")}, []string{"accessKey and accessSecret go together"}},
		{"sign type", append(append([]Option{}, good...), WithSignType("HMAC")), []string{`unknown sign type "HMAC"`}},
		{"signed params", append(append([]Option{}, good...), WithSignedParams(7)), []string{"unknown signed parameter set 7"}},
		{"no host", append(append([]Option{}, good...), WithBaseURL("https://")), []string{"absolute"}},
		{"query", append(append([]Option{}, good...), WithBaseURL("https://h/?x=1")), []string{"query"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := NewClient(tt.opts...)
			assert.Nil(t, c)
			require.ErrorIs(t, err, ErrInvalidConfig)
			for _, s := range tt.contains {
				assert.Contains(t, err.Error(), s)
			}
			assert.NotContains(t, err.Error(), "APP-SECRET-Q")
		})
	}
	c, err := NewClient(append(good, nil)...)
	require.NoError(t, err)
	assert.NotNil(t, c)
}

// A nil argument to an option is an error naming the option, never a
// silent default (issue 9).
func TestNilOptionArgumentsAreErrors(t *testing.T) {
	t.Parallel()
	good := []Option{WithBaseURL(testBaseURL), WithApp("a", "APP-SECRET-Q"), WithUserID("u")}
	for name, o := range map[string]Option{
		"WithHTTPClient": WithHTTPClient(nil), "WithTransport": WithTransport(nil), "WithLogger": WithLogger(nil),
		"WithClock": WithClock(nil), "WithNonceSource": WithNonceSource(nil),
	} {
		c, err := NewClient(append(append([]Option{}, good...), o)...)
		assert.Nil(t, c, name)
		require.ErrorIs(t, err, ErrInvalidConfig, name)
		assert.Contains(t, err.Error(), name+": nil", name)
	}
}

func TestNonceSourceFailureSendsNothing(t *testing.T) {
	t.Parallel()
	for _, src := range []func() (string, error){
		func() (string, error) { return "", errors.New("entropy exhausted") },
		func() (string, error) { return "", nil },
	} {
		mt := httpmock.NewMockTransport()
		c := newTestClient(t, mt, WithNonceSource(src))
		res, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
		assert.Nil(t, res)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "nonce")
		assert.Equal(t, 0, mt.GetTotalCallCount())
	}
}

func TestDefaultNonceAndClock(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, rec.responder(jsonResponder(200, `{"code":0,"data":[]}`)))
	c, err := NewClient(WithBaseURL(testBaseURL), WithTransport(mt), WithApp("app", "secret"), WithUserID("u"))
	require.NoError(t, err)
	before := time.Now().UnixMilli()
	for range 2 {
		_, err = c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
		require.NoError(t, err)
	}
	a1, a2 := authOf(t, rec.all()[0].Body), authOf(t, rec.all()[1].Body)
	assert.Regexp(t, `^[0-9a-f]{32}$`, a1.NonceStr)
	assert.NotEqual(t, a1.NonceStr, a2.NonceStr)
	var ts int64
	_, err = fmt.Sscan(a1.Timestamp, &ts)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, ts, before)
	assert.True(t, a1.VerifySign(SignAllAuthParams, "secret"))
	assert.Equal(t, SignMD5, a1.SignType)
}

func TestLogsAndErrorsCarryNoSecrets(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var hookBodies []string
	hooks := hotelsdk.Hooks{
		OnRequest:  func(_ context.Context, i hotelsdk.RequestInfo) { hookBodies = append(hookBodies, i.Body) },
		OnResponse: func(_ context.Context, i hotelsdk.ResponseInfo) { hookBodies = append(hookBodies, i.Body) },
	}
	mt := httpmock.NewMockTransport()
	var rec recorder
	guests := `{"code":0,"data":[{"erpOrderNo":"E1","guestNames":["王小明"]}]}`
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, rec.responder(jsonResponder(500, `{"code":500,"message":"x"}`), jsonResponder(200, guests)))
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, connectionReset)
	c := newTestClient(t, mt, WithLogger(logger), WithHooks(hooks), WithUserID(""),
		WithAccessKey("AK-SENSITIVE", "AS-SENSITIVE"), WithApp(docAppID, "APP-SECRET-XYZ"))

	_, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	require.NoError(t, err)
	_, addErr := c.AddOrders(context.Background(), specAddOrders())
	require.Error(t, addErr)

	sent := authOf(t, rec.all()[0].Body)
	out := logs.String() + strings.Join(hookBodies, "\n") + addErr.Error()
	assert.Contains(t, logs.String(), "order.get")
	assert.Contains(t, out, `"orderBatchNo":"B"`, "business fields are logged at debug level")
	for _, secret := range []string{"APP-SECRET-XYZ", "AK-SENSITIVE", "AS-SENSITIVE", sent.Sign, sent.NonceStr, "王小明"} {
		assert.NotContains(t, out, secret)
	}
}

func TestValidationSendsNothing(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c := newTestClient(t, mt)
	var nilCtx context.Context
	_, err := c.AddOrders(nilCtx, nil)
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	_, err = c.AddOrders(context.Background(), &AddOrdersRequest{})
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	_, err = c.GetOrders(nilCtx, nil)
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	_, err = c.GetOrders(context.Background(), &GetOrdersRequest{})
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestCancelledContext(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(200, `{"code":0,"data":[]}`))
	c := newTestClient(t, mt)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := c.GetOrders(ctx, &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	assert.Nil(t, res)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestNilAndZeroClientsReturnAnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, c := range map[string]*Client{"nil": nil, "zero": {}} {
		res, err := c.AddOrders(ctx, specAddOrders())
		assert.Nil(t, res, name)
		require.EqualError(t, err, "invoice: client not initialised: create it with NewClient", name)
		got, err := c.GetOrders(ctx, &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
		assert.Nil(t, got, name)
		require.EqualError(t, err, "invoice: client not initialised: create it with NewClient", name)
		var nilCtx context.Context
		_, err = c.AddOrders(nilCtx, nil)
		require.EqualError(t, err, "invoice: client not initialised: create it with NewClient", name)
	}
}

func TestNilCallOptionIsIgnored(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(503, `{"code":503,"message":"busy"}`))
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, jsonResponder(200, specAddFailure))
	c := newTestClient(t, mt)
	_, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"}, nil,
		hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond}), nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 2, mt.GetTotalCallCount(), "the per-call policy applies")
	_, err = c.AddOrders(context.Background(), specAddOrders(), nil)
	require.ErrorAs(t, err, &apiErr)
}

// A gateway error with an envelope is retryable for order/get but leaves
// the outcome of order/add unknown: the gateway may have forwarded it.
func TestAddOrdersSentOnceOnGatewayAPIError(t *testing.T) {
	t.Parallel()
	for _, status := range []int{502, 503, 504} {
		mt := httpmock.NewMockTransport()
		mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, jsonResponder(status, `{"code":-1,"message":"upstream"}`))
		c := newTestClient(t, mt)
		res, err := c.AddOrders(context.Background(), specAddOrders(), hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 5}))
		assert.Nil(t, res)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr, status)
		assert.True(t, apiErr.Retryable(), status)
		assert.Equal(t, status, apiErr.HTTPStatus)
		assert.True(t, hotelsdk.OutcomeUnknown(err), status)
		assert.Equal(t, 1, mt.GetTotalCallCount(), status)
	}
	assert.False(t, hotelsdk.OutcomeUnknown(markOutcomeUnknown(&APIError{Code: CodeStoreNotFound, HTTPStatus: 500})))
	assert.False(t, hotelsdk.OutcomeUnknown(nil))
	assert.False(t, hotelsdk.OutcomeUnknown(errors.New("other")))
}

// The shared options reach the transport: the HTTP client and its
// transport, the User-Agent and the retry policy.
func TestTransportOptions(t *testing.T) {
	t.Parallel()
	viaClient := httpmock.NewMockTransport()
	var rec recorder
	viaClient.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, rec.responder(jsonResponder(500, `{"code":500,"message":"x"}`)))
	base := []Option{WithBaseURL(testBaseURL + "/"), WithApp("a", "s"), WithUserNo("n"), WithUserAgent("my-app/1.0"),
		WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 2, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond})}
	hc := &http.Client{Transport: viaClient}
	c, err := NewClient(append(base, WithHTTPClient(hc))...)
	require.NoError(t, err)
	_, err = c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	reqs := rec.all()
	require.Len(t, reqs, 2, "WithRetryPolicy: two attempts")
	assert.Equal(t, "https://invoice.test/gw/openapi/order/get", reqs[0].URL, "trailing slash of the base URL dropped")
	assert.Equal(t, "my-app/1.0", reqs[0].Header.Get("User-Agent"))
	assert.Same(t, viaClient, hc.Transport, "the caller's client is not modified")

	override := httpmock.NewMockTransport()
	override.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(200, `{"code":0,"data":[]}`))
	c, err = NewClient(append(base, WithHTTPClient(hc), WithTransport(override))...)
	require.NoError(t, err)
	_, err = c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	require.NoError(t, err)
	assert.Equal(t, 1, override.GetTotalCallCount(), "WithTransport replaces the client's transport")
	assert.Len(t, rec.all(), 2)
}

// A nil context is taken as context.Background, as in the SDK's other
// packages: the call is made, nothing panics.
func TestNilContextIsBackground(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, jsonResponder(200, specAddSuccess))
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(200, specGetSuccess))
	c := newTestClient(t, mt)
	var nilCtx context.Context
	added, err := c.AddOrders(nilCtx, specAddOrders())
	require.NoError(t, err)
	assert.Equal(t, "10202kdjskd3434k34", added.OrderBatchNo)
	got, err := c.GetOrders(nilCtx, &GetOrdersRequest{StoreID: 100021, OrderBatchNo: added.OrderBatchNo})
	require.NoError(t, err)
	assert.Len(t, got.Orders, 3)
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

// errReader fails after the status line arrived: the answer is cut off.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestAddOrdersSentOnceWhenTheAnswerIsCutOff(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	var rec recorder
	cut := func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(errReader{})}, nil
	}
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, rec.responder(cut, jsonResponder(200, specAddSuccess)))
	var getRec recorder
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, getRec.responder(cut, jsonResponder(200, specGetSuccess)))
	c := newTestClient(t, mt)

	res, err := c.AddOrders(context.Background(), specAddOrders())
	assert.Nil(t, res)
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	assert.Equal(t, 1, mt.GetCallCountInfo()["POST "+testBaseURL+PathAddOrders])

	got, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	require.NoError(t, err, "order/get is read again")
	assert.Len(t, got.Orders, 3)
	assert.Equal(t, 2, mt.GetCallCountInfo()["POST "+testBaseURL+PathGetOrders])
}

func TestPrintingTheClientShowsNoSecret(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, httpmock.NewMockTransport(), WithUserID(""), WithAccessKey("AK-1", "ACCESS-SECRET-1"), WithApp(docAppID, "APP-SECRET-1"))
	for _, format := range []string{"%v", "%+v", "%s", "%#v"} {
		out := fmt.Sprintf(format, c)
		assert.Equal(t, "invoice.Client(https://invoice.test/gw, appId=12345678, signType=MD5)", out, format)
	}
	c = newTestClient(t, httpmock.NewMockTransport(), WithBaseURL("https://user:PASS-1@invoice.test"))
	assert.Equal(t, "invoice.Client(https://user:xxxxx@invoice.test, appId=12345678, signType=MD5)", c.String())
	// A Client value (not the pointer) shows no secret either, and neither
	// do slog's text and JSON handlers.
	c = newTestClient(t, httpmock.NewMockTransport(), WithUserID(""), WithAccessKey("AK-1", "ACCESS-SECRET-1"), WithApp(docAppID, "APP-SECRET-1"))
	pc := newTestClient(t, httpmock.NewMockTransport(), WithBaseURL("https://user:PASS-1@invoice.test"))
	for _, format := range []string{"%v", "%+v", "%s", "%#v"} {
		out := fmt.Sprintf(format, *c) + fmt.Sprintf(format, *pc)
		for _, secret := range []string{"ACCESS-SECRET-1", "APP-SECRET-1", "AK-1", "PASS-1"} {
			assert.NotContains(t, out, secret, format)
		}
	}
	for name, newHandler := range map[string]func(io.Writer) slog.Handler{
		"text": func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
		"json": func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
	} {
		var buf bytes.Buffer
		slog.New(newHandler(&buf)).Info("client", "client", c, "value", *c)
		out := buf.String()
		assert.Contains(t, out, "invoice.Client(https://invoice.test/gw, appId=12345678, signType=MD5)", name)
		for _, secret := range []string{"ACCESS-SECRET-1", "APP-SECRET-1", "AK-1"} {
			assert.NotContains(t, out, secret, name)
		}
	}
	var nilClient *Client
	assert.Equal(t, "invoice.Client(not initialised)", nilClient.String())
	assert.Equal(t, "invoice.Client(not initialised)", (&Client{}).GoString())
}

// TestGetOrdersKeepsUnreadableDates is issue 10 §11: one date the SDK cannot
// read used to fail the whole batch with a DecodeError; now the order keeps
// the raw text with a per-field error and the other orders are read.
func TestGetOrdersKeepsUnreadableDates(t *testing.T) {
	t.Parallel()
	body := `{"code":0,"data":[` +
		`{"erpOrderNo":"E1","orderPrice":1,"beginDate":"2024-03-01","endDate":"20240303","orderTime":1709274600000},` +
		`{"erpOrderNo":"E2","orderPrice":2,"beginDate":"01/03/2024","endDate":20240302,"orderTime":1.5},` +
		`{"erpOrderNo":"E3","orderPrice":3,"orderTime":"1709274600"}]}`
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+PathGetOrders, jsonResponder(200, body))
	c := newTestClient(t, mt)
	res, err := c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	require.NoError(t, err)
	require.Len(t, res.Orders, 3)
	o1, o2, o3 := res.Orders[0], res.Orders[1], res.Orders[2]
	assert.Empty(t, o1.Errors)
	assert.Equal(t, TimeCompactDate, o1.EndDate.Form())
	assert.True(t, o1.EndDate.Time().Equal(time.Date(2024, 3, 3, 0, 0, 0, 0, ChinaTime())))

	assert.Equal(t, "E2", o2.ErpOrderNo)
	assert.Equal(t, "2", o2.OrderPrice.String())
	assert.False(t, o2.BeginDate.IsSet())
	assert.Equal(t, "01/03/2024", o2.BeginDate.Raw())
	assert.Equal(t, "1.5", o2.OrderTime.Raw())
	assert.True(t, o2.EndDate.Time().Equal(time.Date(2024, 3, 2, 0, 0, 0, 0, ChinaTime())), "a yyyyMMdd JSON number is a date")
	assert.Equal(t, []hotelsdk.FieldError{
		{Field: "orderTime", Message: "epoch milliseconds must be a positive integer"},
		{Field: "beginDate", Message: `"01/03/2024" is not a date, a datetime or epoch milliseconds`},
	}, o2.Errors)
	assert.Equal(t, "1709274600", o3.OrderTime.Raw(), "epoch seconds are not guessed at")
	assert.Equal(t, []hotelsdk.FieldError{
		{Field: "data[1].orderTime", Message: "epoch milliseconds must be a positive integer"},
		{Field: "data[1].beginDate", Message: `"01/03/2024" is not a date, a datetime or epoch milliseconds`},
		{Field: "data[2].orderTime", Message: `"1709274600" is neither a yyyyMMdd date (8 digits) nor epoch milliseconds (12 or 13 digits)`},
	}, res.FieldErrors())
	// Written back, the unreadable values come out as they came in.
	b, err := json.Marshal(o2)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"orderTime":1.5`)
	assert.Contains(t, string(b), `"beginDate":"01/03/2024"`)
	var nilRes *GetOrdersResult
	assert.Nil(t, nilRes.FieldErrors())
}

// connTracker counts a test server's connections by state.
type connTracker struct {
	mu     sync.Mutex
	opened int
	closed chan struct{}
}

func newTrackedServer(t *testing.T, body string) (*httptest.Server, *connTracker) {
	t.Helper()
	tr := &connTracker{closed: make(chan struct{}, 16)}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		switch st {
		case http.StateNew:
			tr.opened++
		case http.StateClosed:
			tr.closed <- struct{}{}
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, tr
}

// TestCloseReleasesOwnedConnections is issue 10 §13: a client's own
// connection pool lingered after the client was dropped. Close releases it,
// is idempotent, and makes later calls fail.
func TestCloseReleasesOwnedConnections(t *testing.T) {
	t.Parallel()
	srv, tr := newTrackedServer(t, `{"code":0,"data":[]}`)
	c, err := NewClient(WithBaseURL(srv.URL), WithApp("a", "s"), WithUserID("u"))
	require.NoError(t, err)
	req := &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"}
	_, err = c.GetOrders(context.Background(), req)
	require.NoError(t, err)
	require.NoError(t, c.Close())
	select {
	case <-tr.closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the idle connection was not closed by Close")
	}
	require.NoError(t, c.Close(), "a second Close")
	res, err := c.GetOrders(context.Background(), req)
	assert.Nil(t, res)
	require.EqualError(t, err, "invoice: client closed")
	_, err = c.AddOrders(context.Background(), specAddOrders())
	require.EqualError(t, err, "invoice: client closed")
	var nilClient *Client
	assert.NoError(t, nilClient.Close())
	assert.NoError(t, (&Client{}).Close())
}

// Close leaves an *http.Client of the caller's alone: its idle connection
// stays open and is reused.
func TestCloseLeavesCallersHTTPClientAlone(t *testing.T) {
	t.Parallel()
	srv, tr := newTrackedServer(t, `{"code":0,"data":[]}`)
	hc := &http.Client{Transport: &http.Transport{}}
	c, err := NewClient(WithBaseURL(srv.URL), WithApp("a", "s"), WithUserID("u"), WithHTTPClient(hc))
	require.NoError(t, err)
	_, err = c.GetOrders(context.Background(), &GetOrdersRequest{StoreID: 1, OrderBatchNo: "B"})
	require.NoError(t, err)
	require.NoError(t, c.Close())
	resp, err := hc.Post(srv.URL+PathGetOrders, "application/json", strings.NewReader(`{}`))
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	require.NoError(t, resp.Body.Close())
	tr.mu.Lock()
	assert.Equal(t, 1, tr.opened, "the caller's pool kept its connection")
	tr.mu.Unlock()
	assert.Empty(t, tr.closed)
}

// TestRedirectsAreNotFollowed is issue 10 §0/§1 in invoice: a 307 from the
// API re-POSTed the signed body (accessSecret, sign, the orders) to the
// other host and sent AddOrders twice. No redirect is followed, with the
// caller's *http.Client too, and the failure says why.
func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	var other atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		other.Add(1)
		_, _ = io.WriteString(w, `{"code":0,"data":"B-ELSEWHERE"}`)
	}))
	t.Cleanup(elsewhere.Close)
	var api atomic.Int32
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		http.Redirect(w, r, elsewhere.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(gw.Close)
	for name, extra := range map[string][]Option{"own client": nil, "caller's client": {WithHTTPClient(&http.Client{})}} {
		api.Store(0)
		opts := append([]Option{WithBaseURL(gw.URL), WithApp("a", "APP-SECRET"), WithAccessKey("ak", "ACCESS-SECRET"),
			WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond})}, extra...)
		c, err := NewClient(opts...)
		require.NoError(t, err, name)
		res, err := c.AddOrders(context.Background(), specAddOrders())
		assert.Nil(t, res, name)
		var re *hotelsdk.RedirectError // the transport's policy (issue 10 §0/§1): no redirect is followed
		require.ErrorAs(t, err, &re, name)
		assert.Equal(t, http.StatusTemporaryRedirect, re.StatusCode, name)
		assert.Contains(t, err.Error(), "HTTP 307", name)
		assert.True(t, hotelsdk.OutcomeUnknown(err), "%s: the gateway may have read the orders", name)
		assert.Equal(t, int32(1), api.Load(), "%s: AddOrders sent once", name)
		assert.Equal(t, int32(0), other.Load(), "%s: nothing reached the other host", name)
		assert.NotContains(t, err.Error(), "SECRET", name)
		require.NoError(t, c.Close())
	}
}
