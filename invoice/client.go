package invoice

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// The API's paths, relative to the base URL.
const (
	PathAddOrders = "/openapi/order/add"
	PathGetOrders = "/openapi/order/get"
)

// Operation names used in errors, logs and hooks.
const (
	OpAddOrders = "order.add"
	OpGetOrders = "order.get"
)

// platform prefixes errors and logs and goes into the User-Agent.
const platform = "invoice"

// redactKeys are this platform's sensitive names beside the transport's
// built-in list (which already masks sign, nonceStr, *secret*, guestNames).
var redactKeys = []string{"accessKey"}

// Client calls the invoice open API. It is safe for concurrent use.
type Client struct {
	tc           *transport.Client
	auth         AuthParams // appId, identity and signType; nonce, time and sign are per attempt
	appSecret    string
	signedParams SignedParams
	now          func() time.Time
	nonce        func() (string, error)
}

// NewClient returns a Client. WithBaseURL, WithApp and exactly one identity
// (WithUserID, WithUserNo or WithAccessKey) are required; every problem with
// the options is reported at once in an error matching ErrInvalidConfig.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{signType: SignMD5}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if cfg.tc.BaseURL == "" {
		add("base URL is required (WithBaseURL): the vendor publishes none")
	} else if u, err := url.Parse(cfg.tc.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		add("base URL must be an absolute http:// or https:// URL")
	} else if u.RawQuery != "" || u.Fragment != "" {
		add("base URL must not carry a query or fragment")
	}
	if cfg.appID == "" {
		add("appId is required (WithApp)")
	}
	if cfg.appSecret == "" {
		add("app secret is required (WithApp)")
	}
	identities := 0
	if cfg.userID != "" {
		identities++
	}
	if cfg.userNo != "" {
		identities++
	}
	if cfg.accessKey != "" || cfg.accessSecret != "" {
		identities++
		if cfg.accessKey == "" || cfg.accessSecret == "" {
			add("accessKey and accessSecret go together (WithAccessKey)")
		}
	}
	if identities != 1 {
		add("exactly one identity is required: WithUserID, WithUserNo or WithAccessKey (got %d)", identities)
	}
	if !cfg.signType.Valid() {
		add("unknown sign type %q (want MD5, SHA1 or SHA256)", string(cfg.signType))
	}
	if cfg.signedParams != SignAllAuthParams && cfg.signedParams != SignCoreParams {
		add("unknown signed parameter set %d", int(cfg.signedParams))
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrInvalidConfig, strings.Join(problems, "; "))
	}
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.nonce == nil {
		cfg.nonce = RandomNonce
	}
	cfg.tc.Platform = platform
	cfg.tc.RedactKeys = redactKeys
	tc, err := transport.New(cfg.tc)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidConfig, err)
	}
	return &Client{
		tc: tc,
		auth: AuthParams{
			AppID: cfg.appID, UserID: cfg.userID, UserNo: cfg.userNo,
			AccessKey: cfg.accessKey, AccessSecret: cfg.accessSecret, SignType: cfg.signType,
		},
		appSecret:    cfg.appSecret,
		signedParams: cfg.signedParams,
		now:          cfg.now,
		nonce:        cfg.nonce,
	}, nil
}

