package invoice_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"syscall"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/jarcoal/httpmock"
)

// exampleTransport answers like the platform's documented examples.
func exampleTransport() *httpmock.MockTransport {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://invoice.example.com"+invoice.PathAddOrders,
		httpmock.NewStringResponder(200, `{"code":0,"data":"10202kdjskd3434k34"}`))
	mt.RegisterResponder(http.MethodPost, "https://invoice.example.com"+invoice.PathGetOrders,
		httpmock.NewStringResponder(200, `{"code":0,"data":[{"partnerOrderNo":"order120292","erpOrderNo":"erp1231231",`+
			`"orderPrice":24.8,"beginDate":"2024-03-01","endDate":"2024-03-03","orderDetailDtos":[{"quantity":2,"unitPrice":12.4,`+
			`"totalPrice":24.8,"discountPrice":0,"finalPrice":24.8,"taxTypeNo":"3070402000000000000","taxRate":"3",`+
			`"name":"住宿费","identifier":"ZSF0000001","abbreviation":"住宿服务"}]}]}`))
	return mt
}

// Close releases the connections the client opened for itself; calls after
// it fail.
func ExampleClient_Close() {
	c, err := invoice.NewClient(
		invoice.WithBaseURL("https://invoice.example.com"),
		invoice.WithApp("12345678", "app-secret"),
		invoice.WithUserNo("hotel-001"),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	fmt.Println(c.Close(), c.Close()) // idempotent
	_, err = c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreID: 100021, OrderBatchNo: "B"})
	fmt.Println(err)
	// Output:
	// <nil> <nil>
	// invoice: client closed
}

func ExampleNewClient() {
	c, err := invoice.NewClient(
		invoice.WithBaseURL("https://invoice.example.com"), // required: the vendor publishes none
		invoice.WithApp("12345678", "app-secret"),
		invoice.WithUserNo("hotel-001"),
		invoice.WithSignType(invoice.SignSHA256),
	)
	fmt.Println(c != nil, err)

	_, err = invoice.NewClient(invoice.WithApp("12345678", "app-secret"))
	fmt.Println(errors.Is(err, invoice.ErrInvalidConfig))
	// Output:
	// true <nil>
	// true
}

func ExampleClient_AddOrders() {
	c, err := invoice.NewClient(
		invoice.WithBaseURL("https://invoice.example.com"),
		invoice.WithApp("12345678", "app-secret"),
		invoice.WithUserID("1001"),
		invoice.WithTransport(exampleTransport()), // omit in production
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.AddOrders(context.Background(), &invoice.AddOrdersRequest{
		StoreID: 100021,
		OrderList: []invoice.Order{{
			ErpOrderNo: "erp1231231",
			OrderPrice: invoice.AmountFromFen(2480),
			Items: []invoice.OrderItem{{
				Identifier: invoice.IdentifierLodging,
				Quantity:   invoice.QuantityFromInt(2),
				UnitPrice:  invoice.MustAmount("12.4"),
				TotalPrice: invoice.MustAmount("24.8"),
			}},
		}},
	})
	switch {
	case hotelsdk.OutcomeUnknown(err):
		// The orders may be stored: check before resubmitting (see AddOrders).
		fmt.Println("outcome unknown:", err)
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println("batch", res.OrderBatchNo)
	}
	// Output: batch 10202kdjskd3434k34
}

func ExampleClient_AddOrders_validation() {
	c, _ := invoice.NewClient(
		invoice.WithBaseURL("https://invoice.example.com"),
		invoice.WithApp("12345678", "app-secret"),
		invoice.WithUserID("1001"),
		invoice.WithTransport(exampleTransport()),
	)
	_, err := c.AddOrders(context.Background(), &invoice.AddOrdersRequest{
		StoreNo: "S-1",
		OrderList: []invoice.Order{{
			ErpOrderNo: "erp1",
			OrderPrice: invoice.MustAmount("30"),
			Items: []invoice.OrderItem{{
				Identifier: invoice.IdentifierLodging,
				Quantity:   invoice.MustQuantity("3"),
				UnitPrice:  invoice.MustAmount("9.99"),
				TotalPrice: invoice.MustAmount("29.98"),
			}},
		}},
	})
	var ve *hotelsdk.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// orderList[0].items[0].totalPrice: must equal unitPrice × quantity: 9.99 × 3 = 29.97, got 29.98
	// orderList[0].orderPrice: must equal the sum of the items' totalPrice: 29.98, got 30
}

func ExampleClient_AddOrders_connectionDropped() {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, "https://invoice.example.com"+invoice.PathAddOrders,
		func(req *http.Request) (*http.Response, error) {
			_, _ = io.Copy(io.Discard, req.Body) // the request reached the server...
			return nil, &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
		})
	c, _ := invoice.NewClient(
		invoice.WithBaseURL("https://invoice.example.com"),
		invoice.WithApp("12345678", "app-secret"),
		invoice.WithUserID("1001"),
		invoice.WithTransport(mt),
	)
	_, err := c.AddOrders(context.Background(), &invoice.AddOrdersRequest{
		StoreID: 100021,
		OrderList: []invoice.Order{{ErpOrderNo: "erp1", OrderPrice: invoice.MustAmount("30"),
			Items: []invoice.OrderItem{{Identifier: "ZSF0000002", TotalPrice: invoice.MustAmount("30")}}}},
	})
	fmt.Println("outcome unknown:", hotelsdk.OutcomeUnknown(err))
	fmt.Println("attempts:", mt.GetTotalCallCount())
	// Output:
	// outcome unknown: true
	// attempts: 1
}

