package hotelsupply_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

var rawFast = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}

func rawShop(t *testing.T, opts ...hotelsupply.Option) (*hotelsupplytest.Server, *hotelsupply.Client) {
	t.Helper()
	s := hotelsupplytest.NewServer()
	t.Cleanup(s.Close)
	c, err := hotelsupply.NewClient(append(append(s.ClientOptions(), hotelsupply.WithRetryPolicy(rawFast)), opts...)...)
	require.NoError(t, err)
	return s, c
}

var rawNights = hotelsupply.Nights(hotelsupply.NewDate(2026, 12, 24), hotelsupply.NewDate(2026, 12, 26), hotelsupply.MustMoney("388.00"))

// withoutReserved drops the parameters the client sets itself.
func withoutReserved(q url.Values) url.Values {
	out := url.Values{}
	for k, vs := range q {
		switch k {
		case "i", "uuid", "type", "route", "mid":
			continue
		}
		out[k] = vs
	}
	return out
}

// rawQuote gets a quote through GoodsBuy and returns what GoodsBuy sent.
func rawQuote(t *testing.T, s *hotelsupplytest.Server, c *hotelsupply.Client) (*hotelsupply.GoodsBuyResult, hotelsupplytest.Request) {
	t.Helper()
	q, err := c.GoodsBuy(context.Background(), &hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 1, DatePrices: rawNights})
	require.NoError(t, err)
	got := s.Requests(hotelsupply.RouteGoodsBuy)
	require.NotEmpty(t, got)
	return q, got[len(got)-1]
}

func TestRawSendsWhatTheModelledCallSends(t *testing.T) {
	s, c := rawShop(t)
	want, sent := rawQuote(t, s, c)

	var out hotelsupply.GoodsBuyResult
	res, err := c.Raw(context.Background(), &hotelsupply.RawRequest{
		Operation: "goods-buy.raw", Method: http.MethodGet, Route: hotelsupply.RouteGoodsBuy,
		Query: withoutReserved(sent.Query), Idempotent: true,
	}, &out)
	require.NoError(t, err)

	got := s.Requests(hotelsupply.RouteGoodsBuy)
	require.Len(t, got, 2)
	r := got[1]
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, sent.Query, r.Query, "the same query as GoodsBuy's, route parameters included")
	assert.Equal(t, strconvItoa(hotelsupplytest.DefaultUniacid), r.Query.Get("i"))
	assert.NotEmpty(t, r.Cookie, "under the member's session")
	assert.Equal(t, sent.Cookie, r.Cookie)
	assert.Empty(t, r.Form)
	assert.Len(t, s.Requests(hotelsupply.RouteLogin), 1, "one login for both calls")

	assert.Equal(t, http.StatusOK, res.HTTPStatus)
	assert.Equal(t, want.TotalPrice.String(), out.TotalPrice.String())
	assert.Equal(t, want.PreIDs(), out.PreIDs())
	assert.True(t, json.Valid(res.Data))
	assert.Contains(t, string(res.Data), out.PreIDs()[0])
}

func strconvItoa(n int64) string { return fmt.Sprint(n) }

// rawCreateForm is the form CreateOrder sends for quote.
func rawCreateForm(t *testing.T, quote *hotelsupply.GoodsBuyResult) url.Values {
	t.Helper()
	orders, err := json.Marshal([]map[string]any{{"pre_id": quote.PreIDs()[0], "note": ""}})
	require.NoError(t, err)
	return url.Values{
		"hotel_id": {"1385"}, "sid": {"4499"}, "nums": {"1"},
		"user_name": {"张三"}, "tel": {"15012345678"}, "orders": {string(orders)}, "address": {"{}"},
	}
}

func TestRawPostsAFormAndCreates(t *testing.T) {
	s, c := rawShop(t)
	quote, sent := rawQuote(t, s, c)
	form := rawCreateForm(t, quote)
	for k, vs := range withoutReserved(sent.Query) { // the stay, as GoodsBuy sent it
		if _, ok := form[k]; !ok {
			form[k] = vs
		}
	}
	var out struct {
		OrderIDs hotelsupply.OrderIDs `json:"order_ids"` // "12,13"
	}
	res, err := c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "create.raw", Route: hotelsupply.RouteCreate, Body: form}, &out)
	require.NoError(t, err, "%v", s.Requests(hotelsupply.RouteCreate))
	require.Len(t, s.Orders(), 1)
	r := s.Requests(hotelsupply.RouteCreate)[0]
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "15012345678", r.Form.Get("tel"))
	assert.Equal(t, "张三", r.Form.Get("user_name"))
	assert.Equal(t, hotelsupply.RouteCreate, r.Query.Get("route"))
	assert.NotEmpty(t, res.Data)
	require.NotEmpty(t, out.OrderIDs, "%s", res.Data)
	assert.Equal(t, s.Orders()[0].ID, out.OrderIDs[0])
}

