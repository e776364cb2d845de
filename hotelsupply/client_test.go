package hotelsupply_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

func TestGoodsBuyLogsInAndDecodesTheWikiExample(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
	c := newTestClient(t, shop)

	res, err := c.GoodsBuy(context.Background(), wikiGoodsBuy())
	require.NoError(t, err)

	reqs := shop.requests("")
	require.Len(t, reqs, 2)

	login := reqs[0]
	assert.Equal(t, http.MethodPost, login.Method)
	assert.Equal(t, "/addons/yun_shop/api.php", login.Path)
	assert.Equal(t, url.Values{"i": {"6"}, "uuid": {"0"}, "type": {"5"}, "route": {"member.login.index"}}, login.Query)
	assert.Equal(t, url.Values{"mobile": {testMobile}, "password": {testPassword}}, login.Form)
	assert.Equal(t, "application/x-www-form-urlencoded", login.Header.Get("Content-Type"))
	assert.Empty(t, login.Cookie)

	gb := reqs[1]
	assert.Equal(t, http.MethodGet, gb.Method)
	assert.Equal(t, "/addons/yun_shop/api.php", gb.Path)
	assert.Equal(t, url.Values{
		"i": {"6"}, "uuid": {"0"}, "type": {"5"}, "route": {"plugin.hotel-supply.frontend.goods-buy.index"},
		"hotel_id": {"1385"}, "sid": {"4499"}, "nums": {"2"},
		"date_price": {`[{"date":"19/03/2020","price":100},{"date":"20/03/2020","price":50},{"date":"21/03/2020","price":70}]`},
	}, gb.Query)
	assert.Empty(t, gb.Body)
	assert.Equal(t, sessionValue, gb.Cookie, "the session cookie from login is sent")
	assert.Contains(t, gb.Header.Get("User-Agent"), "hotelsdk-go/")

	// Totals.
	assert.Equal(t, "440.00", res.TotalPrice.String())
	require.Len(t, res.AmountItems, 2)
	assert.Equal(t, hotelsupply.AmountItem{Code: "total_goods_price", Name: "订单总金额", Amount: hotelsupply.MustMoney("440.00")}.Code, res.AmountItems[0].Code)
	total, ok := res.Amount("total_goods_price")
	require.True(t, ok)
	assert.True(t, total.Equal(hotelsupply.MustMoney("440")))
	dispatch, ok := res.Amount("total_dispatch_price")
	require.True(t, ok)
	assert.True(t, dispatch.IsZero())
	_, ok = res.Amount("nope")
	assert.False(t, ok)
	assert.Empty(t, res.DiscountAmountItems)
	assert.Empty(t, res.FeeItems)

	// The pre-order.
	require.Len(t, res.Orders, 1)
	o := res.Orders[0]
	assert.Equal(t, []string{"413a5200241cc7fe7dd5945331bace78"}, res.PreIDs())
	assert.Equal(t, hotelsupply.String("413a5200241cc7fe7dd5945331bace78"), o.PreID)
	assert.Equal(t, hotelsupply.String("SN20200318164203c1"), o.OrderSN)
	assert.Equal(t, hotelsupply.Int(48), o.PluginID)
	assert.True(t, bool(o.IsVirtual))
	assert.True(t, bool(o.NeedAddress))
	assert.Equal(t, hotelsupply.Int(2), o.GoodsTotal)
	assert.Equal(t, hotelsupply.String("酒店-杭州云廊小庐"), o.ShopName)
	for _, m := range []hotelsupply.Money{o.GoodsPrice, o.Price, o.OrderGoodsPrice, o.CostAmount} {
		assert.Equal(t, "440.00", m.String())
	}
	for _, m := range []hotelsupply.Money{o.DiscountPrice, o.FeeAmount, o.DeductionPrice, o.DispatchPrice} {
		assert.True(t, m.IsZero())
	}
	assert.Nil(t, o.Note)
	assert.Nil(t, o.InvoiceType)
	assert.Nil(t, o.RiseType)
	assert.Nil(t, o.CollectName)
	assert.Nil(t, o.CompanyNumber)
	assert.Nil(t, o.DispatchType)
	assert.Equal(t, hotelsupply.OrderAddress{}, o.OrderAddress)

	// The hotel, room and stay.
	h := o.HotelOrder
	assert.Equal(t, hotelsupply.IntString(6), h.Uniacid)
	assert.Equal(t, hotelsupply.IntString(1385), h.HotelID)
	assert.Equal(t, hotelsupply.IntString(4499), h.Sid)
	assert.Equal(t, hotelsupply.IntString(2), h.Nums)
	assert.Equal(t, "440.00", h.Price.String())
	assert.Equal(t, hotelsupply.String("SN20200318164203c1"), h.HuilianOID)
	assert.True(t, h.StartAt.Equal(hotelsupply.NewDate(2020, 3, 18).Time()), h.StartAt.String())
	assert.True(t, h.EndAt.Equal(hotelsupply.NewDate(2020, 3, 21).Time()), h.EndAt.String())
	assert.Equal(t, hotelsupply.String("杭州云廊小庐"), h.Hotel.Name)
	assert.Equal(t, hotelsupply.String("浙江省杭州市西湖区梅家坞176号(十里琅珰山脚下)"), h.Hotel.Address)
	assert.Equal(t, hotelsupply.String("0571-86908751"), h.Hotel.Tel)
	assert.Equal(t, hotelsupply.String("浙江省"), h.Hotel.Province)
	assert.Equal(t, hotelsupply.String("30.20004733695"), h.Hotel.Latitude)
	assert.Equal(t, hotelsupply.Int(76), h.Hotel.ID)
	assert.Equal(t, hotelsupply.Int(6), h.Hotel.Uniacid)
	assert.Equal(t, hotelsupply.Int(3), h.Hotel.Level)
	assert.False(t, h.Hotel.IsFull())
	assert.Equal(t, hotelsupply.CSV{"PARKING", "WIFI", "XICANG", "RESHUI", "XIYI", "JIAOXING", "SHANGWANG", "XINGLI"}, h.Hotel.Other)
	assert.Equal(t, "停车位,WIFI,XICANG,热水,洗衣,叫醒,上网,行李", h.Hotel.OtherName.String())
	assert.True(t, h.Hotel.CreatedAt.Equal(time.Date(2020, 3, 11, 14, 49, 50, 0, hotelsupply.ShopTimeZone())))
	assert.Equal(t, hotelsupply.Room{ID: 4499, Name: "山景大床房",
		Image1: "http://lcw.unionhotel.cn/uploads/q/qmuiko1431678728/f/6/e/a/thumb_5e4e42cc824f6.png"}, h.Hotel.Room)

	// Order goods and their deductions.
	require.Len(t, o.OrderGoods, 1)
	g := o.OrderGoods[0]
	assert.Equal(t, hotelsupply.Int(174), g.GoodsID)
	assert.Equal(t, hotelsupply.Int(2), g.Total)
	assert.Equal(t, hotelsupply.String("山景大床房"), g.Title)
	assert.True(t, bool(g.NeedAddress))
	assert.Equal(t, "440.00", g.PaymentAmount.String())
	assert.Equal(t, hotelsupply.List[hotelsupply.Button]{{Name: "评价"}}, g.Buttons)
	assert.Nil(t, g.GoodsOption)
	require.Equal(t, []string{"1"}, g.Deductions.Keys())
	d := g.Deductions["1"]
	assert.Equal(t, hotelsupply.String("point"), d.Code)
	assert.Equal(t, hotelsupply.String("积分"), d.Name)
	assert.Equal(t, hotelsupply.Int(2455), d.UID)
	assert.Equal(t, "0.00", d.UsableAmount.String())
	assert.Equal(t, []hotelsupply.Deduction{d}, g.Deductions.Values())

	// Discount and dispatch.
	assert.Empty(t, res.Discount.MemberCoupons)
	assert.Equal(t, hotelsupply.List[hotelsupply.DeliveryMethod]{{DispatchTypeID: 1, Name: "快递"}, {DispatchTypeID: 8, Name: "上门自提"}}, res.Dispatch.DeliveryMethods)
	addr := res.Dispatch.DefaultMemberAddress
	assert.Equal(t, hotelsupply.Int(41), addr.ID)
	assert.Equal(t, hotelsupply.String("门头沟区"), addr.District)
	assert.True(t, bool(addr.IsDefault))
}

