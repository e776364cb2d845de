package hotelsupply

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Routes of the shop, sent as the "route" query parameter.
const (
	RouteLogin    = "member.login.index"
	RouteGoodsBuy = "plugin.hotel-supply.frontend.goods-buy.index"
	RouteCreate   = "plugin.hotel-supply.frontend.create.index"
)

// Operation names used in errors, logs and hooks.
const (
	opLogin    = "login"
	opGoodsBuy = "goods-buy"
	opCreate   = "create"
	opBook     = "book"
)

// platform names this package in errors, logs and the User-Agent.
const platform = "hotelsupply"

// errNotInitialised is returned by the methods of a nil or zero Client.
var errNotInitialised = errors.New("hotelsupply: client not initialised: create it with NewClient")

// defaultAPIPath is the shop's API entry point under its host.
const defaultAPIPath = "/addons/yun_shop/api.php"

// redactKeys are this platform's sensitive names beside the transport's
// built-in list: uuid pins a session, orders carries free-text notes.
var redactKeys = []string{"uuid", "orders", "note"}

// Client calls one shop as one member. It keeps its own cookie jar (the
// shop's session), is safe for concurrent use, and logs in by itself when
// credentials are configured.
type Client struct {
	t          *transport.Client
	cfg        config
	route      routeParams
	loginToken chan struct{} // held while logging in: one caller logs in, others wait

	mu       sync.Mutex
	loggedIn bool
	gen      uint64 // counts successful logins
}

// NewClient returns a Client for the shop given by the options. WithBaseURL
// and WithUniacid are required.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{clientType: DefaultClientType}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	base, err := checkConfig(&cfg)
	if err != nil {
		return nil, err
	}
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, fmt.Errorf("hotelsupply: cookie jar: %w", err)
	}
	cfg.tc.Platform = platform
	cfg.tc.BaseURL = base
	cfg.tc.CookieJar = jar // one jar per client: a session never leaks to another
	cfg.tc.RedactKeys = redactKeys
	t, err := transport.New(cfg.tc)
	if err != nil {
		return nil, err
	}
	uuid := cfg.uuid
	if uuid == "" {
		uuid = "0"
	}
	return &Client{
		t:          t,
		cfg:        cfg,
		route:      routeParams{Uniacid: cfg.uniacid, UUID: uuid, Type: cfg.clientType, Mid: cfg.mid},
		loginToken: make(chan struct{}, 1),
	}, nil
}

// checkConfig reports every configuration problem at once and returns the
// base URL to use.
func checkConfig(cfg *config) (string, error) {
	var problems []string
	base := strings.TrimSpace(cfg.tc.BaseURL)
	u, err := url.Parse(base)
	switch {
	case base == "":
		problems = append(problems, "base URL is required (WithBaseURL)")
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		problems = append(problems, "base URL must be an absolute http(s) URL")
	case u.RawQuery != "" || u.Fragment != "":
		problems = append(problems, "base URL must not carry a query or fragment (the client adds i, type and route)")
	default:
		if u.Path == "" || u.Path == "/" {
			u.Path = defaultAPIPath
		}
		base = u.String()
	}
	if cfg.uniacid <= 0 {
		problems = append(problems, "uniacid must be positive (WithUniacid)")
	}
	if cfg.clientType <= 0 {
		problems = append(problems, "client type must be positive")
	}
	if cfg.mid < 0 {
		problems = append(problems, "member id (mid) must not be negative")
	}
	if (cfg.mobile == "") != (cfg.password == "") {
		problems = append(problems, "credentials need both mobile and password")
	}
	if cfg.dateFormat != DateDMY && cfg.dateFormat != DateISO {
		problems = append(problems, "unknown date format")
	}
	if len(problems) > 0 {
		return "", errors.New("hotelsupply: invalid configuration: " + strings.Join(problems, "; "))
	}
	return base, nil
}

// BaseURL returns the shop's API entry point the client calls ("" for a
// Client not made by NewClient).
func (c *Client) BaseURL() string {
	if c.ready() != nil {
		return ""
	}
	return c.t.BaseURL()
}

// ready reports whether c was made by NewClient: a nil or zero Client
// returns an error instead of panicking.
func (c *Client) ready() error {
	if c == nil || c.t == nil || c.loginToken == nil {
		return errNotInitialised
	}
	return nil
}

func (c *Client) hasCredentials() bool { return c.cfg.mobile != "" }

// query returns the route parameters of every call plus extra.
func (c *Client) query(route string, extra ...any) (url.Values, error) {
	rp := c.route
	rp.Route = route
	return values(append([]any{rp}, extra...)...)
}

// Login logs the member in (route member.login.index) and keeps the session
// cookie. Calls log in by themselves; Login is for checking credentials
// early. It needs WithCredentials.
func (c *Client) Login(ctx context.Context, opts ...CallOption) error {
	ctx, v, err := c.begin(ctx, opLogin, false)
	if err != nil {
		return err
	}
	if !c.hasCredentials() {
		v.Add("mobile", "no credentials configured (WithCredentials)")
		return v.Err()
	}
	_, err = c.login(ctx, true, c.generation(), opts)
	return err
}

