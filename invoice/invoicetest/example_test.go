package invoicetest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
)

func lodging(erpOrderNo, unit string, nights int64) invoice.Order {
	price := invoice.MustAmount(unit).Mul(invoice.QuantityFromInt(nights))
	return invoice.Order{
		ErpOrderNo: erpOrderNo,
		OrderPrice: price,
		Items: []invoice.OrderItem{{
			Identifier: invoice.IdentifierLodging,
			Quantity:   invoice.QuantityFromInt(nights),
			UnitPrice:  invoice.MustAmount(unit),
			TotalPrice: price,
		}},
	}
}

func ExampleNewServer() {
	srv := invoicetest.NewServer()
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	added, err := client.AddOrders(ctx, &invoice.AddOrdersRequest{
		StoreID:   invoicetest.DefaultStoreID,
		OrderList: []invoice.Order{lodging("ERP-1", "12.4", 2)},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	got, err := client.GetOrders(ctx, &invoice.GetOrdersRequest{
		StoreID: invoicetest.DefaultStoreID, OrderBatchNo: added.OrderBatchNo,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range got.Orders {
		d := o.OrderDetailDtos[0]
		fmt.Println(o.ErpOrderNo, o.OrderPrice, d.Name, d.TaxRate+"%")
	}
	fmt.Println("requests received:", len(srv.Received()))
	// Output:
	// ERP-1 24.8 住宿费 3%
	// requests received: 2
}

func ExampleServer_Inject() {
	srv := invoicetest.NewServer()
	defer srv.Close()
	client, _ := srv.NewClient()

	// The sandbox stores the order, then hangs up without answering.
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: invoice.PathAddOrders})
	_, err := client.AddOrders(context.Background(), &invoice.AddOrdersRequest{
		StoreNo:   invoicetest.DefaultStoreNo,
		OrderList: []invoice.Order{lodging("ERP-2", "199", 1)},
	})
	fmt.Println("outcome unknown:", hotelsdk.OutcomeUnknown(err))
	fmt.Println("sent:", len(srv.Received()), "stored:", len(srv.Records("ERP-2")))
	// Output:
	// outcome unknown: true
	// sent: 1 stored: 1
}

// Handler mounts the sandbox in a server of one's own, e.g. behind a path
// prefix or in an existing test server.
func ExampleServer_Handler() {
	srv := invoicetest.NewServer()
	defer srv.Close()
	mux := http.NewServeMux()
	mux.Handle("/openapi/", srv.Handler())
	own := httptest.NewServer(mux)
	defer own.Close()

	client, err := invoice.NewClient(append(srv.ClientOptions(), invoice.WithBaseURL(own.URL), invoice.WithHTTPClient(own.Client()))...)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = client.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreNo: "nope", OrderBatchNo: "B"})
	fmt.Println(errors.Is(err, invoice.ErrStoreNotFound), len(srv.Received()))
	// Output: true 1
}