func TestGoodsBuyWithISODatesAndCoupons(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
	// No credentials: a pinned session (uuid) and a referring member id.
	mt := newTestClientNoCreds(t, shop, hotelsupply.WithDateFormat(hotelsupply.DateISO),
		hotelsupply.WithUUID("pinned-session"), hotelsupply.WithMemberID(77), hotelsupply.WithClientType(2))
	req := wikiGoodsBuy()
	req.DatePrices[1].Price = hotelsupply.MustMoney("50.50")
	req.DatePrices[2].Price = hotelsupply.MustMoney("1000000")
	req.MemberCouponIDs = []int64{11, 12}
	_, err := mt.GoodsBuy(context.Background(), req)
	require.NoError(t, err)

	reqs := shop.requests("")
	require.Len(t, reqs, 1, "no login without credentials")
	assert.Equal(t, url.Values{
		"i": {"6"}, "uuid": {"pinned-session"}, "type": {"2"}, "mid": {"77"}, "route": {hotelsupply.RouteGoodsBuy},
		"hotel_id": {"1385"}, "sid": {"4499"}, "nums": {"2"},
		"date_price":        {`[{"date":"2020-03-19","price":100},{"date":"2020-03-20","price":50.5},{"date":"2020-03-21","price":1000000}]`},
		"member_coupon_ids": {"[11,12]"},
	}, reqs[0].Query)
}