func (c *Client) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// ensureLogin logs in when credentials are configured and no login has
// succeeded yet. It returns the login generation the caller runs under.
func (c *Client) ensureLogin(ctx context.Context, opts []CallOption) (uint64, error) {
	if !c.hasCredentials() {
		return 0, nil
	}
	c.mu.Lock()
	loggedIn, gen := c.loggedIn, c.gen
	c.mu.Unlock()
	if loggedIn {
		return gen, nil
	}
	return c.login(ctx, false, gen, opts)
}

// login sends the login request unless another caller has logged in since
// generation seen (force: even when logged in under seen).
func (c *Client) login(ctx context.Context, force bool, seen uint64, opts []CallOption) (uint64, error) {
	select {
	case c.loginToken <- struct{}{}:
	case <-ctx.Done():
		return 0, &TransportError{Platform: platform, Operation: opLogin, Method: http.MethodPost,
			Err: fmt.Errorf("waiting for another login: %w", ctx.Err())}
	}
	defer func() { <-c.loginToken }()

	c.mu.Lock()
	loggedIn, gen := c.loggedIn, c.gen
	c.mu.Unlock()
	if loggedIn && (!force || gen != seen) {
		return gen, nil // someone else logged in meanwhile
	}

	q, err := c.query(RouteLogin)
	if err != nil {
		return 0, c.encodeErr(opLogin, err)
	}
	form, err := values(loginParams{Mobile: c.cfg.mobile, Password: c.cfg.password})
	if err != nil {
		return 0, c.encodeErr(opLogin, err)
	}
	err = c.t.Do(ctx, &transport.Request{
		Operation: opLogin, Method: http.MethodPost, Query: q, Form: form,
		// Logging in twice has the effect of logging in once.
		Idempotent: true,
		Decode: func(r *transport.Response) error {
			return decodeEnvelope(r, RouteLogin, nil)
		},
	}, opts...)

	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.loggedIn = false
		return 0, err
	}
	c.loggedIn = true
	c.gen++
	return c.gen, nil
}

// call sends req under a session: it logs in first when needed and, when
// the shop answers "please log in" (proof that it did nothing), logs in
// again once and repeats req. Any other failure is returned as is.
func (c *Client) call(ctx context.Context, req *transport.Request, opts []CallOption) error {
	gen, err := c.ensureLogin(ctx, opts)
	if err != nil {
		return err
	}
	err = c.t.Do(ctx, req, opts...)
	if err == nil || !c.hasCredentials() || !errors.Is(err, ErrNotLoggedIn) {
		return err
	}
	if _, lerr := c.login(ctx, true, gen, opts); lerr != nil {
		return lerr
	}
	return c.t.Do(ctx, req, opts...)
}

