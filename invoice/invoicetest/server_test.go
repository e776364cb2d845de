package invoicetest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fast keeps retry waits negligible.
var fast = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond}

func newSandbox(t *testing.T, opts ...invoicetest.Option) *invoicetest.Server {
	t.Helper()
	srv := invoicetest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

func newClient(t *testing.T, srv *invoicetest.Server, extra ...invoice.Option) *invoice.Client {
	t.Helper()
	c, err := srv.NewClient(append([]invoice.Option{invoice.WithRetryPolicy(fast)}, extra...)...)
	require.NoError(t, err)
	return c
}

// specOrders are the documentation's example orders.
func specOrders(storeID int64) *invoice.AddOrdersRequest {
	return &invoice.AddOrdersRequest{
		StoreID: storeID,
		OrderList: []invoice.Order{
			{ErpOrderNo: "erp1231231", PartnerOrderNo: "order120292", OrderPrice: invoice.MustAmount("24.8"),
				Items: []invoice.OrderItem{{Identifier: "ZSF0000001", Quantity: invoice.MustQuantity("2"),
					UnitPrice: invoice.MustAmount("12.4"), TotalPrice: invoice.MustAmount("24.8")}}},
			{ErpOrderNo: "erp1231232", OrderPrice: invoice.MustAmount("30"),
				Items: []invoice.OrderItem{{Identifier: "ZSF0000002", Quantity: invoice.MustQuantity("2"),
					UnitPrice: invoice.MustAmount("15"), TotalPrice: invoice.MustAmount("30")}}},
		},
	}
}

func TestAddThenGetThroughTheClient(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)
	ctx := context.Background()

	added, err := c.AddOrders(ctx, specOrders(invoicetest.DefaultStoreID))
	require.NoError(t, err)
	assert.Regexp(t, `^SBX\d{8}000001$`, added.OrderBatchNo)

	got, err := c.GetOrders(ctx, &invoice.GetOrdersRequest{StoreNo: invoicetest.DefaultStoreNo, OrderBatchNo: added.OrderBatchNo})
	require.NoError(t, err)
	require.Len(t, got.Orders, 2)
	o := got.Orders[0]
	assert.Equal(t, "erp1231231", o.ErpOrderNo)
	assert.Equal(t, "order120292", o.PartnerOrderNo)
	assert.Equal(t, "24.8", o.OrderPrice.String())
	assert.True(t, o.OrderTime.IsSet())
	require.Len(t, o.OrderDetailDtos, 1)
	d := o.OrderDetailDtos[0]
	assert.Equal(t, "住宿费", d.Name)
	assert.Equal(t, "住宿服务", d.Abbreviation)
	assert.Equal(t, "3070402000000000000", d.TaxTypeNo)
	assert.Equal(t, "3", d.TaxRate)
	assert.Equal(t, "2", d.Quantity.String())
	assert.Equal(t, "12.4", d.UnitPrice.String())
	assert.Equal(t, "0", d.DiscountPrice.String())
	assert.Equal(t, "24.8", d.FinalPrice.String())
	assert.Equal(t, "24.8", o.InvoiceAmount().String())
	assert.Equal(t, "", got.Orders[1].OrderDetailDtos[0].Name, "not in the catalogue")
	assert.Equal(t, "30", got.Orders[1].OrderPrice.String())

	rcv := srv.Received()
	require.Len(t, rcv, 2)
	assert.Equal(t, invoice.PathAddOrders, rcv[0].Path)
	assert.Equal(t, invoice.PathGetOrders, rcv[1].Path)
	for _, r := range rcv {
		assert.Equal(t, invoice.CodeOK, r.Code)
		assert.Equal(t, added.OrderBatchNo, r.OrderBatchNo)
		assert.Equal(t, invoicetest.DefaultUserNo, r.Auth.UserNo)
		assert.True(t, r.Auth.VerifySign(invoice.SignAllAuthParams, invoicetest.DefaultAppSecret))
		assert.NotContains(t, string(r.Body), invoicetest.DefaultAppSecret)
	}
	assert.NotEqual(t, rcv[0].Auth.NonceStr, rcv[1].Auth.NonceStr)

	b, ok := srv.Batch(added.OrderBatchNo)
	require.True(t, ok)
	assert.Equal(t, int64(invoicetest.DefaultStoreID), b.StoreID)
	assert.Equal(t, invoicetest.DefaultStoreNo, b.StoreNo)
	assert.Len(t, b.Orders, 2)
	_, ok = srv.Batch("nope")
	assert.False(t, ok)
}