func newTestClientNoCreds(t *testing.T, shop *mockShop, opts ...hotelsupply.Option) *hotelsupply.Client {
	t.Helper()
	c := newTestClient(t, shop, append([]hotelsupply.Option{hotelsupply.WithCredentials("", "")}, opts...)...)
	return c
}

func TestCreateOrderSendsTheExactForm(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteCreate, jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":"12,13"}}`))
	c := newTestClient(t, shop)

	req := wikiCreate()
	req.MemberCouponIDs = []int64{5}
	req.Invoice = &hotelsupply.Invoice{
		Type: hotelsupply.InvoiceElectronic, TitleType: hotelsupply.RiseCompany,
		Title: "杭州某某科技有限公司", TaxID: "91330100MA2XXXXXXX", TotalPrice: hotelsupply.MustMoney("440"),
	}
	res, err := c.CreateOrder(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, []int64{12, 13}, res.OrderIDs)

	creates := shop.requests(hotelsupply.RouteCreate)
	require.Len(t, creates, 1)
	cr := creates[0]
	assert.Equal(t, http.MethodPost, cr.Method)
	assert.Equal(t, url.Values{"i": {"6"}, "uuid": {"0"}, "type": {"5"}, "route": {hotelsupply.RouteCreate}}, cr.Query)
	assert.Equal(t, sessionValue, cr.Cookie)
	assert.Equal(t, url.Values{
		"hotel_id":           {"1385"},
		"sid":                {"4499"},
		"nums":               {"2"},
		"date_price":         {`[{"date":"19/03/2020","price":100},{"date":"20/03/2020","price":50},{"date":"21/03/2020","price":70}]`},
		"member_coupon_ids":  {"[5]"},
		"user_name":          {testGuest},
		"tel":                {testPhone},
		"orders":             {`[{"pre_id":"413a5200241cc7fe7dd5945331bace78","deduction_ids":["point"],"note":"late arrival"}]`},
		"address":            {"{}"},
		"invoice_type":       {"0"},
		"rise_type":          {"0"},
		"call":               {"杭州某某科技有限公司"},
		"ncompany_numberote": {"91330100MA2XXXXXXX"},
		"total_price":        {"440.00"},
	}, cr.Form)
}

func TestCreateOrderWithoutInvoiceSendsNoInvoiceFields(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteCreate, jsonResp(200, `{"result":"1","msg":"成功","data":{"order_ids":77}}`))
	c := newTestClient(t, shop)
	req := wikiCreate()
	req.Orders[0].DeductionCodes = nil
	res, err := c.CreateOrder(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, []int64{77}, res.OrderIDs)

	form := shop.requests(hotelsupply.RouteCreate)[0].Form
	assert.Equal(t, `[{"pre_id":"413a5200241cc7fe7dd5945331bace78","deduction_ids":[],"note":"late arrival"}]`, form.Get("orders"))
	for _, k := range []string{"invoice_type", "rise_type", "call", "ncompany_numberote", "total_price", "member_coupon_ids"} {
		assert.NotContains(t, form, k)
	}
}