func TestRawNonIdempotentDroppedConnectionIsSentOnce(t *testing.T) {
	s, c := rawShop(t)
	quote, sent := rawQuote(t, s, c)
	form := rawCreateForm(t, quote)
	for k, vs := range withoutReserved(sent.Query) {
		if _, ok := form[k]; !ok {
			form[k] = vs
		}
	}
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: hotelsupply.RouteCreate})
	res, err := c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "create.raw", Route: hotelsupply.RouteCreate, Body: form}, nil)
	require.Error(t, err)
	assert.Nil(t, res)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.Equal(t, "create.raw", te.Operation)
	assert.Len(t, s.Requests(hotelsupply.RouteCreate), 1, "sent once")
	assert.Len(t, s.Orders(), 1, "and it took effect")
}

func TestRawIdempotentDroppedConnectionIsRetried(t *testing.T) {
	s, c := rawShop(t)
	_, sent := rawQuote(t, s, c)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: hotelsupply.RouteGoodsBuy})
	_, err := c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "goods-buy.raw", Method: http.MethodGet,
		Route: hotelsupply.RouteGoodsBuy, Query: withoutReserved(sent.Query), Idempotent: true}, nil)
	require.NoError(t, err)
	assert.Len(t, s.Requests(hotelsupply.RouteGoodsBuy), 3, "GoodsBuy, then the raw call twice")
}

func TestRawLogsInAgainWhenTheSessionExpired(t *testing.T) {
	s, c := rawShop(t)
	_, sent := rawQuote(t, s, c)
	s.ExpireSessions()
	var out hotelsupply.GoodsBuyResult
	_, err := c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "goods-buy.raw",
		Route: hotelsupply.RouteGoodsBuy, Query: withoutReserved(sent.Query)}, &out) // POST, not idempotent
	require.NoError(t, err)
	assert.Len(t, s.Requests(hotelsupply.RouteLogin), 2)
	got := s.Requests(hotelsupply.RouteGoodsBuy)
	require.Len(t, got, 3)
	assert.Equal(t, 0, got[1].Result, "refused: please log in")
	assert.Equal(t, 1, got[2].Result)
	assert.NotEmpty(t, out.PreIDs())
}

func TestRawAPIErrors(t *testing.T) {
	s, c := rawShop(t)
	_, err := c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "orders.list", Route: "plugin.hotel-supply.frontend.order.list",
		Body: url.Values{"page": {"1"}}}, nil)
	var apiErr *hotelsupply.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, hotelsupply.ErrUnknownRoute)
	assert.Equal(t, "orders.list", apiErr.Operation)
	assert.Equal(t, "plugin.hotel-supply.frontend.order.list", apiErr.Route)
	assert.False(t, hotelsdk.OutcomeUnknown(err), "the shop refused it")
	assert.Len(t, s.Requests("plugin.hotel-supply.frontend.order.list"), 1)

	s.SetClosed(true)
	_, err = c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "x", Route: hotelsupply.RouteGoodsBuy}, nil)
	assert.ErrorIs(t, err, hotelsupply.ErrSiteClosed)
}

func TestRawValidationSendsNothing(t *testing.T) {
	s, c := rawShop(t)
	cases := []struct {
		name  string
		req   *hotelsupply.RawRequest
		out   any
		field string
	}{
		{"nil request", nil, nil, ""},
		{"no operation", &hotelsupply.RawRequest{Route: "a.b"}, nil, "Operation"},
		{"no route", &hotelsupply.RawRequest{Operation: "x"}, nil, "Route"},
		{"route with slash", &hotelsupply.RawRequest{Operation: "x", Route: "../member.login.index"}, nil, "Route"},
		{"route as URL", &hotelsupply.RawRequest{Operation: "x", Route: "https://evil.example/x"}, nil, "Route"},
		{"route with empty part", &hotelsupply.RawRequest{Operation: "x", Route: "member..index"}, nil, "Route"},
		{"route with space", &hotelsupply.RawRequest{Operation: "x", Route: "member.login index"}, nil, "Route"},
		{"PUT", &hotelsupply.RawRequest{Operation: "x", Method: http.MethodPut, Route: "a.b"}, nil, "Method"},
		{"GET with body", &hotelsupply.RawRequest{Operation: "x", Method: http.MethodGet, Route: "a.b", Body: url.Values{"a": {"1"}}}, nil, "Body"},
		{"route in query", &hotelsupply.RawRequest{Operation: "x", Route: "a.b", Query: url.Values{"route": {"member.login.index"}}}, nil, "Query"},
		{"uniacid in query", &hotelsupply.RawRequest{Operation: "x", Route: "a.b", Query: url.Values{"i": {"9"}}}, nil, "Query"},
		{"bad JSON", &hotelsupply.RawRequest{Operation: "x", Route: "a.b", Body: json.RawMessage("{")}, nil, "Body"},
		{"out not a pointer", &hotelsupply.RawRequest{Operation: "x", Route: "a.b"}, map[string]any{}, "out"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Raw(context.Background(), tc.req, tc.out)
			assert.Nil(t, res)
			var ve *hotelsdk.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "hotelsupply", ve.Platform)
			if tc.field != "" {
				require.NotEmpty(t, ve.Problems)
				assert.Equal(t, tc.field, ve.Problems[0].Field, "%v", ve)
			}
		})
	}
	assert.Empty(t, s.Requests(""), "nothing was sent, not even a login")
}

