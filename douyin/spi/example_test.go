package spi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
)

// hotel is an integrator's implementation of the SPI: it books rooms in
// its own system and answers Douyin.
type hotel struct{}

func (hotel) CommitOrder(_ context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	if req.SPUExtID == "SOLD-OUT" {
		// A business failure: Douyin gets this code and description.
		return nil, &spi.Error{Code: 40001, Description: "room type sold out"}
	}
	// Create the order, idempotently on req.OrderID, and return its id.
	return &spi.CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func (hotel) NotifyPayment(_ context.Context, req *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

func (hotel) CancelOrder(_ context.Context, req *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	return &spi.CancelOrderResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

// Serve Douyin's SPI under /douyin/ with signature checks on, and test it
// with a request signed the way Douyin signs it.
func ExampleNewHandler() {
	const clientKey, clientSecret = "your-client-key", "your-client-secret"
	handler, err := spi.NewHandler(hotel{}, spi.WithCredentials(clientKey, clientSecret))
	if err != nil {
		fmt.Println(err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/douyin/", handler) // serves /douyin/poi/ext/hotel/order/{commit,status,cancel}

	body := []byte(`{"order_id":"DY1","spu_ext_id":"KING-ROOM","status":0,"reserve_amount":1,` +
		`"check_in":"20240301","check_out":"20240303","total_price":88000}`)
	req, err := douyintest.NewSPIRequest("/douyin"+spi.OpCommitOrder.Path(), clientKey, clientSecret, body, time.Now())
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code)

	// An unsigned call is refused.
	req = httptest.NewRequest(http.MethodPost, "/douyin"+spi.OpCommitOrder.Path(), nil)
	req.Header.Set("Content-Type", "application/json")
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// 200
	// 401
}

// Answer with the flat reply form some Douyin integrations expect.
func ExampleWithFlatReplies() {
	handler, _ := spi.NewHandler(hotel{}, spi.WithCredentials("k", "s"), spi.WithFlatReplies())
	body := []byte(`{"order_id":"DY1","order_ext_id":"H-DY1","order_status":1}`)
	req, _ := douyintest.NewSPIRequest(spi.OpCancelOrder.Path(), "k", "s", body, time.Now())
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	fmt.Println(rec.Body.String())
	// Output:
	// {"status":0,"error_code":0,"description":"","balance":0,"ext":""}
}

// Check and decode a call in your own router, and answer by yourself.
func ExampleHandler_ParseRequest() {
	handler, _ := spi.NewHandler(hotel{}, spi.WithCredentials("k", "s"))
	body := []byte(`{"supplier_ext_id":"SHOP-1","order_id":"DY1","order_ext_id":"H-DY1","status":1}`)

	req, _ := douyintest.NewSPIRequest("/hooks"+spi.OpNotifyPayment.Path(), "k", "s", body, time.Now())
	parsed, err := handler.ParseRequest(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	switch p := parsed.(type) {
	case *spi.NotifyPaymentRequest:
		fmt.Println("payment of", p.OrderID, "status", p.Status)
	}

	forged, _ := douyintest.NewSPIRequest("/hooks"+spi.OpNotifyPayment.Path(), "k", "wrong-secret", body, time.Now())
	_, err = handler.ParseRequest(forged)
	var se *spi.Error
	if errors.As(err, &se) {
		fmt.Println(se.HTTPStatus, errors.Is(err, spi.ErrInvalidSignature), se.Description)
	}
	// Output:
	// payment of DY1 status paid
	// 401 true invalid signature (x-life-sign)
}

// Test your SPI handler with httptest: douyintest.NewSPIRequest is the SPI
// counterpart of httptest.NewRequest, signed as Douyin signs.
func ExampleHandler_ServeHTTP() {
	handler, err := spi.NewHandler(hotel{}, spi.WithCredentials("k", "s"))
	if err != nil {
		fmt.Println(err)
		return
	}
	body := []byte(`{"supplier_ext_id":"SHOP-1","order_id":"DY1","order_ext_id":"H-DY1","status":1}`)
	req, err := douyintest.NewSPIRequest(spi.OpNotifyPayment.Path(), "k", "s", body, time.Now())
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	var reply douyintest.NotifyPaymentReply
	if err := json.Unmarshal(rec.Body.Bytes(), &reply); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Code, reply.Data.ErrorCode, reply.Data.Status)

	// A signature made with another secret is refused.
	req, _ = douyintest.NewSPIRequest(spi.OpNotifyPayment.Path(), "k", "wrong", body, time.Now())
	rec = httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// 200 0 confirmed
	// 401
}