func ExampleClient_GetOrders() {
	c, err := invoice.NewClient(
		invoice.WithBaseURL("https://invoice.example.com"),
		invoice.WithApp("12345678", "app-secret"),
		invoice.WithUserID("1001"),
		invoice.WithTransport(exampleTransport()), // omit in production
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := c.GetOrders(context.Background(), &invoice.GetOrdersRequest{
		StoreID:      100021,
		OrderBatchNo: "10202kdjskd3434k34",
	})
	if errors.Is(err, invoice.ErrStoreNotFound) {
		fmt.Println("unknown store")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, o := range res.Orders {
		fmt.Printf("%s %s→%s %s yuan, invoice %s\n", o.ErpOrderNo, o.BeginDate, o.EndDate, o.OrderPrice, o.InvoiceAmount())
		for _, d := range o.OrderDetailDtos {
			fmt.Printf("  %s %s × %s = %s (tax %s%%)\n", d.Name, d.Quantity, d.UnitPrice, d.TotalPrice, d.TaxRate)
		}
	}
	// Output:
	// erp1231231 2024-03-01→2024-03-03 24.8 yuan, invoice 24.8
	//   住宿费 2 × 12.4 = 24.8 (tax 3%)
}

func ExampleAmountFromString() {
	a, err := invoice.AmountFromString("12.40")
	if err != nil {
		fmt.Println(err)
		return
	}
	total := a.Mul(invoice.QuantityFromInt(3)) // float64 says 37.199999999999996
	fen, _ := total.Fen()
	fmt.Println(total, fen)
	// Output: 37.2 3720
}

func ExampleAmountFromFen() {
	sum := invoice.AmountFromFen(10).Add(invoice.AmountFromFen(20)) // float64 says 0.30000000000000004
	fmt.Println(sum, sum.Equal(invoice.MustAmount("0.3")))
	// Output: 0.3 true
}

func ExampleAuthParams_ComputeSign() {
	// The documentation's worked example.
	p := invoice.AuthParams{
		AppID:     "12345678",
		NonceStr:  "b7c0ebd06e66454b867e73d8400ff882",
		Timestamp: "1554366469041",
		SignType:  invoice.SignMD5,
	}
	sign, _ := p.ComputeSign(invoice.SignAllAuthParams, "abcdef")
	fmt.Println(sign)
	// Output: 8AED3DCC696D89D628AA62719A66FBED
}
