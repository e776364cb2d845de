package invoice

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// platform prefixes errors and logs and goes into the User-Agent.
const platform = "invoice"

// redactKeys are this platform's sensitive names beside the transport's
// built-in list (which already masks sign, nonceStr, *secret*, guestNames).
var redactKeys = []string{"accessKey"}

// Client calls the invoice open API. It is safe for concurrent use.
type Client struct {
	tc *transport.Client
	// creds returns the credentials. A function, not a field holding them:
	// fmt and slog print a func as an address, so no verb applied to a
	// Client value (not only the pointer, which has String) shows a secret.
	creds        func() credentials
	signedParams SignedParams
	now          func() time.Time
	nonce        func() (string, error)
}

// credentials are what a Client signs with.
type credentials struct {
	auth      AuthParams // appId, identity and signType; nonce, time and sign are per attempt
	appSecret string
}

// get returns a copy of c.
func (c *credentials) get() credentials { return *c }

// NewClient returns a Client. WithBaseURL, WithApp and exactly one identity
// (WithUserID, WithUserNo or WithAccessKey) are required. An option given an
// unusable argument (a nil *http.Client, …) fails first, naming the option;
// otherwise every problem with the configuration is reported at once. Both
// match ErrInvalidConfig (errors.Is).
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{signType: SignMD5}
	for _, o := range opts {
		if o == nil { // a nil Option is skipped, like a nil hotelsdk.CallOption
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
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
	// Redirects are never followed: a 307/308 would send the body again
	// (with accessSecret and sign) to wherever the server points, and a
	// non-idempotent order/add with it. The policy is set on a copy; the
	// caller's *http.Client is not modified.
	hc := &http.Client{}
	if cfg.tc.HTTPClient != nil {
		copied := *cfg.tc.HTTPClient
		hc = &copied
	}
	hc.CheckRedirect = refuseRedirect
	cfg.tc.HTTPClient = hc
	tc, err := transport.New(cfg.tc)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidConfig, err)
	}
	creds := &credentials{
		auth: AuthParams{
			AppID: cfg.appID, UserID: cfg.userID, UserNo: cfg.userNo,
			AccessKey: cfg.accessKey, AccessSecret: cfg.accessSecret, SignType: cfg.signType,
		},
		appSecret: cfg.appSecret,
	}
	return &Client{
		tc:           tc,
		creds:        creds.get,
		signedParams: cfg.signedParams,
		now:          cfg.now,
		nonce:        cfg.nonce,
	}, nil
}

// String describes the client without its secrets, so that printing it
// (%v, %+v, %s, %#v, slog) never shows the app secret, the access key or
// the access secret.
func (c *Client) String() string {
	if c.ready() != nil {
		return "invoice.Client(not initialised)"
	}
	base := c.tc.BaseURL()
	if u, err := url.Parse(base); err == nil {
		base = u.Redacted()
	}
	return fmt.Sprintf("invoice.Client(%s, appId=%s, signType=%s)", base, c.creds().auth.AppID, c.creds().auth.SignType)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// LogValue is String, for log/slog (text and JSON handlers alike).
func (c *Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// errNotInitialised is returned by the methods of a nil or zero Client.
var errNotInitialised = errors.New("invoice: client not initialised: create it with NewClient")

// ready reports a nil or zero Client, which has no transport and no
// credentials to sign with.
func (c *Client) ready() error {
	if c == nil || c.tc == nil || c.creds == nil {
		return errNotInitialised
	}
	if c.tc.Closed() {
		return errClosed
	}
	return nil
}

// refuseRedirect is the CheckRedirect of every invoice client: the API
// answers every call itself, so a redirect is refused, naming only the
// target's host. The call fails with a *hotelsdk.TransportError whose cause says so;
// for AddOrders the outcome is unknown (the server may have read the
// request before redirecting).
func refuseRedirect(req *http.Request, via []*http.Request) error {
	return fmt.Errorf("invoice: refused to follow a redirect (HTTP %d) to %s: the invoice API does not redirect, and following would resend the signed body", redirectStatus(req), req.URL.Host)
}

// redirectStatus returns the status of the answer that redirected req.
func redirectStatus(req *http.Request) int {
	if req.Response != nil {
		return req.Response.StatusCode
	}
	return 0
}

// errClosed is returned by the methods of a closed Client.
var errClosed = errors.New("invoice: client closed")

// Close releases the idle connections of the HTTP transport the client made
// for itself (when neither WithHTTPClient with a transport nor
// WithTransport was given); a transport or *http.Client of the caller's is
// left alone. Calls made after Close fail; calls in flight finish. Close
// may be called more than once, and on a nil or zero Client; it returns
// nil.
func (c *Client) Close() error {
	if c == nil || c.tc == nil {
		return nil
	}
	c.tc.Close()
	return nil
}

// call sends one operation and returns the data of a successful envelope.
// The transport marshals body once; c.sign adds fresh authentication
// parameters to it before every attempt. check, when set, rejects a
// successful answer whose data is unusable.
func call[T any](ctx context.Context, c *Client, op, path string, body any, idempotent bool,
	opts []hotelsdk.CallOption, check func(*transport.Response, T) error) (T, error) {
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

// Response is the envelope of every answer: {"code":0,"data":…} on success,
// {"code":4002,"message":"门店不存在"} on failure. order/add answers
// Response[string] (data is the batch number), order/get answers
// Response[OrderList]. A server written on these types answers like the
// platform.
type Response[T any] struct {
	Code    Code   `json:"code"`
	Message string `json:"message,omitempty"`
	Data    T      `json:"data,omitzero"`
}

// rawEnvelope is the envelope before data is decoded; Code is a pointer so
// that a body without one is recognised as not an answer of this API.
type rawEnvelope struct {
	Code    *Code           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// decodeEnvelope checks the envelope of r and decodes its data into out. A
// code other than 0 is an *APIError; anything that is not an envelope, or a
// success whose data does not fit out, is a *hotelsdk.DecodeError.
func decodeEnvelope(r *transport.Response, out any) error {
	var env rawEnvelope
	if err := json.Unmarshal(r.Body, &env); err != nil {
		if r.StatusCode/100 != 2 {
			err = fmt.Errorf("HTTP status %d: %w", r.StatusCode, err)
		}
		return r.DecodeError(err)
	}
	if env.Code == nil {
		if r.StatusCode/100 != 2 {
			return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
		}
		return r.DecodeError(errors.New(`no "code" in the envelope`))
	}
	if *env.Code != CodeOK {
		return &APIError{
			// The platform may quote a guest's name: masked (Request.Sensitive).
			Code: *env.Code, Message: r.Mask(env.Message), Operation: r.Operation,
			HTTPStatus: r.StatusCode, Raw: append([]byte(nil), r.Body...),
		}
	}
	if r.StatusCode/100 != 2 {
		return r.DecodeError(fmt.Errorf("HTTP status %d with code 0", r.StatusCode))
	}
	data := env.Data
	if len(data) == 0 {
		data = []byte("null")
	}
	if err := json.Unmarshal(data, out); err != nil {
		return r.DecodeError(fmt.Errorf("data: %w", err))
	}
	return nil
}