// begin does what every call does before its own checks: it refuses a
// Client not made by NewClient, replaces a nil context with Background and
// reports a nil request. The Validator it returns collects the call's
// problems.
func (c *Client) begin(ctx context.Context, op string, nilRequest bool) (context.Context, *transport.Validator, error) {
	if err := c.ready(); err != nil {
		return nil, nil, err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	v := &transport.Validator{Platform: platform, Operation: op}
	if nilRequest {
		v.Add("", "request is nil")
		return nil, nil, v.Err()
	}
	return ctx, v, nil
}

func (c *Client) encodeErr(op string, err error) error {
	v := transport.Validator{Platform: platform, Operation: op}
	v.Add("", "cannot encode parameters: %v", err)
	return v.Err()
}

// GoodsBuy prices a stay (GET route plugin.hotel-supply.frontend.goods-buy.index)
// and returns the priced pre-order. It is idempotent and retried on
// transient failures.
func (c *Client) GoodsBuy(ctx context.Context, req *GoodsBuyRequest, opts ...CallOption) (*GoodsBuyResult, error) {
	ctx, v, err := c.begin(ctx, opGoodsBuy, req == nil)
	if err != nil {
		return nil, err
	}
	validateStay(v, req.HotelID, req.RoomTypeID, req.Rooms, req.DatePrices, req.MemberCouponIDs)
	if err := v.Err(); err != nil {
		return nil, err
	}
	q, err := c.query(RouteGoodsBuy, req.stay(c.cfg.dateFormat))
	if err != nil {
		return nil, c.encodeErr(opGoodsBuy, err)
	}
	var out *GoodsBuyResult
	err = c.call(ctx, &transport.Request{
		Operation: opGoodsBuy, Method: http.MethodGet, Query: q, Idempotent: true,
		Decode: func(r *transport.Response) error {
			return decodeEnvelope(r, RouteGoodsBuy, func(data []byte) error {
				res, err := decodeGoodsBuy(data)
				out = res
				return err
			})
		},
	}, opts)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decodeGoodsBuy decodes the data of a goods-buy answer and checks that it
// holds a usable pre-order.
func decodeGoodsBuy(data []byte) (*GoodsBuyResult, error) {
	if isEmptyJSON(data) {
		return nil, errors.New("the answer holds no pre-order")
	}
	var res GoodsBuyResult
	// data is part of a body already checked as valid JSON: decode it
	// directly rather than through json.Unmarshal, which would scan it again.
	if err := res.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	if len(res.Orders) == 0 {
		return nil, errors.New("the answer holds no pre-order (orders is empty)")
	}
	for i, o := range res.Orders {
		if strings.TrimSpace(string(o.PreID)) == "" {
			return nil, fmt.Errorf("orders[%d].pre_id is empty", i)
		}
	}
	return &res, nil
}

// CreateOrder creates the order of a priced stay (POST route
// plugin.hotel-supply.frontend.create.index). It is not idempotent: it is
// never sent again once it may have reached the shop, except after the shop
// answered "please log in" (which proves nothing was created). A
// *TransportError with MaybeSent means the order may exist.
func (c *Client) CreateOrder(ctx context.Context, req *CreateOrderRequest, opts ...CallOption) (*CreateOrderResult, error) {
	ctx, v, err := c.begin(ctx, opCreate, req == nil)
	if err != nil {
		return nil, err
	}
	validateCreate(v, req)
	if err := v.Err(); err != nil {
		return nil, err
	}
	q, err := c.query(RouteCreate)
	if err != nil {
		return nil, c.encodeErr(opCreate, err)
	}
	form, err := values(req.params(c.cfg.dateFormat))
	if err != nil {
		return nil, c.encodeErr(opCreate, err)
	}
	var out *CreateOrderResult
	err = c.call(ctx, &transport.Request{
		Operation: opCreate, Method: http.MethodPost, Query: q, Form: form, Idempotent: false,
		Decode: func(r *transport.Response) error {
			return decodeEnvelope(r, RouteCreate, func(data []byte) error {
				var d CreateOrderData
				if err := json.Unmarshal(data, &d); err != nil {
					return err
				}
				if len(d.OrderIDs) == 0 {
					return errors.New("the answer holds no order_ids")
				}
				out = &CreateOrderResult{OrderIDs: []int64(d.OrderIDs)}
				return nil
			})
		},
	}, opts)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Book prices the stay with GoodsBuy and creates its order with the
// returned pre_id(s). Everything is validated before the first request. If
// MaxTotal is set and the quote is above it, nothing is created and the
// error matches ErrPriceAboveLimit. An invoice without TotalPrice gets the
// quoted total.
func (c *Client) Book(ctx context.Context, req *BookRequest, opts ...CallOption) (*BookResult, error) {
	ctx, v, err := c.begin(ctx, opBook, req == nil)
	if err != nil {
		return nil, err
	}
	validateStay(v, req.HotelID, req.RoomTypeID, req.Rooms, req.DatePrices, req.MemberCouponIDs)
	validateGuest(v, req.GuestName, req.Phone)
	for i, code := range req.DeductionCodes {
		v.Check(strings.TrimSpace(code) != "", fmt.Sprintf("orders[0].deduction_ids[%d]", i), "must not be empty")
	}
	if req.Invoice != nil {
		validateInvoice(v, req.Invoice, true)
	}
	v.Check(!req.MaxTotal.IsNegative(), "max_total", "must not be negative")
	if err := v.Err(); err != nil {
		return nil, err
	}

	quote, err := c.GoodsBuy(ctx, &req.GoodsBuyRequest, opts...)
	if err != nil {
		return nil, err
	}
	if !req.MaxTotal.IsZero() && quote.TotalPrice.Cmp(req.MaxTotal) > 0 {
		return nil, fmt.Errorf("%w: quoted %s, limit %s", ErrPriceAboveLimit, quote.TotalPrice, req.MaxTotal)
	}
	refs := make([]OrderRef, len(quote.Orders))
	for i, o := range quote.Orders {
		refs[i] = OrderRef{PreID: string(o.PreID), DeductionCodes: req.DeductionCodes, Note: req.Note}
	}
	create := &CreateOrderRequest{
		HotelID: req.HotelID, RoomTypeID: req.RoomTypeID, Rooms: req.Rooms, DatePrices: req.DatePrices,
		GuestName: req.GuestName, Phone: req.Phone, Orders: refs, MemberCouponIDs: req.MemberCouponIDs,
	}
	if req.Invoice != nil {
		inv := *req.Invoice
		if inv.TotalPrice.IsZero() {
			inv.TotalPrice = quote.TotalPrice
		}
		create.Invoice = &inv
	}
	order, err := c.CreateOrder(ctx, create, opts...)
	if err != nil {
		return nil, err
	}
	return &BookResult{Quote: quote, Order: order}, nil
}