func TestReloginOnceOnPleaseLogIn(t *testing.T) {
	t.Parallel()
	pleaseLogIn := jsonResp(200, `{"result":0,"msg":"请登录","data":{"login_status":1,"login_url":""}}`)
	for _, tc := range []struct {
		name  string
		route string
		call  func(*hotelsupply.Client) error
		ok    answer
	}{
		{"goods-buy", hotelsupply.RouteGoodsBuy, func(c *hotelsupply.Client) error {
			_, err := c.GoodsBuy(context.Background(), wikiGoodsBuy())
			return err
		}, jsonResp(200, specExample(t))},
		{"create", hotelsupply.RouteCreate, func(c *hotelsupply.Client) error {
			_, err := c.CreateOrder(context.Background(), wikiCreate())
			return err
		}, jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":"12"}}`)},
	} {
		t.Run(tc.name+"/recovers", func(t *testing.T) {
			t.Parallel()
			shop := newMockShop()
			shop.queue(hotelsupply.RouteLogin, loginOK())
			shop.queue(tc.route, pleaseLogIn, tc.ok)
			c := newTestClient(t, shop)
			require.NoError(t, tc.call(c))
			assert.Len(t, shop.requests(hotelsupply.RouteLogin), 2, "logged in, then again after 请登录")
			assert.Len(t, shop.requests(tc.route), 2, "the call is repeated once")
		})
		t.Run(tc.name+"/only once", func(t *testing.T) {
			t.Parallel()
			shop := newMockShop()
			shop.queue(hotelsupply.RouteLogin, loginOK())
			shop.queue(tc.route, pleaseLogIn)
			c := newTestClient(t, shop)
			err := tc.call(c)
			require.ErrorIs(t, err, hotelsupply.ErrNotLoggedIn)
			var apiErr *hotelsupply.APIError
			require.ErrorAs(t, err, &apiErr)
			require.NotNil(t, apiErr.LoginStatus)
			assert.Equal(t, 1, *apiErr.LoginStatus)
			assert.Equal(t, "请登录", apiErr.Msg)
			assert.Equal(t, tc.route, apiErr.Route)
			assert.Len(t, shop.requests(hotelsupply.RouteLogin), 2)
			assert.Len(t, shop.requests(tc.route), 2)
		})
	}
}

func TestMiniProgramPleaseLogInWithoutCredentialsIsReturned(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, `{"result":41009,"msg":"请登录","data":""}`))
	c := newTestClientNoCreds(t, shop)
	_, err := c.GoodsBuy(context.Background(), wikiGoodsBuy())
	require.ErrorIs(t, err, hotelsupply.ErrNotLoggedIn)
	assert.Len(t, shop.requests(""), 1)
	assert.ErrorIs(t, c.Login(context.Background()), hotelsdk.ErrInvalidRequest, "Login needs credentials")
}

func TestLoginFailures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		body   string
		target error
	}{
		{"wrong password", `{"result":0,"msg":"手机号或密码错误","data":{"status":6}}`, hotelsupply.ErrLoginFailed},
		{"no such member", `{"result":0,"msg":"用户不存在","data":{"status":"7"}}`, hotelsupply.ErrLoginFailed},
		{"blacklisted", `{"result":0,"msg":"黑名单用户","data":{"login_status":-1}}`, hotelsupply.ErrBlacklisted},
		{"unknown shop", `{"result":0,"msg":"无此公众号","data":{"login_status":"-2"}}`, hotelsupply.ErrUnknownShop},
		{"app auth", `{"result":0,"msg":"应用授权失败","data":{"login_status":-4}}`, hotelsupply.ErrAppAuth},
		{"site closed", `{"result":0,"msg":"站点已关闭","data":-1}`, hotelsupply.ErrSiteClosed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			shop := newMockShop()
			shop.queue(hotelsupply.RouteLogin, jsonResp(200, tc.body))
			c := newTestClient(t, shop)
			_, err := c.GoodsBuy(context.Background(), wikiGoodsBuy())
			require.ErrorIs(t, err, tc.target)
			var apiErr *hotelsupply.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "login", apiErr.Operation)
			assert.Equal(t, hotelsupply.RouteLogin, apiErr.Route)
			assert.Equal(t, tc.body, string(apiErr.Raw))
			assert.False(t, apiErr.Retryable())
			assert.NotContains(t, err.Error(), testMobile)
			assert.NotContains(t, err.Error(), testPassword)
			assert.Empty(t, shop.requests(hotelsupply.RouteGoodsBuy), "nothing is sent without a session")
			assert.Len(t, shop.requests(hotelsupply.RouteLogin), 1, "a refused login is not repeated")
		})
	}
}

