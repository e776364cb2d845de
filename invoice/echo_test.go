package invoice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Issue 10 §4, in invoice: order/add carries no personal data (the guests'
// names only come back from order/get, masked by name), but it carries the
// access secret. When the platform's message or an error page repeats it,
// the debug log, the hooks and the error showed it in clear. It is masked
// wherever it leaves the SDK; the DecodeError's Raw too.
func TestAddOrdersEchoOfTheAccessSecretIsMasked(t *testing.T) {
	t.Parallel()
	const secret = "as-SECRET-42"
	for name, answer := range map[string]httpmock.Responder{
		"message": jsonResponder(200, `{"code":5001,"message":"accessSecret as-SECRET-42 无效"}`),
		"page":    jsonResponder(502, `<html>bad gateway for AS-SECRET-42</html>`),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			mt := httpmock.NewMockTransport()
			var rec recorder
			mt.RegisterResponder(http.MethodPost, testBaseURL+PathAddOrders, rec.responder(answer))
			var logs bytes.Buffer
			var mu sync.Mutex
			var seen []string
			add := func(parts ...string) {
				mu.Lock()
				defer mu.Unlock()
				seen = append(seen, parts...)
			}
			c := newTestClient(t, mt, WithUserID(""), WithAccessKey("ak-1", secret), WithSignedParams(SignAllAuthParams),
				WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
				WithHooks(hotelsdk.Hooks{
					OnRequest: func(_ context.Context, info hotelsdk.RequestInfo) { add(info.URL, info.Body) },
					OnResponse: func(_ context.Context, info hotelsdk.ResponseInfo) {
						add(info.Body, fmt.Sprint(info.Header), fmt.Sprint(info.Err))
					},
				}))
			_, err := c.AddOrders(context.Background(), &AddOrdersRequest{
				StoreNo: "S-9",
				OrderList: []Order{{ErpOrderNo: "E1", OrderPrice: AmountFromFen(10000),
					Items: []OrderItem{{Identifier: IdentifierLodging, TotalPrice: AmountFromFen(10000)}}}},
			})
			require.Error(t, err)
			require.Contains(t, string(rec.all()[0].Body), secret, "the secret was sent")
			var api *APIError
			if errors.As(err, &api) {
				assert.Equal(t, "accessSecret *** 无效", api.Message)
			}
			var de *hotelsdk.DecodeError
			if errors.As(err, &de) {
				assert.Equal(t, "<html>bad gateway for ***</html>", string(de.Raw))
			}
			mu.Lock()
			all := logs.String() + strings.Join(seen, "\n") + err.Error() + fmt.Sprintf("%+v", err)
			mu.Unlock()
			assert.NotContains(t, strings.ToLower(all), strings.ToLower(secret))
		})
	}
}