func TestResubmittedOrderAddsANewRecord(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)
	first, err := c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	require.NoError(t, err)
	second, err := c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	require.NoError(t, err)
	assert.NotEqual(t, first.OrderBatchNo, second.OrderBatchNo)
	assert.Len(t, srv.Batches(), 2)
	assert.Len(t, srv.Records("erp1231231"), 2, "the platform adds, it does not deduplicate")
	assert.Empty(t, srv.Records("unknown"))
}

func TestUnknownStoreIs4002(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)
	_, err := c.AddOrders(context.Background(), specOrders(999))
	assert.True(t, errors.Is(err, invoice.ErrStoreNotFound))
	var apiErr *invoice.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, invoice.CodeStoreNotFound, apiErr.Code)
	assert.Equal(t, "门店不存在", apiErr.Message)
	_, err = c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreNo: "nope", OrderBatchNo: "B"})
	assert.ErrorIs(t, err, invoice.ErrStoreNotFound)
	assert.Empty(t, srv.Batches())
	rcv := srv.Received()
	require.Len(t, rcv, 2)
	assert.Equal(t, invoice.CodeStoreNotFound, rcv[0].Code)
}

func TestGetUnknownBatchOrOtherStoresBatchIsEmpty(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t, invoicetest.WithStores(invoicetest.Store{ID: 1, No: "A"}, invoicetest.Store{ID: 2, No: "B"}))
	c := newClient(t, srv)
	req := specOrders(1)
	added, err := c.AddOrders(context.Background(), req)
	require.NoError(t, err)
	for _, get := range []*invoice.GetOrdersRequest{
		{StoreID: 1, OrderBatchNo: "SBX-unknown"},
		{StoreNo: "B", OrderBatchNo: added.OrderBatchNo},
	} {
		res, err := c.GetOrders(context.Background(), get)
		require.NoError(t, err)
		assert.Empty(t, res.Orders)
	}
	res, err := c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreNo: "A", OrderBatchNo: added.OrderBatchNo})
	require.NoError(t, err)
	assert.Len(t, res.Orders, 2)
}

func TestSignTypesAndSignedSets(t *testing.T) {
	t.Parallel()
	for _, st := range []invoice.SignType{invoice.SignMD5, invoice.SignSHA1, invoice.SignSHA256} {
		for _, set := range []invoice.SignedParams{invoice.SignAllAuthParams, invoice.SignCoreParams} {
			t.Run(fmt.Sprintf("%s/%d", st, set), func(t *testing.T) {
				t.Parallel()
				srv := newSandbox(t, invoicetest.WithSignedParams(set))
				c := newClient(t, srv, invoice.WithSignType(st), invoice.WithUserNo(""), invoice.WithAccessKey("ak", "as"))
				_, err := c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
				require.NoError(t, err)
				assert.Equal(t, st, srv.Received()[0].Auth.SignType)
				assert.Equal(t, "ak", srv.Received()[0].Auth.AccessKey)
			})
		}
	}
}

func TestClientSigningAnotherSetIsRejected(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t, invoicetest.WithSignedParams(invoice.SignCoreParams))
	c := newClient(t, srv, invoice.WithSignedParams(invoice.SignAllAuthParams))
	_, err := c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreID: invoicetest.DefaultStoreID, OrderBatchNo: "B"})
	var apiErr *invoice.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "签名错误", apiErr.Message)
}