func TestExplicitLoginAndConcurrentCallsShareOneLogin(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
	c := newTestClient(t, shop)

	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.GoodsBuy(context.Background(), wikiGoodsBuy())
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Len(t, shop.requests(hotelsupply.RouteLogin), 1, "one caller logs in, the others wait")

	require.NoError(t, c.Login(context.Background()))
	assert.Len(t, shop.requests(hotelsupply.RouteLogin), 2, "Login always logs in")
}

func TestLoginWaitHonoursContext(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	release := make(chan struct{})
	started := make(chan struct{})
	shop.handle(hotelsupply.RouteLogin, func(r *http.Request) (*http.Response, error) {
		close(started)
		<-release
		return loginOK().response(), nil
	})
	shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
	c := newTestClient(t, shop)
	done := make(chan error, 1)
	go func() { done <- c.Login(context.Background()) }()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.GoodsBuy(ctx, wikiGoodsBuy())
	require.ErrorIs(t, err, context.Canceled)
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	close(release)
	require.NoError(t, <-done)
}

func TestErrorShapes(t *testing.T) {
	t.Parallel()
	trailingComma, err := os.ReadFile("testdata/error_trailing_comma.json") // the wiki's own error example
	require.NoError(t, err)
	for _, tc := range []struct {
		name     string
		resp     answer
		target   error // matched with errors.Is, when set
		decode   bool  // a *DecodeError
		apiMsg   string
		attempts int
	}{
		{name: "generic error", resp: jsonResp(200, `{"result":0,"msg":"房型已满","data":[]}`), apiMsg: "房型已满", attempts: 1},
		{name: "phone number in the message is masked", resp: jsonResp(200, `{"result":0,"msg":"手机号15012345678已绑定","data":[]}`), apiMsg: "手机号15012345678已绑定", attempts: 1},
		{name: "unknown route", resp: jsonResp(200, `{"result":0,"msg":"不存在的接口","data":[]}`), target: hotelsupply.ErrUnknownRoute, attempts: 1},
		{name: "site closed", resp: jsonResp(200, `{"result":0,"msg":"站点已关闭","data":"-1"}`), target: hotelsupply.ErrSiteClosed, attempts: 1},
		{name: "blacklisted", resp: jsonResp(200, `{"result":0,"msg":"","data":{"login_status":-1}}`), target: hotelsupply.ErrBlacklisted, attempts: 1},
		{name: "trailing comma (the wiki's error example)", resp: jsonResp(200, string(trailingComma)), decode: true, attempts: 1},
		{name: "HTML page with 200", resp: jsonResp(200, "<html><body>Fatal error</body></html>"), decode: true, attempts: 1},
		{name: "HTML page with 500 is retried", resp: jsonResp(500, "<html>Whoops</html>"), decode: true, attempts: 3},
		{name: "empty body", resp: jsonResp(200, ""), decode: true, attempts: 1},
		{name: "no result field", resp: jsonResp(200, `{"msg":"成功","data":{}}`), decode: true, attempts: 1},
		{name: "result not a number", resp: jsonResp(200, `{"result":"ok","data":{}}`), decode: true, attempts: 1},
		{name: "success without data", resp: jsonResp(200, `{"result":1,"msg":"成功","data":[]}`), decode: true, attempts: 1},
		{name: "success without orders", resp: jsonResp(200, `{"result":1,"msg":"成功","data":{"total_price":"1.00","orders":[]}}`), decode: true, attempts: 1},
		{name: "pre-order without pre_id", resp: jsonResp(200, `{"result":1,"data":{"orders":[{"pre_id":""}]}}`), decode: true, attempts: 1},
		{name: "data of the wrong shape", resp: jsonResp(200, `{"result":1,"data":{"orders":"x"}}`), decode: true, attempts: 1},
		{name: "success envelope with 503", resp: jsonResp(503, `{"result":1,"data":{}}`), decode: true, attempts: 3},
		{name: "error envelope with 502", resp: jsonResp(502, `{"result":0,"msg":"网关错误","data":[]}`), apiMsg: "网关错误", attempts: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			shop := newMockShop()
			shop.queue(hotelsupply.RouteGoodsBuy, tc.resp)
			c := newTestClientNoCreds(t, shop)
			res, err := c.GoodsBuy(context.Background(), wikiGoodsBuy())
			require.Error(t, err)
			assert.Nil(t, res)
			if tc.target != nil {
				assert.ErrorIs(t, err, tc.target)
			}
			if tc.decode {
				var de *hotelsdk.DecodeError
				require.ErrorAs(t, err, &de, err.Error())
				assert.Equal(t, tc.resp.status, de.HTTPStatus)
				assert.Equal(t, tc.resp.body, string(de.Raw), "the raw text is kept")
				assert.Contains(t, err.Error(), "hotelsupply: goods-buy: cannot decode response")
			} else {
				var apiErr *hotelsupply.APIError
				require.ErrorAs(t, err, &apiErr, err.Error())
				assert.Equal(t, tc.resp.body, string(apiErr.Raw))
				assert.Equal(t, tc.resp.status, apiErr.HTTPStatus)
				if tc.apiMsg != "" {
					assert.Equal(t, tc.apiMsg, apiErr.Msg)
				}
				assert.NotContains(t, err.Error(), "15012345678")
				if tc.apiMsg == "手机号15012345678已绑定" {
					assert.Contains(t, err.Error(), "手机号***已绑定")
				} else if tc.apiMsg != "" {
					assert.Contains(t, err.Error(), tc.apiMsg)
				}
				assert.False(t, errors.Is(err, hotelsupply.ErrNotLoggedIn))
			}
			assert.Len(t, shop.requests(hotelsupply.RouteGoodsBuy), tc.attempts)
		})
	}
}

