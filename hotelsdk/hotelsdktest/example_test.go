package hotelsdktest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

// A read that fails twice with 503 succeeds on the third attempt; the
// sandbox counts what it injected. Any sandbox takes the same Fault.
func ExampleFault() {
	srv := invoicetest.NewServer()
	defer srv.Close()
	client, err := srv.NewClient(invoice.WithRetryPolicy(hotelsdk.RetryPolicy{
		MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond,
	}))
	if err != nil {
		fmt.Println(err)
		return
	}

	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Path: invoice.PathGetOrders, Times: 2})
	fmt.Println("pending:", srv.PendingFaults())
	_, err = client.GetOrders(context.Background(), &invoice.GetOrdersRequest{
		StoreID: invoicetest.DefaultStoreID, OrderBatchNo: "B-1",
	})
	fmt.Println("error:", err)
	fmt.Println(hotelsdktest.ServerError, "injected:", srv.FaultsInjected(hotelsdktest.ServerError))
	fmt.Println("pending:", srv.PendingFaults())
	// Output:
	// pending: 2
	// error: <nil>
	// server-error injected: 2
	// pending: 0
}
