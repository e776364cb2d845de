package invoice_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

// Raw reaches an endpoint the SDK does not model: the body's fields are
// signed with the client's credentials on every attempt, and the answer's
// envelope is checked as for the SDK's own calls. Here it reads a batch
// back by hand.
func ExampleClient_Raw() {
	srv := invoicetest.NewServer() // in production: invoice.NewClient(…)
	defer srv.Close()
	c, _ := srv.NewClient()

	var orders []struct {
		ErpOrderNo string      `json:"erpOrderNo"`
		OrderPrice json.Number `json:"orderPrice"` // exact: never through float64
	}
	res, err := c.Raw(context.Background(), &invoice.RawRequest{
		Operation:  "order.get.raw", // names the call in logs, hooks and errors
		Path:       "/openapi/order/get",
		Body:       map[string]any{"storeId": invoicetest.DefaultStoreID, "orderBatchNo": "no-such-batch"},
		Idempotent: true, // a read: safe to retry after it may have been sent
	}, &orders)
	switch {
	case errors.Is(err, invoice.ErrStoreNotFound):
		fmt.Println("no such store")
	case hotelsdk.OutcomeUnknown(err):
		fmt.Println("a non-idempotent call may have taken effect: check before sending it again")
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println(len(orders), "orders, HTTP", res.HTTPStatus)
	}

	_, err = c.Raw(context.Background(), &invoice.RawRequest{Operation: "oops", Path: "/openapi/x", Body: map[string]string{"sign": "mine"}}, nil)
	fmt.Println(err)
	// Output:
	// 0 orders, HTTP 200
	// invoice: oops: invalid request: Body.sign: is an authentication parameter: the client sets it on every attempt
}