func TestStaleClientClockIsRejected(t *testing.T) {
	t.Parallel()
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	srv := newSandbox(t, invoicetest.WithClock(func() time.Time { return now }), invoicetest.WithTimestampTolerance(time.Minute))
	stale := newClient(t, srv, invoice.WithClock(func() time.Time { return now.Add(-2 * time.Minute) }))
	_, err := stale.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	var apiErr *invoice.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "timestamp已过期", apiErr.Message)
	assert.Empty(t, srv.Batches())

	ok := newClient(t, srv, invoice.WithClock(func() time.Time { return now.Add(30 * time.Second) }))
	_, err = ok.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	require.NoError(t, err)
	b := srv.Batches()[0]
	assert.Equal(t, "2030-01-01 08:00:00", b.Orders[0].OrderTime.String(), "orderTime is the sandbox clock in China time")
	assert.Regexp(t, `^SBX20300101`, b.No)
}

func TestConcurrentSubmissions(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)
	const n = 8
	nos := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
			if assert.NoError(t, err) {
				nos[i] = res.OrderBatchNo
			}
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, no := range nos {
		assert.False(t, seen[no], "batch numbers are unique")
		seen[no] = true
	}
	assert.Len(t, srv.Batches(), n)
}

func TestAccessorsAndClientOptions(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t, invoicetest.WithApp("app-9", "secret-9"), nil)
	assert.Equal(t, "app-9", srv.AppID())
	assert.Equal(t, "secret-9", srv.AppSecret())
	assert.True(t, strings.HasPrefix(srv.URL(), "http://127.0.0.1:"), "loopback only")
	assert.Len(t, srv.ClientOptions(), 5)
	_, err := srv.NewClient(invoice.WithSignType("bad"))
	require.ErrorIs(t, err, invoice.ErrInvalidConfig)
	assert.Contains(t, err.Error(), "invoicetest:")
}

// rawPost sends body as is and decodes the envelope.
func rawPost(t *testing.T, srv *invoicetest.Server, method, path string, body []byte) (int, invoice.Response[json.RawMessage]) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, "application/json;charset=UTF-8", resp.Header.Get("Content-Type"))
	var env invoice.Response[json.RawMessage]
	require.NoError(t, json.Unmarshal(raw, &env), string(raw))
	return resp.StatusCode, env
}

var nonceN struct {
	sync.Mutex
	n int
}

// signed returns a body with valid authentication parameters (changed by
// mutate, then signed unless mutate set a sign) and the given business
// fields.
func signed(t *testing.T, srv *invoicetest.Server, business string, mutate func(*invoice.AuthParams)) []byte {
	t.Helper()
	nonceN.Lock()
	nonceN.n++
	n := nonceN.n
	nonceN.Unlock()
	p := invoice.AuthParams{
		AppID: srv.AppID(), UserNo: invoicetest.DefaultUserNo, NonceStr: fmt.Sprintf("raw-nonce-%d", n),
		Timestamp: strconv.FormatInt(time.Now().UnixMilli(), 10), SignType: invoice.SignMD5,
	}
	if mutate != nil {
		mutate(&p)
	}
	if p.Sign == "" {
		p.Sign, _ = p.ComputeSign(invoice.SignAllAuthParams, srv.AppSecret())
	}
	if p.Sign == "-" {
		p.Sign = ""
	}
	head, err := json.Marshal(p)
	require.NoError(t, err)
	if business == "{}" {
		return head
	}
	return append(append(head[:len(head)-1], ','), business[1:]...)
}

const validAdd = `{"storeId":100021,"orderList":[{"erpOrderNo":"E1","orderPrice":24.8,"items":[{"identifier":"ZSF0000001","quantity":2,"unitPrice":12.4,"totalPrice":24.8}]}]}`

