package douyin

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

// Issue 10 §4, in douyin: a sync carries the guests' names and the booker's
// phone inside order_detail (JSON text). When Douyin's description repeats
// them, the debug log, the hooks and the error showed them in clear. They
// are masked wherever they leave the SDK.
func TestSyncOrderEchoOfPersonalDataIsMasked(t *testing.T) {
	t.Parallel()
	in := NewDate(2030, 1, 1)
	req, err := NewHotelSyncOrder(ExtShopInfo{ExtShopID: "HOTEL-9"}, &HotelOrderDetail{
		OrderExtID: "H-1", SupplierExtID: "hotel-1", SPUExtID: "room-1", CheckIn: in, CheckOut: in.AddDays(1),
		ReserveAmount: 1, TotalPrice: 44000, DatePrice: []DatePrice{{Date: in, Price: 44000}},
		CustomerName: "王小明", CustomerPhone: "13912345678",
		CustomerList: []Customer{{CnName: "李雷"}, {Surname: "Smith", GivenName: "Alice"}},
	})
	require.NoError(t, err)

	mt := httpmock.NewMockTransport()
	obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.abc", 7200))
	obMock(mt, http.MethodPost, obSyncURL, obJSON(200,
		obErrorBody(2100005, "客人 李雷, Alice Smith (联系人 王小明 139-1234-5678) 重复下单")))
	var logs bytes.Buffer
	var mu sync.Mutex
	var seen []string
	add := func(parts ...string) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, parts...)
	}
	c := newOutboundClient(t, mt, newObClock(),
		WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		WithHooks(hotelsdk.Hooks{
			OnRequest: func(_ context.Context, info hotelsdk.RequestInfo) { add(info.URL, info.Body) },
			OnResponse: func(_ context.Context, info hotelsdk.ResponseInfo) {
				add(info.Body, fmt.Sprint(info.Header), fmt.Sprint(info.Err))
			},
		}))
	res, err := c.SyncOrder(context.Background(), req)
	require.Nil(t, res)
	var api *APIError
	require.True(t, errors.As(err, &api), "%v", err)
	assert.Equal(t, "客人 ***, *** *** (联系人 *** ***) 重复下单", api.Description)
	mu.Lock()
	all := logs.String() + strings.Join(seen, "\n") + err.Error() + fmt.Sprintf("%+v", err)
	mu.Unlock()
	require.Contains(t, all, "重复下单", "the answer was logged")
	for _, p := range []string{"李雷", "Alice", "Smith", "王小明", "13912345678", "139-1234-5678", "12345678", "1234-5678"} {
		assert.NotContains(t, all, p)
	}
}
