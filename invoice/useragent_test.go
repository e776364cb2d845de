package invoice_test

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// uaRecorder passes requests on and records the distinct User-Agents it
// saw, by path.
type uaRecorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen map[string][]string
}

func (r *uaRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	ua := req.Header.Get("User-Agent")
	if r.seen == nil {
		r.seen = map[string][]string{}
	}
	if !slices.Contains(r.seen[req.URL.Path], ua) {
		r.seen[req.URL.Path] = append(r.seen[req.URL.Path], ua)
	}
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

// Every request says "hotelsdk-go/<hotelsdk.Version> (invoice)" (issue 13
// §4); WithUserAgent replaces it.
func TestUserAgentIsBuiltFromVersion(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts []invoice.Option
		want string
	}{
		"default":       {nil, "hotelsdk-go/" + hotelsdk.Version + " (invoice)"},
		"WithUserAgent": {[]invoice.Option{invoice.WithUserAgent("my-app/2.0")}, "my-app/2.0"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := invoicetest.NewServer()
			defer srv.Close()
			rec := &uaRecorder{next: srv.Client().Transport}
			c, err := srv.NewClient(append([]invoice.Option{invoice.WithHTTPClient(&http.Client{Transport: rec})}, tc.opts...)...)
			require.NoError(t, err)
			defer c.Close()

			ctx := context.Background()
			added, err := c.AddOrders(ctx, &invoice.AddOrdersRequest{
				StoreID: invoicetest.DefaultStoreID,
				OrderList: []invoice.Order{{
					ErpOrderNo: "erp-ua-1", OrderPrice: invoice.AmountFromFen(2480),
					Items: []invoice.OrderItem{{Identifier: invoice.IdentifierLodging, Quantity: invoice.QuantityFromInt(2),
						UnitPrice: invoice.MustAmount("12.4"), TotalPrice: invoice.MustAmount("24.8")}},
				}},
			})
			require.NoError(t, err)
			_, err = c.GetOrders(ctx, &invoice.GetOrdersRequest{StoreID: invoicetest.DefaultStoreID, OrderBatchNo: added.OrderBatchNo})
			require.NoError(t, err)

			want := []string{tc.want}
			assert.Equal(t, map[string][]string{invoice.PathAddOrders: want, invoice.PathGetOrders: want}, rec.seen)
		})
	}
}
