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
package hotelsupplytest

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
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

// Defaults of DefaultConfig: the shop, member, hotel and room type of the
// wiki's example.
const (
	DefaultUniacid    = 6
	DefaultMobile     = "15012345678"
	DefaultPassword   = "sandbox-password"
	DefaultMemberUID  = 2455
	DefaultHotelID    = 1385
	DefaultRoomTypeID = 4499
)

// APIPath is where the fake serves the shop's API.
const APIPath = "/addons/yun_shop/api.php"

// SessionCookie is the name of the session cookie.
const SessionCookie = "PHPSESSID"

// Member is a shop member who can log in.
type Member struct {
	Mobile   string
	Password string
	UID      int64
	// Blacklisted members are refused at login (login_status -1).
	Blacklisted bool
}

// RoomType is a bookable room type of a hotel.
type RoomType struct {
	// ID is the room type id (sid).
	ID      int64
	Name    string
	GoodsID int64
	Image   string
	// MaxRooms limits nums per booking (0: no limit); more answers 库存不足.
	MaxRooms int
}

// Hotel is a hotel of the shop.
type Hotel struct {
	// ID is the hotel id (hotel_id).
	ID        int64
	Name      string
	ShortName string
	Tel       string
	Province  string
	City      string
	Area      string
	Address   string
	Latitude  string
	Longitude string
	LevelName string
	Rooms     []RoomType
}

// Config describes the fake shop.
type Config struct {
	// Uniacid is the shop account id ("i"); another value answers 无此公众号.
	Uniacid int64
	// ShopName prefixes the pre-order's shop_name.
	ShopName string
	Members  []Member
	Hotels   []Hotel
	// FirstOrderID is the id of the first created order (default 1).
	FirstOrderID int64
	// Now replaces the clock (order numbers, created_at).
	Now func() time.Time
}

// DefaultConfig returns the shop of the wiki's example: uniacid 6, one
// member (DefaultMobile / DefaultPassword), hotel 1385 杭州云廊小庐 with room
// type 4499 山景大床房.
func DefaultConfig() Config {
	return Config{
		Uniacid:  DefaultUniacid,
		ShopName: "酒店",
		Members:  []Member{{Mobile: DefaultMobile, Password: DefaultPassword, UID: DefaultMemberUID}},
		Hotels: []Hotel{{
			ID: DefaultHotelID, Name: "杭州云廊小庐", ShortName: "杭州云廊小庐", Tel: "0571-86908751",
			Province: "浙江省", City: "杭州市", Area: "西湖区", Address: "浙江省杭州市西湖区梅家坞176号(十里琅珰山脚下)",
			Latitude: "30.20004733695", Longitude: "120.08196582383", LevelName: "精品民宿",
			Rooms: []RoomType{{ID: DefaultRoomTypeID, Name: "山景大床房", GoodsID: 174,
				Image: "http://lcw.unionhotel.cn/uploads/q/qmuiko1431678728/f/6/e/a/thumb_5e4e42cc824f6.png"}},
		}},
		FirstOrderID: 1,
	}
}

// Fault is one injected failure; Path is matched against the end of the
// route ("create.index" or the whole route), empty for every request.
type Fault = faults.Fault

// FaultKind names how a request fails.
type FaultKind = faults.Kind

// Fault kinds.
const (
	// Latency delays the request by Fault.Delay, then serves it, even when
	// the client gave up meanwhile: a create that timed out on the client
	// still creates its order, as on a real, slow shop.
	Latency = faults.Latency
	// ServerError answers Fault.Status (default 503) without serving.
	ServerError = faults.ServerError
	// DropAfterRequest serves the request (an order is created) and then
	// closes the connection without answering.
	DropAfterRequest = faults.DropAfterRequest
	// DropBeforeRequest closes the connection without serving.
	DropBeforeRequest = faults.DropBeforeRequest
	// NonJSON answers 200 with an HTML page without serving.
	NonJSON = faults.NonJSON
)

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

// Server is a running fake shop. Close it when done.
type Server struct {
	// URL is the shop's API entry point, ".../addons/yun_shop/api.php".
	URL string

	srv    *httptest.Server
	cfg    Config
	faults faults.Injector

	mu        sync.Mutex
	sessions  map[string]int64 // session id → member uid
	preOrders map[string]*preOrder
	orders    []Order
	received  []*Request
	nextID    int64
	snSeq     int
	closed    bool
}

// NewServer starts a fake shop on loopback. A zero Config is DefaultConfig.
func NewServer(cfg Config) *Server {
	if cfg.Uniacid == 0 && len(cfg.Members) == 0 && len(cfg.Hotels) == 0 {
		cfg = DefaultConfig()
	}
	if cfg.FirstOrderID <= 0 {
		cfg.FirstOrderID = 1
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, sessions: map[string]int64{}, preOrders: map[string]*preOrder{}, nextID: cfg.FirstOrderID}
	inner := http.HandlerFunc(s.serveShop)
	wrapped := s.faults.Wrap(inner, func(r *http.Request) string { return r.URL.Query().Get("route") })
	s.srv = httptest.NewServer(s.record(wrapped))
	s.URL = s.srv.URL + APIPath
	return s
}

// Close shuts the server down.
func (s *Server) Close() { s.srv.Close() }

// HTTPClient returns an HTTP client for the server (no cookie jar: the
// hotelsupply client keeps its own).
func (s *Server) HTTPClient() *http.Client { return s.srv.Client() }

// ClientOptions returns the options that point a hotelsupply.Client at this
// fake as its first member.
func (s *Server) ClientOptions() []hotelsupply.Option {
	opts := []hotelsupply.Option{hotelsupply.WithBaseURL(s.URL), hotelsupply.WithUniacid(s.cfg.Uniacid)}
	if len(s.cfg.Members) > 0 {
		m := s.cfg.Members[0]
		opts = append(opts, hotelsupply.WithCredentials(m.Mobile, m.Password))
	}
	return opts
}

// Inject queues a fault; faults apply in the order queued.
func (s *Server) Inject(f Fault) { s.faults.Inject(f) }

// ResetFaults drops every queued fault.
func (s *Server) ResetFaults() { s.faults.Reset() }

// PendingFaults returns how many injected failures are still to happen.
func (s *Server) PendingFaults() int { return s.faults.Pending() }

// FaultsInjected returns how many requests failed with kind so far.
func (s *Server) FaultsInjected(kind FaultKind) int { return s.faults.Injected(kind) }

// ExpireSessions logs every member out: the next call gets "请登录".
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions = map[string]int64{}
}

// SetClosed closes (or reopens) the site: every call answers data -1.
func (s *Server) SetClosed(closed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = closed
}

// Requests returns copies of the requests received for route (every
// request when route is empty), in order.
func (s *Server) Requests(route string) []Request {
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
