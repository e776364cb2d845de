package hotelsupply_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// TestUninitialisedClientReturnsAnError calls every method on a nil and on
// a zero Client: each returns an error that says how to make one, never a
// panic and never a result.
func TestUninitialisedClientReturnsAnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for name, c := range map[string]*hotelsupply.Client{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			const want = "hotelsupply: client not initialised: create it with NewClient"
			assert.EqualError(t, c.Login(ctx), want)
			gb, err := c.GoodsBuy(ctx, wikiGoodsBuy())
			assert.EqualError(t, err, want)
			assert.Nil(t, gb)
			co, err := c.CreateOrder(ctx, wikiCreate())
			assert.EqualError(t, err, want)
			assert.Nil(t, co)
			bk, err := c.Book(ctx, &hotelsupply.BookRequest{GoodsBuyRequest: *wikiGoodsBuy(), GuestName: testGuest, Phone: testPhone})
			assert.EqualError(t, err, want)
			assert.Nil(t, bk)
			assert.Empty(t, c.BaseURL())
		})
	}
}

// TestNilContextNilRequestsAndNilOptions: a nil context means Background, a
// nil request is a validation error, nil options are skipped.
func TestNilContextNilRequestsAndNilOptions(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
	shop.queue(hotelsupply.RouteCreate, jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":"12"}}`))
	c := newTestClient(t, shop, nil) // a nil Option is skipped

	var nilCtx context.Context // a caller's mistake that must not panic
	res, err := c.GoodsBuy(nilCtx, wikiGoodsBuy(), nil)
	require.NoError(t, err)
	assert.Equal(t, "440.00", res.TotalPrice.String())
	order, err := c.CreateOrder(nilCtx, wikiCreate(), nil)
	require.NoError(t, err)
	assert.Equal(t, []int64{12}, order.OrderIDs)
	require.NoError(t, c.Login(nilCtx, nil))
	assert.Len(t, shop.requests(hotelsupply.RouteLogin), 2)

	_, err = c.GoodsBuy(nilCtx, nil)
	require.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	assert.EqualError(t, err, "hotelsupply: goods-buy: invalid request: request is nil")
	_, err = c.CreateOrder(nilCtx, nil)
	assert.EqualError(t, err, "hotelsupply: create: invalid request: request is nil")
	_, err = c.Book(nilCtx, nil)
	assert.EqualError(t, err, "hotelsupply: book: invalid request: request is nil")

	// Nil slices are reported, not dereferenced.
	_, err = c.CreateOrder(context.Background(), &hotelsupply.CreateOrderRequest{
		HotelID: 1, RoomTypeID: 2, Rooms: 1, GuestName: testGuest, Phone: testPhone,
	})
	var ve *hotelsdk.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"date_price", "orders"}, fields(ve))
	assert.Len(t, shop.requests(""), 4, "nothing sent for the invalid requests")
}

// TestCreateIsRepeatedOnlyAfterPleaseLogIn: create is sent again only when
// the shop answered "please log in" (nothing was created) and a new login
// succeeded. Any other failure, or a failed re-login, leaves it sent once.
func TestCreateIsRepeatedOnlyAfterPleaseLogIn(t *testing.T) {
	t.Parallel()
	pleaseLogIn := jsonResp(200, `{"result":0,"msg":"请登录","data":{"login_status":1}}`)
	created := jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":"12"}}`)
	for _, tc := range []struct {
		name      string
		logins    []answer
		creates   []answer
		wantErr   error // nil: success, unless anyAPIErr
		anyAPIErr bool
		creates2  int
		logins2   int
	}{
		{"mini-program 41009 proves nothing was created", []answer{loginOK()},
			[]answer{jsonResp(200, `{"result":41009,"msg":"请登录","data":[]}`), created}, nil, false, 2, 2},
		{"login_status 0 proves nothing was created", []answer{loginOK()},
			[]answer{jsonResp(200, `{"result":0,"msg":"请登录","data":{"login_status":"0"}}`), created}, nil, false, 2, 2},
		{"re-login refused: create not repeated", []answer{loginOK(), jsonResp(200, `{"result":0,"msg":"手机号或密码错误","data":{"status":6}}`)},
			[]answer{pleaseLogIn, created}, hotelsupply.ErrLoginFailed, false, 1, 2},
		{"another error with 请登录 text but no login code is not proof", []answer{loginOK()},
			[]answer{jsonResp(200, `{"result":0,"msg":"请登录后重试","data":[]}`), created}, nil, true, 1, 1},
		{"blacklisted is not repeated", []answer{loginOK()},
			[]answer{jsonResp(200, `{"result":0,"msg":"","data":{"login_status":-1}}`), created}, hotelsupply.ErrBlacklisted, false, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			shop := newMockShop()
			shop.queue(hotelsupply.RouteLogin, tc.logins...)
			shop.queue(hotelsupply.RouteCreate, tc.creates...)
			c := newTestClient(t, shop)
			res, err := c.CreateOrder(context.Background(), wikiCreate())
			switch {
			case tc.anyAPIErr:
				var apiErr *hotelsupply.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.NotErrorIs(t, err, hotelsupply.ErrNotLoggedIn)
				assert.Nil(t, res)
			case tc.wantErr != nil:
				require.ErrorIs(t, err, tc.wantErr)
				assert.Nil(t, res)
			default:
				require.NoError(t, err)
				assert.Equal(t, []int64{12}, res.OrderIDs)
			}
			creates := shop.requests(hotelsupply.RouteCreate)
			assert.Len(t, creates, tc.creates2)
			assert.Len(t, shop.requests(hotelsupply.RouteLogin), tc.logins2)
			if len(creates) == 2 {
				assert.Equal(t, creates[0].Form, creates[1].Form, "the repeat sends the same order")
			}
		})
	}
}