func TestRawEmptyDataSpeltAsArray(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Header().Set("X-Request-Id", "req-7")
		_, _ = io.WriteString(w, `{"result":"1","msg":"成功","data":[]}`)
	}))
	defer ts.Close()
	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL(ts.URL), hotelsupply.WithUniacid(2))
	require.NoError(t, err)
	var out struct {
		Count hotelsupply.Int `json:"count"`
	}
	res, err := c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "x", Route: "a.b"}, &out)
	require.NoError(t, err)
	assert.Equal(t, "[]", string(res.Data))
	assert.Equal(t, "req-7", res.RequestID)
	var list []int
	_, err = c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "x", Route: "a.b"}, &list)
	require.NoError(t, err)
	assert.Empty(t, list)
	var n int
	_, err = c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "x", Route: "a.b", Idempotent: true}, &n)
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de, "[] is no number")
}

func TestRawRedirectIsNotFollowed(t *testing.T) {
	var elsewhere int
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere++ }))
	defer other.Close()
	var hits int
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
	}))
	defer ts.Close()
	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL(ts.URL), hotelsupply.WithUniacid(2))
	require.NoError(t, err)
	_, err = c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "x", Route: "a.b", Body: url.Values{"a": {"1"}}}, nil)
	var re *hotelsdk.RedirectError
	require.ErrorAs(t, err, &re)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	assert.Equal(t, 1, hits)
	assert.Zero(t, elsewhere)
}

func TestRawRedactsLogsHooksAndErrors(t *testing.T) {
	const guest, phone = "李四", "15012345678"
	var logs bytes.Buffer
	var mu sync.Mutex
	var hooked []string
	record := func(v any) { mu.Lock(); hooked = append(hooked, fmt.Sprintf("%+v", v)); mu.Unlock() }
	s, c := rawShop(t,
		hotelsupply.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		hotelsupply.WithHooks(hotelsdk.Hooks{
			OnRequest:  func(_ context.Context, i hotelsdk.RequestInfo) { record(i) },
			OnResponse: func(_ context.Context, i hotelsdk.ResponseInfo) { record(i) },
		}))
	req := &hotelsupply.RawRequest{Operation: "member.update", Route: "plugin.member.update",
		Query: url.Values{"realname": {guest}}, Body: url.Values{"mobile": {phone}, "user_name": {guest}, "note": {guest}}}
	_, err := c.Raw(context.Background(), req, nil)
	require.Error(t, err)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest})
	_, err2 := c.Raw(context.Background(), req, nil)
	require.Error(t, err2)

	everything := logs.String() + strings.Join(hooked, "\n") + err.Error() + err2.Error() +
		fmt.Sprintf("%v %+v %#v %s", req, req, req, req)
	assert.Contains(t, logs.String(), "member.update")
	for _, secret := range []string{guest, phone, hotelsupplytest.DefaultMobile, hotelsupplytest.DefaultPassword} {
		assert.NotContains(t, everything, secret)
		assert.NotContains(t, everything, url.QueryEscape(secret), "forms and queries are logged encoded")
	}
}

func TestRawOnNilClient(t *testing.T) {
	var c *hotelsupply.Client
	_, err := c.Raw(context.Background(), &hotelsupply.RawRequest{Operation: "x", Route: "a.b"}, nil)
	require.Error(t, err)
	_, err = (&hotelsupply.Client{}).Raw(context.Background(), nil, nil)
	require.Error(t, err)
}

func TestRawNilContext(t *testing.T) {
	_, c := rawShop(t)
	var nilCtx context.Context
	_, err := c.Raw(nilCtx, &hotelsupply.RawRequest{Operation: "x", Route: "a.b"}, nil)
	assert.ErrorIs(t, err, hotelsupply.ErrUnknownRoute, "sent, and answered")
}

func TestRawMasksTheSensitiveValuesItIsGiven(t *testing.T) {
	const guest = "王小明"
	var logs bytes.Buffer
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		// The shop quotes what it was sent, PHP-escaped.
		msg, _ := json.Marshal("联系人" + r.PostForm.Get("contact") + "已存在")
		_, _ = fmt.Fprintf(w, `{"result":0,"msg":%s,"data":[]}`, strings.ReplaceAll(string(msg), "王", `\u738b`))
	}))
	defer ts.Close()
	c, err := hotelsupply.NewClient(hotelsupply.WithBaseURL(ts.URL), hotelsupply.WithUniacid(2),
		hotelsupply.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)
	req := &hotelsupply.RawRequest{Operation: "contact.add", Route: "plugin.contact.add",
		Body: url.Values{"contact": {guest}}, Sensitive: []string{guest}}
	_, err = c.Raw(context.Background(), req, nil)
	var apiErr *hotelsupply.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "联系人***已存在", apiErr.Msg)
	everything := logs.String() + err.Error() + fmt.Sprintf("%v %#v", req, req)
	assert.Contains(t, logs.String(), "contact.add")
	for _, form := range []string{guest, url.QueryEscape(guest), `\u738b`} {
		assert.NotContains(t, everything, form)
	}
}
