package douyin_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
)

// fakeDouyin stands in for open.douyin.com in these examples. In your own
// tests, package douyintest gives a fuller fake.
func fakeDouyin() *httpmock.MockTransport {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, douyin.DefaultBaseURL+douyin.PathClientToken,
		httpmock.NewStringResponder(200, `{"data":{"access_token":"clt.example","expires_in":7200,"error_code":0,"description":""},"message":"success"}`))
	mt.RegisterResponder(http.MethodPost, douyin.DefaultBaseURL+douyin.PathOrderStatus,
		httpmock.NewStringResponder(200, `{"data":{"error_code":0,"description":""},"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"202403011200000101","now":1709294400000}}`))
	mt.RegisterResponder(http.MethodPost, douyin.DefaultBaseURL+douyin.PathOrderSync,
		httpmock.NewStringResponder(200, `{"data":{"order_id":"7000000000001","error_code":0,"description":""},"extra":{"error_code":0,"description":"","sub_error_code":0,"sub_description":"","logid":"202403011200000102","now":1709294400000}}`))
	mt.RegisterResponder(http.MethodPost, douyin.DefaultBaseURL+douyin.PathAccessToken,
		httpmock.NewStringResponder(200, `{"data":{"access_token":"act.example","open_id":"open-1","scope":"poi.product","expires_in":1296000,"refresh_token":"rft.example","refresh_expires_in":2592000,"error_code":0,"description":""},"message":"success"}`))
	return mt
}

func ExampleNewClient() {
	// In production: douyin.NewClient(douyin.WithClientCredentials(key, secret)).
	// Tokens are fetched, cached and refreshed by the client.
	c, err := douyin.NewClient(
		douyin.WithClientCredentials("your-client-key", "your-client-secret"),
		douyin.WithSandbox(),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.BaseURL())
	// Output: https://open-sandbox.douyin.com
}

func ExampleClient_UpdateOrderStatus() {
	c, err := douyin.NewClient(
		douyin.WithClientCredentials("your-client-key", "your-client-secret"),
		douyin.WithTransport(fakeDouyin()), // omit in production
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.UpdateOrderStatus(context.Background(), &douyin.UpdateOrderStatusRequest{
		OrderID:       "7000000000001",
		OrderExtID:    "EXT-1001",
		SupplierExtID: "HOTEL-9",
		Status:        douyin.ConfirmStatusConfirmed,
	})
	var apiErr *douyin.APIError
	switch {
	case errors.As(err, &apiErr):
		fmt.Println("douyin refused:", apiErr.ErrorCode, apiErr.Description, "logid", apiErr.RequestID)
		return
	case err != nil:
		fmt.Println(err)
		return
	}
	fmt.Println("confirmed, logid", res.RequestID)
	// Output: confirmed, logid 202403011200000101
}

func ExampleClient_SyncOrder() {
	c, err := douyin.NewClient(
		douyin.WithClientCredentials("your-client-key", "your-client-secret"),
		douyin.WithTransport(fakeDouyin()), // omit in production
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	req, err := douyin.NewHotelSyncOrder(douyin.ExtShopInfo{ExtShopID: "HOTEL-9"}, &douyin.HotelOrderDetail{
		OrderID:       "7000000000001",
		OrderExtID:    "EXT-1001",
		SupplierExtID: "HOTEL-9",
		SPUExtID:      "ROOM-KING",
		CheckIn:       douyin.NewDate(2024, 3, 1),
		CheckOut:      douyin.NewDate(2024, 3, 3),
		ReserveAmount: 1,
		TotalPrice:    douyin.Yuan(440),
		Status:        douyin.ConfirmStatusConfirmed,
		PayStatus:     douyin.PayStatusPaid,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.SyncOrder(context.Background(), req)
	var te *hotelsdk.TransportError
	if errors.As(err, &te) && te.MaybeSent {
		// SyncOrder is never retried once sent: check on Douyin's side
		// before pushing the order again.
		fmt.Println("outcome unknown")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("douyin order id", res.OrderID)
	// Output: douyin order id 7000000000001
}

func ExampleClient_FetchClientToken() {
	c, err := douyin.NewClient(
		douyin.WithClientCredentials("your-client-key", "your-client-secret"),
		douyin.WithTransport(fakeDouyin()), // omit in production
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Usually unnecessary: the client's token source does this for you.
	res, err := c.FetchClientToken(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("token valid for", res.Token.ExpiresAt.Sub(res.Token.IssuedAt))
	// Output: token valid for 2h0m0s
}

func ExampleClient_ExchangeUserToken() {
	mt := fakeDouyin()
	c, err := douyin.NewClient(
		douyin.WithClientCredentials("your-client-key", "your-client-secret"),
		douyin.WithTransport(mt), // omit in production
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.ExchangeUserToken(context.Background(), "code-from-the-authorisation-redirect")
	if err != nil {
		fmt.Println(err)
		return
	}
	// A client that sends the user token with every /poi/order/* call.
	userClient, err := douyin.NewClient(
		douyin.WithTokenSource(douyin.StaticTokenSource(res.Token)),
		douyin.WithTransport(mt), // omit in production
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = userClient.UpdateOrderStatus(context.Background(), &douyin.UpdateOrderStatusRequest{
		OrderID: "7000000000001", OrderExtID: "EXT-1001", SupplierExtID: "HOTEL-9",
		Status: douyin.ConfirmStatusConfirming,
	})
	fmt.Println("scope", res.Scope, "status sent:", err == nil)
	// Output: scope poi.product status sent: true
}

func ExampleMarshalOrderDetail() {
	// For an order type whose detail schema you have from Douyin, encode
	// your own struct.
	detail, err := douyin.MarshalOrderDetail(struct {
		OrderExtID string `json:"order_ext_id"`
		Amount     int64  `json:"amount"`
	}{"EXT-1001", 44000})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(detail)
	// Output: {"order_ext_id":"EXT-1001","amount":44000}
}

// Share one client token between several clients (processes, in real life)
// through a TokenStore: Douyin keeps only the latest two tokens valid, so a
// fleet must not fetch one each. Implement TokenStore (and
// TokenRefreshLocker) over Redis or a database; MemoryTokenStore shares
// within one process.
func ExampleWithTokenStore() {
	mt := fakeDouyin() // omit in production
	store := douyin.NewMemoryTokenStore()
	req := &douyin.UpdateOrderStatusRequest{
		OrderID: "7000000000001", OrderExtID: "EXT-1001", SupplierExtID: "HOTEL-9",
		Status: douyin.ConfirmStatusConfirmed,
	}
	for range 3 {
		c, err := douyin.NewClient(
			douyin.WithClientCredentials("your-client-key", "your-client-secret"),
			douyin.WithTokenStore(store),
			douyin.WithTransport(mt),
		)
		if err != nil {
			fmt.Println(err)
			return
		}
		if _, err := c.UpdateOrderStatus(context.Background(), req); err != nil {
			fmt.Println(err)
			return
		}
	}
	fetches := mt.GetCallCountInfo()["POST "+douyin.DefaultBaseURL+douyin.PathClientToken]
	fmt.Println("clients: 3, token fetches:", fetches)
	// Output: clients: 3, token fetches: 1
}

func ExampleClient_Close() {
	c, err := douyin.NewClient(douyin.WithClientCredentials("your-client-key", "your-client-secret"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close() // releases the connections the client opened
	fmt.Println(c.BaseURL())
	// Output: https://open.douyin.com
}
