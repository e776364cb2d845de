package hotelsupply_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// echoWatch records everything a client's debug log and hooks saw.
type echoWatch struct {
	logs bytes.Buffer
	mu   sync.Mutex
	seen []string
}

func (w *echoWatch) options() []hotelsupply.Option {
	add := func(parts ...string) {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.seen = append(w.seen, parts...)
	}
	return []hotelsupply.Option{
		hotelsupply.WithLogger(slog.New(slog.NewJSONHandler(&w.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		hotelsupply.WithHooks(hotelsdk.Hooks{
			OnRequest: func(_ context.Context, info hotelsdk.RequestInfo) { add(info.URL, info.Body, fmt.Sprint(info.Header)) },
			OnResponse: func(_ context.Context, info hotelsdk.ResponseInfo) {
				add(info.URL, info.Body, fmt.Sprint(info.Header), fmt.Sprint(info.Err))
			},
			OnCallEnd: func(_ context.Context, _ hotelsdk.CallInfo, r hotelsdk.CallResult) { add(fmt.Sprint(r.Err)) },
		}),
	}
}

func (w *echoWatch) all() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.logs.String() + "\n" + strings.Join(w.seen, "\n")
}

// personal lists every spelling of the test's personal values.
var personal = []string{
	testGuest, `\u5f20\u4e09`, testPhone, "150-1234-5678", "150 1234 5678", "12345678", "1234 5678", "1234-5678",
	testMobile, "138-0013-8000", "00138000", "0013-8000", testPassword,
}

func assertNoPersonalData(t *testing.T, what, s string) {
	t.Helper()
	for _, p := range personal {
		assert.NotContains(t, s, p, what)
	}
}

// Issue 10 §4: when the shop repeated the guest's phone or name in msg,
// the error text masked the phone, but the debug log body and the response
// hook showed both in clear, and the error kept the name. Every way out of
// the SDK is masked now: logs, hooks, Error(), APIError.Msg.
func TestShopEchoOfPersonalDataIsMasked(t *testing.T) {
	t.Parallel()
	for name, answer := range map[string]string{
		"utf8":    `{"result":0,"msg":"手机号 +86 150-1234-5678 的客人 张三 已有订单","data":[]}`,
		"escaped": `{"result":0,"msg":"\u624b\u673a\u53f7 +86 150 1234 5678 \u7684\u5ba2\u4eba \u5f20\u4e09 \u5df2\u6709\u8ba2\u5355","data":[]}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			shop := newMockShop()
			shop.queue(hotelsupply.RouteLogin, loginOK())
			shop.queue(hotelsupply.RouteCreate, jsonResp(200, answer))
			var w echoWatch
			c := newTestClient(t, shop, w.options()...)
			res, err := c.CreateOrder(context.Background(), wikiCreate())
			require.Nil(t, res)
			var api *hotelsupply.APIError
			require.True(t, errors.As(err, &api), "%v", err)
			assert.Equal(t, "手机号 +86 *** 的客人 *** 已有订单", api.Msg)
			assert.Equal(t, "hotelsupply: create: shop answered result 0: 手机号 +86 *** 的客人 *** 已有订单", err.Error())
			assert.Contains(t, string(api.Raw), "1234", "Raw is the body as received")
			assertNoPersonalData(t, "error", err.Error()+fmt.Sprintf("%+v", err))
			all := w.all()
			require.Contains(t, all, "已有订单", "the answer was logged")
			assertNoPersonalData(t, "logs and hooks", all)
		})
	}
}

// A refused login that quotes the member's mobile.
func TestLoginEchoOfTheMobileIsMasked(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, jsonResp(200, `{"result":0,"msg":"手机号 138-0013-8000 或密码 s3cret-pass 错误","data":{"status":6}}`))
	var w echoWatch
	c := newTestClient(t, shop, w.options()...)
	err := c.Login(context.Background())
	require.ErrorIs(t, err, hotelsupply.ErrLoginFailed)
	assert.Equal(t, "hotelsupply: login: shop answered result 0: 手机号 *** 或密码 *** 错误 (status 6)", err.Error())
	assertNoPersonalData(t, "logs and hooks", w.all())
}

// An HTML error page echoing the guest keeps the rest of the page in the
// DecodeError's Raw, the guest masked.
func TestDecodeErrorRawMasksTheEcho(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteCreate, jsonResp(500, `<html><body>Fatal error for 张三 (15012345678) in create.php</body></html>`))
	var w echoWatch
	c := newTestClient(t, shop, w.options()...)
	_, err := c.CreateOrder(context.Background(), wikiCreate())
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "<html><body>Fatal error for *** (***) in create.php</body></html>", string(de.Raw))
	assertNoPersonalData(t, "error", err.Error())
	assertNoPersonalData(t, "logs and hooks", w.all())
}