func TestAuthenticationChecks(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	tests := []struct {
		name   string
		mutate func(*invoice.AuthParams)
		want   string
	}{
		{"no appId", func(p *invoice.AuthParams) { p.AppID = "" }, "appId不能为空"},
		{"unknown appId", func(p *invoice.AuthParams) { p.AppID = "other" }, "appId不存在"},
		{"no identity", func(p *invoice.AuthParams) { p.UserNo = "" }, "userId、userNo、accessKey+accessSecret须且只能提供其一"},
		{"two identities", func(p *invoice.AuthParams) { p.UserID = "u" }, "userId、userNo、accessKey+accessSecret须且只能提供其一"},
		{"half access key", func(p *invoice.AuthParams) { p.UserNo, p.AccessKey = "", "ak" }, "accessKey和accessSecret须同时提供"},
		{"no nonce", func(p *invoice.AuthParams) { p.NonceStr = "" }, "nonceStr不能为空"},
		{"sign type", func(p *invoice.AuthParams) { p.SignType = "HMAC"; p.Sign = "X" }, "signType不支持"},
		{"timestamp in seconds", func(p *invoice.AuthParams) { p.Timestamp = "1554366469.041" }, "timestamp格式错误,应为毫秒"},
		{"old timestamp", func(p *invoice.AuthParams) {
			p.Timestamp = strconv.FormatInt(time.Now().Add(-10*time.Minute).UnixMilli(), 10)
		}, "timestamp已过期"},
		{"future timestamp", func(p *invoice.AuthParams) {
			p.Timestamp = strconv.FormatInt(time.Now().Add(10*time.Minute).UnixMilli(), 10)
		}, "timestamp已过期"},
		{"no sign", func(p *invoice.AuthParams) { p.Sign = "-" }, "sign不能为空"},
		{"wrong sign", func(p *invoice.AuthParams) { p.Sign = "8AED3DCC696D89D628AA62719A66FBED" }, "签名错误"},
		{"signed with another secret", func(p *invoice.AuthParams) {
			p.Sign, _ = p.ComputeSign(invoice.SignAllAuthParams, "not-the-secret")
		}, "签名错误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			status, env := rawPost(t, srv, http.MethodPost, invoice.PathAddOrders, signed(t, srv, validAdd, tt.mutate))
			assert.Equal(t, http.StatusOK, status)
			assert.Equal(t, invoice.CodeInvalidParams, env.Code)
			assert.Equal(t, tt.want, env.Message)
		})
	}
}

func TestReplayedNonceIsRejected(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	body := signed(t, srv, validAdd, nil)
	_, env := rawPost(t, srv, http.MethodPost, invoice.PathAddOrders, body)
	assert.Equal(t, invoice.CodeOK, env.Code)
	_, env = rawPost(t, srv, http.MethodPost, invoice.PathAddOrders, body)
	assert.Equal(t, invoice.CodeInvalidParams, env.Code)
	assert.Equal(t, "nonceStr重复", env.Message)
	assert.Len(t, srv.Batches(), 1)
}

