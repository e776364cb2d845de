package hotelsupply_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

// Raw reaches a shop route the SDK does not model, under the member's
// session, with the client's retries, envelope check, redacted logs and
// hooks. Here it calls the goods-buy route by hand.
func ExampleClient_Raw() {
	shop := hotelsupplytest.NewServer()
	defer shop.Close()
	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)

	var out struct {
		TotalPrice hotelsupply.Money `json:"total_price"` // the package's tolerant types read PHP's spellings
	}
	res, err := c.Raw(context.Background(), &hotelsupply.RawRequest{
		Operation: "goods-buy.raw", // names the call in logs, hooks and errors
		Method:    http.MethodGet,
		Route:     hotelsupply.RouteGoodsBuy,
		Query: url.Values{
			"hotel_id": {"1385"}, "sid": {"4499"}, "nums": {"1"},
			"date_price": {`[{"date":"24/12/2026","price":"388.00"},{"date":"25/12/2026","price":"388.00"}]`},
		},
		Idempotent: true, // a quote: safe to retry after it may have been sent
	}, &out)
	switch {
	case hotelsdk.OutcomeUnknown(err):
		fmt.Println("a non-idempotent call may have taken effect: check before sending it again")
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println("total:", out.TotalPrice, "HTTP", res.HTTPStatus)
	}

	_, err = c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "order-list", Route: "plugin.hotel-supply.frontend.order.list"}, nil)
	fmt.Println(errors.Is(err, hotelsupply.ErrUnknownRoute))
	// Output:
	// total: 776.00 HTTP 200
	// true
}
