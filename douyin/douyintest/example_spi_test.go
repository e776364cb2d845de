package douyintest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
)

// exampleHotel is an integrator's SPI implementation.
type exampleHotel struct{}

func (exampleHotel) CommitOrder(_ context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	return &spi.CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func (exampleHotel) NotifyPayment(context.Context, *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

func (exampleHotel) CancelOrder(context.Context, *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	return &spi.CancelOrderResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

// Play Douyin against your SPI server: the calls are signed with the
// sandbox's credentials, which your handler is configured with in tests.
func ExampleServer_SPI() {
	s := douyintest.NewServer()
	defer s.Close()
	handler, err := spi.NewHandler(exampleHotel{}, spi.WithCredentials(s.Credentials()))
	if err != nil {
		fmt.Println(err)
		return
	}
	yours := httptest.NewServer(handler) // your SPI server
	defer yours.Close()

	caller, err := s.SPI(yours.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	reply, err := caller.CommitOrder(context.Background(), &spi.CommitOrderRequest{
		OrderID: "DY1", SPUExtID: "ROOM-1", ReserveAmount: 1, TotalPrice: douyin.Yuan(220),
		CheckIn: douyin.NewDate(2024, 3, 1), CheckOut: douyin.NewDate(2024, 3, 2),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("order_ext_id:", reply.Data.OrderExtID)
	fmt.Println("exchanges recorded:", len(s.SPIExchanges()))
	// Output:
	// order_ext_id: H-DY1
	// exchanges recorded: 1
}

// hotelSPI is an integrator's implementation of the SPI: it books rooms
// in its own system and answers Douyin.
type hotelSPI struct{}

func (hotelSPI) CommitOrder(_ context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	if req.SPUExtID == "SOLD-OUT" {
		// A business failure: Douyin gets this code and description.
		return nil, &spi.Error{Code: 40001, Description: "room type sold out"}
	}
	// Create the order, idempotently on req.OrderID, and return its id.
	return &spi.CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func (hotelSPI) NotifyPayment(_ context.Context, req *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

func (hotelSPI) CancelOrder(_ context.Context, req *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	return &spi.CancelOrderResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

func exampleCommit() *spi.CommitOrderRequest {
	return &spi.CommitOrderRequest{
		OrderID:       "DY20240301001",
		SPUExtID:      "KING-ROOM",
		Status:        douyin.PayStatusUnpaid,
		ReserveAmount: 1,
		CustomerName:  "张三",
		CustomerPhone: "13800138000",
		CheckIn:       douyin.NewDate(2024, time.March, 1),
		CheckOut:      douyin.NewDate(2024, time.March, 3),
		TotalPrice:    douyin.Yuan(880),
		DatePrice: []douyin.DatePrice{
			{Date: douyin.NewDate(2024, time.March, 1), Price: douyin.Yuan(440)},
			{Date: douyin.NewDate(2024, time.March, 2), Price: douyin.Yuan(440)},
		},
	}
}

// Call an integrator's SPI server exactly as Douyin does: signed, and
// accepting both reply forms.
func ExampleSPIClient() {
	const clientKey, clientSecret = "your-client-key", "your-client-secret"
	handler, _ := spi.NewHandler(hotelSPI{}, spi.WithCredentials(clientKey, clientSecret))
	srv := httptest.NewServer(handler)
	defer srv.Close()

	c, err := douyintest.NewSPIClient(srv.URL, clientKey, clientSecret,
		douyintest.WithSPILogID(func() string { return "DY-LOG-1" })) // sent as X-Bytedance-Logid
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	commit, err := c.CommitOrder(ctx, exampleCommit())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("order_ext_id:", commit.Data.OrderExtID)

	paid, err := c.NotifyPayment(ctx, &spi.NotifyPaymentRequest{
		OrderID: "DY20240301001", OrderExtID: commit.Data.OrderExtID, Status: douyin.PayStatusPaid,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("confirmation:", paid.Data.Status)

	soldOut := exampleCommit()
	soldOut.SPUExtID = "SOLD-OUT"
	_, err = c.CommitOrder(ctx, soldOut)
	fmt.Println(err)
	// Output:
	// order_ext_id: H-DY20240301001
	// confirmation: confirmed
	// douyin: spi.commit_order: error_code 40001 (room type sold out), logid DY-LOG-1
}

// Build a signed request for your own handler's tests.
func ExampleSignSPIRequest() {
	req := httptest.NewRequest(http.MethodPost, "/douyin"+spi.OpCancelOrder.Path()+"?foo=bar",
		nil)
	if err := douyintest.SignSPIRequest(req, "your-client-key", "your-client-secret", time.UnixMilli(1700000000000)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.URL.RawQuery)
	fmt.Println(req.Header.Get("x-life-clientkey"))
	fmt.Println(len(req.Header.Get("x-life-sign")))
	// Output:
	// client_key=your-client-key&foo=bar&timestamp=1700000000000
	// your-client-key
	// 64
}

// newExampleSPIServer starts the hotelSPI behind a signed handler on
// loopback; the caller closes it.
func newExampleSPIServer(clientKey, clientSecret string) *httptest.Server {
	handler, err := spi.NewHandler(hotelSPI{}, spi.WithCredentials(clientKey, clientSecret))
	if err != nil {
		panic(err)
	}
	return httptest.NewServer(handler)
}

// Commit an order; a refusal by the integrator is an *APIError with its
// error_code and description.
func ExampleSPIClient_CommitOrder() {
	srv := newExampleSPIServer("k", "s")
	defer srv.Close()
	c, _ := douyintest.NewSPIClient(srv.URL, "k", "s")

	reply, err := c.CommitOrder(context.Background(), exampleCommit())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(reply.Data.OrderExtID)

	soldOut := exampleCommit()
	soldOut.SPUExtID = "SOLD-OUT"
	_, err = c.CommitOrder(context.Background(), soldOut)
	var apiErr *douyin.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.HTTPStatus, apiErr.ErrorCode, apiErr.Description)
	}
	// Output:
	// H-DY20240301001
	// 200 40001 room type sold out
}

// Notify a payment; the reply's status is the integrator's confirmation.
func ExampleSPIClient_NotifyPayment() {
	srv := newExampleSPIServer("k", "s")
	defer srv.Close()
	c, _ := douyintest.NewSPIClient(srv.URL, "k", "s")

	reply, err := c.NotifyPayment(context.Background(), &spi.NotifyPaymentRequest{
		SupplierExtID: "SHOP-1", OrderID: "DY1", OrderExtID: "H-DY1", Status: douyin.PayStatusPaid,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(int(reply.Data.Status), reply.Data.Status)
	// Output:
	// 0 confirmed
}

// Cancel an order; an unsigned or wrongly signed call would be refused.
func ExampleSPIClient_CancelOrder() {
	srv := newExampleSPIServer("k", "s")
	defer srv.Close()
	c, _ := douyintest.NewSPIClient(srv.URL, "k", "s")
	reply, err := c.CancelOrder(context.Background(), &spi.CancelOrderRequest{
		OrderID: "DY1", OrderExtID: "H-DY1", OrderStatus: douyin.PayStatusPaid,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(reply.Data.Status == douyin.ConfirmStatusConfirmed)

	wrong, _ := douyintest.NewSPIClient(srv.URL, "k", "not-the-secret")
	_, err = wrong.CancelOrder(context.Background(), &spi.CancelOrderRequest{OrderID: "DY1"})
	var apiErr *douyin.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.HTTPStatus, apiErr.Description)
	}
	// Output:
	// true
	// 401 invalid signature (x-life-sign)
}
