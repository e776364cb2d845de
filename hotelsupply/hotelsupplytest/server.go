// Package hotelsupplytest runs a fake 芸众 (yunshop) shop with the
// hotel-supply plugin on loopback, in the spirit of net/http/httptest, so
// that integrations can be tested without a real shop or credentials.
//
// The fake behaves like the real shop as far as the project's reference
// describes it: members log in with mobile and password and get a PHP-style
// session cookie (or a session pinned by uuid); goods-buy prices the nights
// and answers with the data tree of the wiki's example in the shop's PHP
// style (numbers as strings, [] for empty objects); create checks the
// session and pre-orders, keeps the orders and returns their ids
// comma-joined; a call without a session gets "请登录". Every answer is HTTP
// 200 with the {"result","msg","data"} envelope, written with the
// hotelsupply package's own types.
//
// Faults (latency, 5xx, a dropped connection before or after the request is
// served, an HTML page) can be injected per route, and everything the fake
// received is kept for assertions.
//
//	shop := hotelsupplytest.NewServer() // the wiki's shop, member, hotel and room
//	defer shop.Close()
//	c, _ := hotelsupply.NewClient(shop.ClientOptions()...)
//	res, err := c.Book(ctx, req)
//	orders := shop.Orders()
//
// The member it knows by default logs in with DefaultMobile and
// DefaultPassword at uniacid DefaultUniacid; ClientOptions passes them.
package hotelsupplytest

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/internal/faults"
)

// APIPath is where the fake serves the shop's API.
const APIPath = "/addons/yun_shop/api.php"

// SessionCookie is the name of the session cookie.
const SessionCookie = "PHPSESSID"

// Request is one request the fake received.
type Request struct {
	Method string
	Route  string
	// Query and Form are the URL query and the POST form as received.
	Query url.Values
	Form  url.Values
	// Cookie is the session cookie sent, if any.
	Cookie string
	// Served is false when an injected fault answered instead of the shop.
	Served bool
	// Result is the envelope's result when served (1 success).
	Result int
}

// Invoice is the invoice part of a created order.
type Invoice struct {
	Type       int
	RiseType   int
	Title      string
	TaxID      string
	TotalPrice hotelsupply.Money
}

// Order is an order the fake created.
type Order struct {
	ID        int64
	OrderSN   string
	PreID     string
	MemberUID int64
	HotelID   int64
	// RoomTypeID is the sid, Rooms the nums.
	RoomTypeID      int64
	Rooms           int
	Nights          []hotelsupply.DatePrice
	Total           hotelsupply.Money
	GuestName       string
	Phone           string
	Note            string
	DeductionCodes  []string
	MemberCouponIDs []int64
	Invoice         *Invoice
	CreatedAt       time.Time
}

// preOrder is what goods-buy priced, kept for create.
type preOrder struct {
	id      string
	uid     int64
	hotel   Hotel
	room    RoomType
	nums    int
	nights  []hotelsupply.DatePrice
	total   hotelsupply.Money
	orderSN string
}

// Server is a running fake shop. Its methods are safe for concurrent use;
// those of a Server not made by NewServer do nothing (Close), return
// nothing (Requests, Orders) or point nowhere (URL).
type Server struct {
	srv       *httptest.Server
	handler   http.Handler
	closeOnce sync.Once
	cfg       shopConfig
	faults    faults.Injector

	mu        sync.Mutex
	sessions  map[string]int64 // session id → member uid
	preOrders map[string]*preOrder
	orders    []Order
	received  []*Request
	nextID    int64
	snSeq     int
	closed    bool
}

// NewServer starts a fake shop on a free loopback port (or on the listener
// of WithListener). Without options it is the shop of the wiki's example:
// uniacid DefaultUniacid, one member (DefaultMobile / DefaultPassword) and
// hotel DefaultHotelID with room type DefaultRoomTypeID (DefaultHotel).
// Close it when done.
func NewServer(opts ...Option) *Server {
	cfg := defaultShopConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{cfg: cfg, sessions: map[string]int64{}, preOrders: map[string]*preOrder{}, nextID: cfg.firstOrderID}
	inner := http.HandlerFunc(s.serveShop)
	wrapped := s.faults.Wrap(inner, func(r *http.Request) string { return r.URL.Query().Get("route") })
	s.handler = s.record(wrapped)
	s.srv = httptest.NewUnstartedServer(s.handler)
	if cfg.listener != nil {
		_ = s.srv.Listener.Close()
		s.srv.Listener = cfg.listener
	}
	s.srv.Start()
	return s
}

