package hotelsupply_test

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

const (
	testBase     = "https://shop.test/addons/yun_shop/api.php"
	testMobile   = "13800138000"
	testPassword = "s3cret-pass"
	testGuest    = "张三"
	testPhone    = "15012345678"
	sessionValue = "sess-1"
)

// seen is one request the mock shop received.
type seen struct {
	Method string
	Path   string
	Query  url.Values
	Form   url.Values
	Body   string
	Header http.Header
	Cookie string // the PHPSESSID cookie sent, if any
}

// answer is a canned response, built afresh each time it is served.
type answer struct {
	status int
	body   string
	header http.Header
}

func (a answer) response() *http.Response {
	r := httpmock.NewStringResponse(a.status, a.body)
	r.Header = a.header.Clone()
	return r
}

// jsonResp is a canned answer labelled text/html, as PHP often does.
func jsonResp(status int, body string) answer {
	return answer{status: status, body: body, header: http.Header{"Content-Type": {"text/html; charset=UTF-8"}}}
}

func loginOK() answer {
	a := jsonResp(200, `{"result":1,"msg":"登录成功","data":{"status":1}}`)
	a.header.Add("Set-Cookie", "PHPSESSID="+sessionValue+"; path=/")
	return a
}

// mockShop routes httpmock requests by the "route" query parameter and
// records them. Answers are queued per route; the last one repeats.
type mockShop struct {
	mu      sync.Mutex
	reqs    []seen
	answers map[string][]answer
	funcs   map[string]func(*http.Request) (*http.Response, error)
}

func newMockShop() *mockShop {
	return &mockShop{answers: map[string][]answer{}, funcs: map[string]func(*http.Request) (*http.Response, error){}}
}

func (m *mockShop) queue(route string, as ...answer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.answers[route] = append(m.answers[route], as...)
}

func (m *mockShop) handle(route string, f func(*http.Request) (*http.Response, error)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.funcs[route] = f
}

func (m *mockShop) responder(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	s := seen{Method: req.Method, Path: req.URL.Path, Query: req.URL.Query(), Body: string(body), Header: req.Header.Clone()}
	if strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		s.Form, _ = url.ParseQuery(string(body))
	}
	if c, err := req.Cookie("PHPSESSID"); err == nil {
		s.Cookie = c.Value
	}
	route := s.Query.Get("route")
	m.mu.Lock()
	m.reqs = append(m.reqs, s)
	f := m.funcs[route]
	q := m.answers[route]
	var a *answer
	if len(q) > 0 {
		a = &q[0]
		if len(q) > 1 {
			m.answers[route] = q[1:]
		}
	}
	m.mu.Unlock()
	if f != nil {
		return f(req)
	}
	if a == nil {
		return jsonResp(200, `{"result":0,"msg":"不存在的接口","data":[]}`).response(), nil
	}
	return a.response(), nil
}

func (m *mockShop) requests(route string) []seen {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []seen
	for _, r := range m.reqs {
		if route == "" || r.Query.Get("route") == route {
			out = append(out, r)
		}
	}
	return out
}

// fastRetry keeps retry waits short without asserting on time.
var fastRetry = hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Microsecond, MaxDelay: time.Microsecond}

func newTestClient(t *testing.T, shop *mockShop, opts ...hotelsupply.Option) *hotelsupply.Client {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(shop.responder)
	base := []hotelsupply.Option{
		hotelsupply.WithBaseURL(testBase),
		hotelsupply.WithUniacid(6),
		hotelsupply.WithCredentials(testMobile, testPassword),
		hotelsupply.WithTransport(mt),
		hotelsupply.WithRetryPolicy(fastRetry),
	}
	c, err := hotelsupply.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

func specExample(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/goodsbuy_example.json")
	require.NoError(t, err)
	return string(b)
}

// wikiStay is the stay of the wiki's request example: 19–21 March 2020.
func wikiStay() []hotelsupply.DatePrice {
	return []hotelsupply.DatePrice{
		{Date: hotelsupply.NewDate(2020, 3, 19), Price: hotelsupply.MustMoney("100")},
		{Date: hotelsupply.NewDate(2020, 3, 20), Price: hotelsupply.MustMoney("50")},
		{Date: hotelsupply.NewDate(2020, 3, 21), Price: hotelsupply.MustMoney("70")},
	}
}

func wikiGoodsBuy() *hotelsupply.GoodsBuyRequest {
	return &hotelsupply.GoodsBuyRequest{HotelID: 1385, RoomTypeID: 4499, Rooms: 2, DatePrices: wikiStay()}
}

func wikiCreate() *hotelsupply.CreateOrderRequest {
	return &hotelsupply.CreateOrderRequest{
		HotelID: 1385, RoomTypeID: 4499, Rooms: 2, DatePrices: wikiStay(),
		GuestName: testGuest, Phone: testPhone,
		Orders: []hotelsupply.OrderRef{{PreID: "413a5200241cc7fe7dd5945331bace78", DeductionCodes: []string{"point"}, Note: "late arrival"}},
	}
}