// AddOrders submits orders for invoicing (POST /openapi/order/add) and
// returns the batch number the platform gave them.
//
// The request is checked first (see AddOrdersRequest); a request that fails
// its checks returns a *ValidationError and sends nothing.
//
// AddOrders is not idempotent: the platform stores a new record every time
// the same order is submitted ("同一个订单号重复提交,开票助手会做新增操作"). So
// it is never attempted again once the request may have reached the server,
// whatever the retry policy; it is retried only when the connection was
// never established (the dial failed), which proves nothing was sent.
//
// After an ambiguous failure — OutcomeUnknown(err) is true: the connection
// dropped after the request was written, the attempt timed out, a gateway
// answered 502/503/504, or the answer was not a valid envelope — the orders
// may or may not be stored, and any batch number travelled only in the lost
// answer. Do not resubmit blindly: find out what was stored first — read
// the batch back with GetOrders when its number is known (the merchant
// console shows it), or look the orders up there by erpOrderNo — and
// resubmit only the orders that are missing. A *ValidationError, or an
// *APIError for which OutcomeUnknown is false, is a
// definite failure: nothing was stored.
func (c *Client) AddOrders(ctx context.Context, req *AddOrdersRequest, opts ...CallOption) (*AddOrdersResult, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if err := validateAddOrders(req); err != nil {
		return nil, err
	}
	batchNo, err := call(ctx, c, OpAddOrders, PathAddOrders, req, false, opts, func(r *transport.Response, data string) error {
		if data == "" {
			return r.DecodeError(errors.New("success without an order batch number in data"))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &AddOrdersResult{OrderBatchNo: batchNo}, nil
}

// GetOrders reads a submitted batch back (POST /openapi/order/get): the
// stored orders with their detail lines. It is safe to retry; every attempt
// is signed anew. A batch the platform answers with no data yields an empty
// Orders.
func (c *Client) GetOrders(ctx context.Context, req *GetOrdersRequest, opts ...CallOption) (*GetOrdersResult, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if err := validateGetOrders(req); err != nil {
		return nil, err
	}
	orders, err := call[OrderList](ctx, c, OpGetOrders, PathGetOrders, req, true, opts, nil)
	if err != nil {
		return nil, err
	}
	if orders == nil {
		orders = OrderList{}
	}
	return &GetOrdersResult{Orders: orders}, nil
}

// String describes the client without its secrets, so that printing it
// (%v, %+v, %s) never shows the app secret or the access secret.
func (c *Client) String() string {
	if c.ready() != nil {
		return "invoice.Client(not initialised)"
	}
	base := c.tc.BaseURL()
	if u, err := url.Parse(base); err == nil {
		base = u.Redacted()
	}
	return fmt.Sprintf("invoice.Client(%s, appId=%s, signType=%s)", base, c.auth.AppID, c.auth.SignType)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// errNotInitialised is returned by the methods of a nil or zero Client.
var errNotInitialised = errors.New("invoice: client not initialised: create it with NewClient")

// ready reports a nil or zero Client, which has no transport and no
// credentials to sign with.
func (c *Client) ready() error {
	if c == nil || c.tc == nil {
		return errNotInitialised
	}
	return nil
}

// call sends one operation and returns the data of a successful envelope.
// The transport marshals body once; c.sign adds fresh authentication
// parameters to it before every attempt. check, when set, rejects a
// successful answer whose data is unusable.
func call[T any](ctx context.Context, c *Client, op, path string, body any, idempotent bool,
	opts []CallOption, check func(*transport.Response, T) error) (T, error) {
	if ctx == nil { // never panic on a caller's nil context
		ctx = context.Background()
	}
	var out T
	err := c.tc.Do(ctx, &transport.Request{
		Operation:  op,
		Method:     http.MethodPost,
		Path:       path,
		JSON:       body,
		Idempotent: idempotent,
		Sign:       c.sign,
		Decode: func(r *transport.Response) error {
			var data T
			if err := decodeEnvelope(r, &data); err != nil {
				return err
			}
			if check != nil {
				if err := check(r, data); err != nil {
					return err
				}
			}
			out = data
			return nil
		},
	}, opts...)
	return out, err
}

// sign puts this attempt's authentication parameters (new nonce, current
// timestamp, signature) in front of the business fields of a.Body.
func (c *Client) sign(_ context.Context, a *transport.Attempt) error {
	auth, err := c.authParams()
	if err != nil {
		return err
	}
	head, err := json.Marshal(auth)
	if err != nil {
		return fmt.Errorf("invoice: cannot encode auth parameters: %w", err)
	}
	a.Body = mergeObjects(head, a.Body)
	return nil
}

// authParams returns freshly stamped and signed authentication parameters.
func (c *Client) authParams() (AuthParams, error) {
	nonce, err := c.nonce()
	if err != nil {
		return AuthParams{}, fmt.Errorf("invoice: cannot make a nonce: %w", err)
	}
	if nonce == "" {
		return AuthParams{}, errors.New("invoice: the nonce source returned an empty nonceStr")
	}
	auth := c.auth
	auth.NonceStr = nonce
	auth.Timestamp = strconv.FormatInt(c.now().UnixMilli(), 10)
	auth.Sign, err = auth.ComputeSign(c.signedParams, c.appSecret)
	if err != nil {
		return AuthParams{}, err
	}
	return auth, nil
}

// mergeObjects joins two JSON objects into one: {a..., b...}. The key sets
// are disjoint (auth parameters and business fields), so nothing repeats.
func mergeObjects(a, b []byte) []byte {
	b = bytes.TrimSpace(b)
	if len(b) <= 2 { // "{}" or nothing
		return a
	}
	out := make([]byte, 0, len(a)+len(b))
	out = append(out, a[:len(a)-1]...)
	out = append(out, ',')
	return append(out, b[1:]...)
}