func TestCreateOrderIsNeverRepeatedOnceItMayHaveBeenSent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		respond func(*http.Request) (*http.Response, error)
		check   func(t *testing.T, err error)
	}{
		{"connection dropped", func(*http.Request) (*http.Response, error) {
			return nil, io.ErrUnexpectedEOF
		}, func(t *testing.T, err error) {
			var te *hotelsdk.TransportError
			require.ErrorAs(t, err, &te)
			assert.True(t, te.MaybeSent, "the order may exist")
		}},
		{"503", func(*http.Request) (*http.Response, error) {
			return jsonResp(503, "Service Unavailable").response(), nil
		}, func(t *testing.T, err error) {
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 503, de.HTTPStatus)
		}},
		{"HTML page", func(*http.Request) (*http.Response, error) {
			return jsonResp(200, "<html>Fatal error</html>").response(), nil
		}, func(t *testing.T, err error) {
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de)
		}},
		{"success without ids", func(*http.Request) (*http.Response, error) {
			return jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":""}}`).response(), nil
		}, func(t *testing.T, err error) {
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de)
		}},
		{"malformed ids", func(*http.Request) (*http.Response, error) {
			return jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":"12,x"}}`).response(), nil
		}, func(t *testing.T, err error) {
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			shop := newMockShop()
			shop.queue(hotelsupply.RouteLogin, loginOK())
			shop.handle(hotelsupply.RouteCreate, tc.respond)
			c := newTestClient(t, shop)
			res, err := c.CreateOrder(context.Background(), wikiCreate(),
				hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Microsecond}))
			require.Error(t, err)
			assert.Nil(t, res)
			tc.check(t, err)
			assert.Len(t, shop.requests(hotelsupply.RouteCreate), 1, "never sent twice")
			assert.NotContains(t, err.Error(), testGuest)
			assert.NotContains(t, err.Error(), testPhone)
		})
	}
}

func TestGoodsBuyRetriesTransientFailures(t *testing.T) {
	t.Parallel()
	shop := newMockShop()
	shop.queue(hotelsupply.RouteLogin, loginOK())
	calls := 0
	var mu sync.Mutex
	shop.handle(hotelsupply.RouteGoodsBuy, func(*http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		switch calls {
		case 1:
			return nil, io.ErrUnexpectedEOF
		case 2:
			return jsonResp(503, "busy").response(), nil
		}
		return jsonResp(200, specExample(t)).response(), nil
	})
	c := newTestClient(t, shop)
	res, err := c.GoodsBuy(context.Background(), wikiGoodsBuy())
	require.NoError(t, err)
	assert.Equal(t, "440.00", res.TotalPrice.String())
	assert.Len(t, shop.requests(hotelsupply.RouteGoodsBuy), 3)
}