func TestBusinessChecks(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	tests := []struct {
		name, path, body string
		code             invoice.Code
		want             string
	}{
		{"add without store", invoice.PathAddOrders, `{"orderList":[]}`, -1, "storeId和storeNo不能都为空"},
		{"get without store", invoice.PathGetOrders, `{"orderBatchNo":"B"}`, -1, "storeId和storeNo不能都为空"},
		{"both store keys", invoice.PathGetOrders, `{"storeId":100021,"storeNo":"STORE-001","orderBatchNo":"B"}`, -1, "storeId和storeNo只能填写一个"},
		{"unknown store number", invoice.PathAddOrders, `{"storeNo":"X","orderList":[]}`, 4002, "门店不存在"},
		{"no batch number", invoice.PathGetOrders, `{"storeId":100021}`, -1, "orderBatchNo不能为空"},
		{"empty order list", invoice.PathAddOrders, `{"storeId":100021,"orderList":[]}`, -1, "orderList不能为空"},
		{"no erpOrderNo", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"orderPrice":1,"items":[{"identifier":"I","totalPrice":1}]}]}`, -1, "orderList[0].erpOrderNo不能为空"},
		{"no orderPrice", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","items":[{"identifier":"I","totalPrice":1}]}]}`, -1, "orderList[0].orderPrice不能为空"},
		{"negative orderPrice", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","orderPrice":-1,"items":[{"identifier":"I","totalPrice":1}]}]}`, -1, "orderList[0].orderPrice不能为负数"},
		{"no items", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","orderPrice":1}]}`, -1, "orderList[0].items不能为空"},
		{"no identifier", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","orderPrice":1,"items":[{"totalPrice":1}]}]}`, -1, "orderList[0].items[0].identifier不能为空"},
		{"no totalPrice", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","orderPrice":1,"items":[{"identifier":"I"}]}]}`, -1, "orderList[0].items[0].totalPrice不能为空"},
		{"negative unitPrice", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","orderPrice":1,"items":[{"identifier":"I","unitPrice":-1,"totalPrice":1}]}]}`, -1, "orderList[0].items[0]金额不能为负数"},
		{"total is not unit × quantity", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","orderPrice":24.79,"items":[{"identifier":"I","quantity":2,"unitPrice":12.4,"totalPrice":24.79}]}]}`, -1, "orderList[0].items[0].totalPrice须等于单价*数量"},
		{"order price is not the sum", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","orderPrice":0.30000000000000004,"items":[{"identifier":"I","totalPrice":0.1},{"identifier":"I","totalPrice":0.2}]}]}`, -1, "orderList[0].orderPrice须等于商品总价之和"},
		{"amount not a number", invoice.PathAddOrders, `{"storeId":100021,"orderList":[{"erpOrderNo":"E","orderPrice":"x","items":[]}]}`, -1, "参数格式错误"},
		{"batch number not a string", invoice.PathGetOrders, `{"storeId":100021,"orderBatchNo":5}`, -1, "参数格式错误"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, env := rawPost(t, srv, http.MethodPost, tt.path, signed(t, srv, tt.body, nil))
			assert.Equal(t, tt.code, env.Code)
			assert.Equal(t, tt.want, env.Message)
			assert.Empty(t, env.Data)
		})
	}
	assert.Empty(t, srv.Batches())
}

func TestMalformedRequests(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	status, env := rawPost(t, srv, http.MethodGet, invoice.PathGetOrders, nil)
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assert.Equal(t, "请求方式错误,仅支持POST", env.Message)
	status, env = rawPost(t, srv, http.MethodPost, "/openapi/order/delete", []byte(`{}`))
	assert.Equal(t, http.StatusNotFound, status)
	assert.Equal(t, "接口不存在", env.Message)
	_, env = rawPost(t, srv, http.MethodPost, invoice.PathAddOrders, []byte(`{"appId":`))
	assert.Equal(t, "请求体不是有效的JSON或参数类型错误", env.Message)
	_, env = rawPost(t, srv, http.MethodPost, invoice.PathAddOrders, []byte(`{"appId":"sandbox-app","timestamp":1}`))
	assert.Equal(t, "请求体不是有效的JSON或参数类型错误", env.Message, "timestamp travels as a string")
	_, env = rawPost(t, srv, http.MethodPost, invoice.PathAddOrders, bytes.Repeat([]byte(" "), 1<<20+1))
	assert.Equal(t, "请求体过大", env.Message)
	rcv := srv.Received()
	require.Len(t, rcv, 3, "method and path errors are not API requests")
	assert.Equal(t, invoice.CodeInvalidParams, rcv[0].Code)
}

func TestNilAndZeroServers(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]*invoicetest.Server{"nil": nil, "zero": {}} {
		c, err := s.NewClient()
		assert.Nil(t, c, name)
		require.EqualError(t, err, "invoicetest: Server not started: create it with NewServer", name)
		assert.Nil(t, s.ClientOptions(), name)
		assert.Same(t, http.DefaultClient, s.Client(), name)
		assert.Empty(t, s.Received(), name)
		assert.Empty(t, s.Batches(), name)
		assert.Empty(t, s.Records("E"), name)
		_, ok := s.Batch("B")
		assert.False(t, ok, name)
		s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.NonJSON})
		s.ResetFaults()
		assert.Equal(t, 0, s.PendingFaults(), name)
		assert.Equal(t, 0, s.FaultsInjected(hotelsdktest.NonJSON), name)
		rr := httptest.NewRecorder()
		s.Handler().ServeHTTP(rr, httptest.NewRequest(http.MethodPost, invoice.PathGetOrders, strings.NewReader(`{}`)))
		assert.Equal(t, http.StatusInternalServerError, rr.Code, name)
		assert.Contains(t, rr.Body.String(), "create it with NewServer", name)
		s.Close()
		s.Close()
		assert.Equal(t, "", s.URL(), name)
	}
	if s := (*invoicetest.Server)(nil); s.AppID() != "" || s.AppSecret() != "" {
		t.Error("a nil Server has no app")
	}
}

// Stores may lack an id or a number: a batch belongs to the store that
// matches on both.
func TestStoresWithoutIDs(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t, invoicetest.WithStores(invoicetest.Store{No: "A"}, invoicetest.Store{No: "B"}))
	c := newClient(t, srv)
	req := specOrders(0)
	req.StoreNo = "A"
	added, err := c.AddOrders(context.Background(), req)
	require.NoError(t, err)
	res, err := c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreNo: "B", OrderBatchNo: added.OrderBatchNo})
	require.NoError(t, err)
	assert.Empty(t, res.Orders, "store B does not see store A's batch")
	res, err = c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreNo: "A", OrderBatchNo: added.OrderBatchNo})
	require.NoError(t, err)
	assert.Len(t, res.Orders, 2)
}