// errNotStarted answers the requests of a Server not made by NewServer.
var errNotStarted = errors.New("hotelsupplytest: Server not started: create it with NewServer")

func (s *Server) started() bool { return s != nil && s.srv != nil }

// Close shuts the server down and waits for the requests in flight.
// Closing twice, a nil Server or one not made by NewServer does nothing.
func (s *Server) Close() {
	if !s.started() {
		return
	}
	s.closeOnce.Do(s.srv.Close)
}

// URL returns the shop's API entry point,
// "http://127.0.0.1:PORT/addons/yun_shop/api.php", the value for
// hotelsupply.WithBaseURL ("" for a Server not made by NewServer).
func (s *Server) URL() string {
	if !s.started() {
		return ""
	}
	return s.srv.URL + APIPath
}

// Client returns an HTTP client for the server (no cookie jar: the
// hotelsupply client keeps its own; http.DefaultClient for a Server not
// made by NewServer).
func (s *Server) Client() *http.Client {
	if !s.started() {
		return http.DefaultClient
	}
	return s.srv.Client()
}

// Handler returns the fake shop as an http.Handler (request recording and
// injected faults included), to mount under another server; it serves the
// API at APIPath. For a Server not made by NewServer it answers 503.
func (s *Server) Handler() http.Handler {
	if !s.started() {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, errNotStarted.Error(), http.StatusServiceUnavailable)
		})
	}
	return s.handler
}

// ClientOptions returns the options that point a hotelsupply.Client at this
// fake as its first member (with that member's credentials).
func (s *Server) ClientOptions() []hotelsupply.Option {
	if !s.started() {
		return []hotelsupply.Option{hotelsupply.WithBaseURL(s.URL())}
	}
	opts := []hotelsupply.Option{hotelsupply.WithBaseURL(s.URL()), hotelsupply.WithUniacid(s.cfg.uniacid)}
	if len(s.cfg.members) > 0 {
		m := s.cfg.members[0]
		opts = append(opts, hotelsupply.WithCredentials(m.Mobile, m.Password))
	}
	return opts
}

// ExpireSessions logs every member out: the next call gets "请登录".
func (s *Server) ExpireSessions() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions = map[string]int64{}
}

// SetClosed closes (or reopens) the site: every call answers data -1.
func (s *Server) SetClosed(closed bool) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = closed
}

// Requests returns copies of the requests received for route (every
// request when route is empty), in order.
func (s *Server) Requests(route string) []Request {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.received {
		if route == "" || r.Route == route {
			c := *r
			c.Query, c.Form = cloneValues(r.Query), cloneValues(r.Form)
			out = append(out, c)
		}
	}
	return out
}

// Orders returns copies of the created orders, in order.
func (s *Server) Orders() []Order {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Order, len(s.orders))
	for i, o := range s.orders {
		out[i] = o
		out[i].Nights = slices.Clone(o.Nights)
		out[i].DeductionCodes = slices.Clone(o.DeductionCodes)
		out[i].MemberCouponIDs = slices.Clone(o.MemberCouponIDs)
		if o.Invoice != nil {
			inv := *o.Invoice
			out[i].Invoice = &inv
		}
	}
	return out
}

// Order returns the order with id.
func (s *Server) Order(id int64) (Order, bool) {
	for _, o := range s.Orders() {
		if o.ID == id {
			return o, true
		}
	}
	return Order{}, false
}

// record keeps every request before faults apply; the shop marks it served.
func (s *Server) record(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm() // a malformed body leaves Form partial; the shop answers from what it has
		rec := &Request{Method: r.Method, Route: r.URL.Query().Get("route"), Query: cloneValues(r.URL.Query()), Form: cloneValues(r.PostForm)}
		if c, err := r.Cookie(SessionCookie); err == nil {
			rec.Cookie = c.Value
		}
		s.mu.Lock()
		s.received = append(s.received, rec)
		s.mu.Unlock()
		next.ServeHTTP(w, r.WithContext(contextWithRecord(r, rec)))
	})
}

// sessionID returns the session a request runs under: md5(uuid) when a
// uuid pins it, the cookie otherwise.
func sessionID(r *http.Request) string {
	if u := r.URL.Query().Get("uuid"); u != "" && u != "0" {
		sum := md5.Sum([]byte(u))
		return hex.EncodeToString(sum[:])
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

func newSessionID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}

func trimmed(v url.Values, key string) string { return strings.TrimSpace(v.Get(key)) }
