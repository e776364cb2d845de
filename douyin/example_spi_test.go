package douyin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

// hotelSPI is an integrator's implementation of the SPI: it books rooms
// in its own system and answers Douyin.
type hotelSPI struct{}

func (hotelSPI) CommitOrder(_ context.Context, req *douyin.CommitOrderRequest) (*douyin.CommitOrderResult, error) {
	if req.SPUExtID == "SOLD-OUT" {
		// A business failure: Douyin gets this code and description.
		return nil, &douyin.SPIError{Code: 40001, Description: "room type sold out"}
	}
	// Create the order, idempotently on req.OrderID, and return its id.
	return &douyin.CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func (hotelSPI) NotifyPayment(_ context.Context, req *douyin.PaymentStatusRequest) (*douyin.PaymentStatusResult, error) {
	return &douyin.PaymentStatusResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

func (hotelSPI) CancelOrder(_ context.Context, req *douyin.CancelOrderRequest) (*douyin.CancelOrderResult, error) {
	return &douyin.CancelOrderResult{Status: douyin.CancelStatusAccepted}, nil
}

func exampleCommit() *douyin.CommitOrderRequest {
	return &douyin.CommitOrderRequest{
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

// Serve Douyin's SPI under /douyin/ with signature checks on, and test it
// with a request signed the way Douyin signs it.
func ExampleNewSPIHandler() {
	const clientKey, clientSecret = "your-client-key", "your-client-secret"
	handler, err := douyin.NewSPIHandler(hotelSPI{}, douyin.WithSPICredentials(clientKey, clientSecret))
	if err != nil {
		fmt.Println(err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/douyin/", handler) // serves /douyin/poi/ext/hotel/order/{commit,status,cancel}

	body := []byte(`{"order_id":"DY1","spu_ext_id":"KING-ROOM","status":0,"reserve_amount":1,` +
		`"check_in":"20240301","check_out":"20240303","total_price":88000}`)
	req, err := douyin.NewSignedSPIRequest("/douyin"+douyin.SPIPathCommitOrder, clientKey, clientSecret, body, time.Now())
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code)

	// An unsigned call is refused.
	req = httptest.NewRequest(http.MethodPost, "/douyin"+douyin.SPIPathCommitOrder, nil)
	req.Header.Set("Content-Type", "application/json")
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// 200
	// 401
}

// Call an integrator's SPI server exactly as Douyin does: signed, and
// accepting both reply forms.
func ExampleSPIClient() {
	const clientKey, clientSecret = "your-client-key", "your-client-secret"
	handler, _ := douyin.NewSPIHandler(hotelSPI{}, douyin.WithSPICredentials(clientKey, clientSecret))
	srv := httptest.NewServer(handler)
	defer srv.Close()

	c, err := douyin.NewSPIClient(srv.URL, clientKey, clientSecret,
		douyin.WithSPIClientLogID(func() string { return "DY-LOG-1" })) // sent as X-Bytedance-Logid
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

	paid, err := c.NotifyPayment(ctx, &douyin.PaymentStatusRequest{
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

// Compute x-life-sign: sha256 over the secret, the sorted query (without
// "sign") and the raw body.
func ExampleSignSPI() {
	query := url.Values{"client_key": {"xxxxxx"}, "timestamp": {"1624293280123"}}
	fmt.Println(douyin.SignSPI("yyyyyy", query, []byte("zzzzzz")))
	// Output:
	// 1cb07147475e76d0a8b9f6c7e201c7d8cde1617fb9f5d7e576bec5268fa887ae
}

// Build a signed request for your own handler's tests.
func ExampleSignSPIRequest() {
	req := httptest.NewRequest(http.MethodPost, "/douyin"+douyin.SPIPathCancelOrder+"?foo=bar",
		nil)
	if err := douyin.SignSPIRequest(req, "your-client-key", "your-client-secret", time.UnixMilli(1700000000000)); err != nil {
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

// Answer with the flat reply form some Douyin integrations expect.
func ExampleWithSPIReplyForm() {
	handler, _ := douyin.NewSPIHandler(hotelSPI{}, douyin.WithSPICredentials("k", "s"),
		douyin.WithSPIReplyForm(douyin.SPIReplyFlat))
	body := []byte(`{"order_id":"DY1","order_ext_id":"H-DY1","order_status":1}`)
	req, _ := douyin.NewSignedSPIRequest(douyin.SPIPathCancelOrder, "k", "s", body, time.Now())
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	fmt.Println(rec.Body.String())
	// Output:
	// {"status":0,"error_code":0,"description":"","balance":0,"ext":""}
}

// A guest's phone number never reaches a log by accident.
func ExamplePhoneNumber() {
	p := douyin.PhoneNumber("13800138000")
	fmt.Println(p, fmt.Sprintf("%v %q %#v", p, p, p))
	fmt.Println(len(p.Value()))
	// Output:
	// *** *** "***" douyin.PhoneNumber("***")
	// 11
}

// newExampleSPIServer starts the hotelSPI behind a signed handler on
// loopback; the caller closes it.
func newExampleSPIServer(clientKey, clientSecret string) *httptest.Server {
	handler, err := douyin.NewSPIHandler(hotelSPI{}, douyin.WithSPICredentials(clientKey, clientSecret))
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
	c, _ := douyin.NewSPIClient(srv.URL, "k", "s")

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
	c, _ := douyin.NewSPIClient(srv.URL, "k", "s")

	reply, err := c.NotifyPayment(context.Background(), &douyin.PaymentStatusRequest{
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
	c, _ := douyin.NewSPIClient(srv.URL, "k", "s")
	reply, err := c.CancelOrder(context.Background(), &douyin.CancelOrderRequest{
		OrderID: "DY1", OrderExtID: "H-DY1", OrderStatus: douyin.PayStatusPaid,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(reply.Data.Status == douyin.CancelStatusAccepted)

	wrong, _ := douyin.NewSPIClient(srv.URL, "k", "not-the-secret")
	_, err = wrong.CancelOrder(context.Background(), &douyin.CancelOrderRequest{OrderID: "DY1"})
	var apiErr *douyin.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.HTTPStatus, apiErr.Description)
	}
	// Output:
	// true
	// 401 invalid signature (x-life-sign)
}

// Check x-life-sign yourself, e.g. in another framework's middleware.
func ExampleVerifySPISign() {
	query := url.Values{"client_key": {"xxxxxx"}, "timestamp": {"1624293280123"}}
	sign := "1cb07147475e76d0a8b9f6c7e201c7d8cde1617fb9f5d7e576bec5268fa887ae"
	fmt.Println(douyin.VerifySPISign("yyyyyy", query, []byte("zzzzzz"), sign))
	fmt.Println(douyin.VerifySPISign("yyyyyy", query, []byte("tampered"), sign))
	// Output:
	// true
	// false
}

// Test your SPI handler with httptest: NewSignedSPIRequest is the SPI
// counterpart of httptest.NewRequest, signed as Douyin signs.
func ExampleNewSignedSPIRequest() {
	handler, err := douyin.NewSPIHandler(hotelSPI{}, douyin.WithSPICredentials("k", "s"))
	if err != nil {
		fmt.Println(err)
		return
	}
	body := []byte(`{"supplier_ext_id":"SHOP-1","order_id":"DY1","order_ext_id":"H-DY1","status":1}`)
	req, err := douyin.NewSignedSPIRequest(douyin.SPIPathPaymentStatus, "k", "s", body, time.Now())
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	var reply douyin.PaymentStatusReply
	if err := json.Unmarshal(rec.Body.Bytes(), &reply); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Code, reply.Data.ErrorCode, reply.Data.Status)

	// A signature made with another secret is refused.
	req, _ = douyin.NewSignedSPIRequest(douyin.SPIPathPaymentStatus, "k", "wrong", body, time.Now())
	rec = httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	fmt.Println(rec.Code)
	// Output:
	// 200 0 confirmed
	// 401
}
