package hotelsupply_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// TestLogsAndHooksNeverCarryPersonalData books with debug logging and hooks
// on and looks for every secret and personal value in what they saw.
func TestLogsAndHooksNeverCarryPersonalData(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
	shop.queue(hotelsupply.RouteCreate, jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":"12"}}`))

	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var mu sync.Mutex
	var seenByHooks []string
	hooks := hotelsdk.Hooks{
		OnRequest: func(_ context.Context, info hotelsdk.RequestInfo) {
			mu.Lock()
			defer mu.Unlock()
			seenByHooks = append(seenByHooks, info.URL, info.Body, strings.Join(info.Header.Values("Cookie"), ";"))
		},
		OnResponse: func(_ context.Context, info hotelsdk.ResponseInfo) {
			mu.Lock()
			defer mu.Unlock()
			seenByHooks = append(seenByHooks, info.Body, strings.Join(info.Header.Values("Set-Cookie"), ";"))
		},
	}
	c := newTestClient(t, shop, hotelsupply.WithLogger(logger), hotelsupply.WithHooks(hooks),
		hotelsupply.WithUUID("pinned-uuid-secret"))
	_, err := c.Book(context.Background(), &hotelsupply.BookRequest{
		GoodsBuyRequest: *wikiGoodsBuy(), GuestName: testGuest, Phone: testPhone, Note: "guest note 李四",
		Invoice: &hotelsupply.Invoice{TitleType: hotelsupply.RiseCompany, Title: "某某公司抬头", TaxID: "91330100TAXID"},
	})
	require.NoError(t, err)

	mu.Lock()
	all := logs.String() + strings.Join(seenByHooks, "\n")
	mu.Unlock()
	require.Contains(t, logs.String(), "goods-buy", "the log did record the calls")
	require.Contains(t, all, "1385", "non-personal values stay readable")
	for _, secret := range []string{
		testMobile, testPassword, testGuest, testPhone, "李四", "某某公司抬头", "91330100TAXID",
		"pinned-uuid-secret", sessionValue, "15219025049", // the member address's mobile in the answer
	} {
		assert.NotContains(t, all, secret)
	}
}