func TestBook(t *testing.T) {
	t.Parallel()
	t.Run("prices then creates with the pre_id", func(t *testing.T) {
		t.Parallel()
		shop := newMockShop()
		shop.queue(hotelsupply.RouteLogin, loginOK())
		shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
		shop.queue(hotelsupply.RouteCreate, jsonResp(200, `{"result":1,"msg":"成功","data":{"order_ids":"12"}}`))
		c := newTestClient(t, shop)
		res, err := c.Book(context.Background(), &hotelsupply.BookRequest{
			GoodsBuyRequest: *wikiGoodsBuy(), GuestName: testGuest, Phone: testPhone, Note: "n",
			DeductionCodes: []string{"point"}, MaxTotal: hotelsupply.MustMoney("440.00"),
			Invoice: &hotelsupply.Invoice{Type: hotelsupply.InvoicePaper, TitleType: hotelsupply.RisePersonal, Title: "张三"},
		})
		require.NoError(t, err)
		assert.Equal(t, []int64{12}, res.Order.OrderIDs)
		assert.Equal(t, "440.00", res.Quote.TotalPrice.String())
		form := shop.requests(hotelsupply.RouteCreate)[0].Form
		assert.Equal(t, `[{"pre_id":"413a5200241cc7fe7dd5945331bace78","deduction_ids":["point"],"note":"n"}]`, form.Get("orders"))
		assert.Equal(t, "440.00", form.Get("total_price"), "the invoice total comes from the quote")
		assert.Equal(t, "1", form.Get("invoice_type"))
		assert.Equal(t, "1", form.Get("rise_type"))
		assert.NotContains(t, form, "ncompany_numberote")
	})
	t.Run("stops above MaxTotal", func(t *testing.T) {
		t.Parallel()
		shop := newMockShop()
		shop.queue(hotelsupply.RouteLogin, loginOK())
		shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
		c := newTestClient(t, shop)
		res, err := c.Book(context.Background(), &hotelsupply.BookRequest{
			GoodsBuyRequest: *wikiGoodsBuy(), GuestName: testGuest, Phone: testPhone, MaxTotal: hotelsupply.MustMoney("439.99"),
		})
		require.ErrorIs(t, err, hotelsupply.ErrPriceAboveLimit)
		assert.Nil(t, res)
		assert.Empty(t, shop.requests(hotelsupply.RouteCreate))
	})
	t.Run("goods-buy failure creates nothing", func(t *testing.T) {
		t.Parallel()
		shop := newMockShop()
		shop.queue(hotelsupply.RouteLogin, loginOK())
		shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, `{"result":0,"msg":"满房","data":[]}`))
		c := newTestClient(t, shop)
		_, err := c.Book(context.Background(), &hotelsupply.BookRequest{GoodsBuyRequest: *wikiGoodsBuy(), GuestName: testGuest, Phone: testPhone})
		var apiErr *hotelsupply.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Empty(t, shop.requests(hotelsupply.RouteCreate))
	})
	t.Run("create failure is returned", func(t *testing.T) {
		t.Parallel()
		shop := newMockShop()
		shop.queue(hotelsupply.RouteLogin, loginOK())
		shop.queue(hotelsupply.RouteGoodsBuy, jsonResp(200, specExample(t)))
		shop.queue(hotelsupply.RouteCreate, jsonResp(200, `{"result":0,"msg":"库存不足","data":[]}`))
		c := newTestClient(t, shop)
		res, err := c.Book(context.Background(), &hotelsupply.BookRequest{GoodsBuyRequest: *wikiGoodsBuy(), GuestName: testGuest, Phone: testPhone})
		require.Error(t, err)
		assert.Nil(t, res)
	})
	t.Run("validates everything before sending", func(t *testing.T) {
		t.Parallel()
		shop := newMockShop()
		c := newTestClient(t, shop)
		_, err := c.Book(context.Background(), &hotelsupply.BookRequest{
			GoodsBuyRequest: *wikiGoodsBuy(), GuestName: " ", Phone: testPhone, DeductionCodes: []string{""},
			MaxTotal: hotelsupply.MustMoney("-1"),
			Invoice:  &hotelsupply.Invoice{Type: 3, TitleType: hotelsupply.RiseCompanyFrontEnd, Title: "x"},
		})
		var ve *hotelsdk.ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, []string{"user_name", "orders[0].deduction_ids[0]", "invoice_type", "ncompany_numberote", "max_total"}, fields(ve))
		assert.Empty(t, shop.requests(""))
		_, err = c.Book(context.Background(), nil)
		assert.ErrorIs(t, err, hotelsdk.ErrInvalidRequest)
	})
}

func fields(ve *hotelsdk.ValidationError) []string {
	out := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		out[i] = p.Field
	}
	return out
}