// The sandbox serves on a listener of the caller's (the CLI's fixed
// address), and Close may be called again.
func TestWithListenerAndCloseTwice(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := invoicetest.NewServer(invoicetest.WithListener(l), invoicetest.WithListener(nil))
	assert.Equal(t, "http://"+l.Addr().String(), srv.URL())
	c, err := srv.NewClient()
	require.NoError(t, err)
	res, err := c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreID: invoicetest.DefaultStoreID, OrderBatchNo: "none"})
	require.NoError(t, err)
	assert.Empty(t, res.Orders)
	require.Len(t, srv.Received(), 1)
	srv.Close()
	srv.Close()
	_, err = net.Dial("tcp", l.Addr().String())
	assert.Error(t, err, "the listener is closed with the server")
}

// The sandbox holds an app secret: printing or logging it shows none.
func TestServerMasksItsSecret(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t, invoicetest.WithApp("app-9", "SANDBOX-SECRET-9"))
	want := "invoicetest.Server(" + srv.URL() + ", appId=app-9)"
	for _, format := range []string{"%v", "%+v", "%s", "%#v"} {
		assert.Equal(t, want, fmt.Sprintf(format, srv), format)
	}
	for _, h := range []func(io.Writer) slog.Handler{
		func(w io.Writer) slog.Handler { return slog.NewTextHandler(w, nil) },
		func(w io.Writer) slog.Handler { return slog.NewJSONHandler(w, nil) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Info("sandbox", "srv", srv)
		assert.Contains(t, buf.String(), "appId=app-9")
		assert.NotContains(t, buf.String(), "SANDBOX-SECRET-9")
	}
	var nilSrv *invoicetest.Server
	assert.Equal(t, "invoicetest.Server(not started)", nilSrv.String())
}
