package douyintest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/internal/lifesign"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// This file plays Douyin towards an integrator's SPI server (package
// douyin/spi): SPIClient calls it exactly as Douyin does, and
// NewSPIRequest and SignSPIRequest build signed requests for httptest
// tests of a handler.

// spiRedactKeys are masked in the SPIClient's logs and hooks beside the
// transport's built-in list (as the douyin Client masks them).
var spiRedactKeys = []string{"code", "open_id", "user_open_id", "remark", "x-life-clientkey", "client_key"}

// SignSPIRequest signs r as Douyin signs an SPI call made at time at: it
// sets the query parameters client_key and timestamp (milliseconds) and the
// headers x-life-clientkey and x-life-sign (hex sha256 of
// clientSecret&sorted-query&http_body=raw-body). The body is read and put
// back, so r can still be sent or served. Use it in your own httptest tests
// of an spi.Handler, or of any handler that checks Douyin's signature.
func SignSPIRequest(r *http.Request, clientKey, clientSecret string, at time.Time) error {
	if r == nil || r.URL == nil {
		return errors.New("douyintest: SignSPIRequest: request without URL")
	}
	if clientKey == "" || clientSecret == "" {
		return errors.New("douyintest: SignSPIRequest: client key and secret are required")
	}
	var body []byte
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		body = []byte{}
	}
	if r.Body != nil && r.Body != http.NoBody {
		b, err := io.ReadAll(r.Body)
		_ = r.Body.Close()
		if err != nil {
			return errors.New("douyintest: SignSPIRequest: cannot read body: " + err.Error())
		}
		body = b
		r.Body = io.NopCloser(bytes.NewReader(b))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		r.ContentLength = int64(len(b))
	}
	if r.Header == nil {
		r.Header = http.Header{}
	}
	q := r.URL.Query()
	signSPIParts(clientKey, clientSecret, q, r.Header, body, at)
	r.URL.RawQuery = q.Encode()
	return nil
}

// signSPIParts adds what Douyin adds to an SPI call made at time at: query
// client_key and timestamp (ms), headers x-life-clientkey and x-life-sign
// over the final query and the raw body.
func signSPIParts(clientKey, clientSecret string, q url.Values, h http.Header, body []byte, at time.Time) {
	q.Set(lifesign.QueryClientKey, clientKey)
	q.Set(lifesign.QueryTimestamp, strconv.FormatInt(at.UnixMilli(), 10))
	h.Set(lifesign.HeaderClientKey, clientKey)
	h.Set(lifesign.HeaderSign, lifesign.Sign(clientSecret, q, body))
}

// NewSPIRequest returns a POST of body (the raw JSON, sent as is) to
// target, a URL or a path such as spi.OpCommitOrder.Path(), with
// Content-Type application/json and signed as Douyin signs a call made at
// time at. It is the SPI counterpart of httptest.NewRequest:
//
//	req, _ := douyintest.NewSPIRequest(spi.OpCommitOrder.Path(), key, secret, body, time.Now())
//	rec := httptest.NewRecorder()
//	handler.ServeHTTP(rec, req)
func NewSPIRequest(target, clientKey, clientSecret string, body []byte, at time.Time) (*http.Request, error) {
	r, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("douyintest: NewSPIRequest: invalid target URL")
	}
	r.Header.Set("Content-Type", "application/json")
	if r.Host == "" {
		r.Host = "example.com" // as httptest.NewRequest does for a bare path
	}
	r.RemoteAddr = "192.0.2.1:1234"
	if err := SignSPIRequest(r, clientKey, clientSecret, at); err != nil {
		return nil, err
	}
	return r, nil
}

// CommitOrderReplyData is the data part of a commit reply (the spec's
// PoiExtHotelOrderCommitRsp data).
type CommitOrderReplyData struct {
	OrderExtID string `json:"order_ext_id"` // 接入方订单号
	// ErrorCode is 0 on success; Description explains a failure.
	ErrorCode   douyin.Code `json:"error_code"`
	Description string      `json:"description"`
}

// CommitOrderReply is the integrator's answer to a commit
// (PoiExtHotelOrderCommitRsp). In the flat reply form only Data is on the
// wire, at the top level.
type CommitOrderReply struct {
	// Data is the reply itself (the whole reply in the flat form).
	Data CommitOrderReplyData `json:"data"`
	// Extra is the wrapped form's extra (zero in the flat form).
	Extra douyin.Extra `json:"extra"`
}

// NotifyPaymentReplyData is the data part of a payment-notification reply
// (the spec's PoiExtHotelOrderStatusRsp data). Status 0 (订单确认) is
// always written.
type NotifyPaymentReplyData struct {
	Status douyin.ConfirmStatus `json:"status"`
	// ErrorCode is 0 on success; Description explains a failure.
	ErrorCode   douyin.Code `json:"error_code"`
	Description string      `json:"description"`
	// Balance is an amount in fen (金额); the spec does not say more.
	Balance douyin.Fen `json:"balance"`
	Ext     string     `json:"ext"` // 附加信息
}

// NotifyPaymentReply is the integrator's answer to a payment notification
// (PoiExtHotelOrderStatusRsp).
type NotifyPaymentReply struct {
	// Data is the reply itself (the whole reply in the flat form).
	Data NotifyPaymentReplyData `json:"data"`
	// Extra is the wrapped form's extra (zero in the flat form).
	Extra douyin.Extra `json:"extra"`
}

// CancelOrderReplyData is the data part of a cancel reply (the spec's
// PoiExtHotelOrderCancelRsp data, which is the payment reply's
// PoiExtHotelOrderStatusRspData). Status 0 (订单确认, the cancellation
// accepted) is always written.
type CancelOrderReplyData struct {
	Status douyin.ConfirmStatus `json:"status"`
	// ErrorCode is 0 on success; Description explains a failure.
	ErrorCode   douyin.Code `json:"error_code"`
	Description string      `json:"description"`
	Balance     douyin.Fen  `json:"balance"`
	Ext         string      `json:"ext"`
}

// CancelOrderReply is the integrator's answer to a cancellation
// (PoiExtHotelOrderCancelRsp).
type CancelOrderReply struct {
	// Data is the reply itself (the whole reply in the flat form).
	Data CancelOrderReplyData `json:"data"`
	// Extra is the wrapped form's extra (zero in the flat form).
	Extra douyin.Extra `json:"extra"`
}

// replyData is implemented by the three reply data types.
type replyData interface {
	replyError() (douyin.Code, string)
}

func (d CommitOrderReplyData) replyError() (douyin.Code, string)   { return d.ErrorCode, d.Description }
func (d NotifyPaymentReplyData) replyError() (douyin.Code, string) { return d.ErrorCode, d.Description }
func (d CancelOrderReplyData) replyError() (douyin.Code, string)   { return d.ErrorCode, d.Description }

// SPIClient calls an integrator's SPI endpoints exactly as Douyin does:
// a JSON POST whose query carries client_key and timestamp (ms) and whose
// headers carry x-life-clientkey and x-life-sign, plus an
// X-Bytedance-Logid. Use it to test your own SPI server end to end; make
// one with NewSPIClient, or with Server.SPI to sign with the sandbox's
// credentials and record every call (SPIExchanges).
//
// Replies are accepted in both forms: the spec's wrapped
// {"data":{...},"extra":{...}} and the flat {"order_ext_id":...,
// "error_code":0,"description":""}. A reply whose error_code (in data or
// extra) is non-zero is a *douyin.APIError; a reply that is not the
// documented JSON is a *hotelsdk.DecodeError; a failure below HTTP is a
// *hotelsdk.TransportError.
//
// A commit is not idempotent and is never repeated once it may have reached
// the server; payment notifications and cancellations are repeated on
// transient failures, as Douyin repeats them. Every attempt is signed anew
// with a fresh timestamp. An SPIClient is safe for concurrent use.
type SPIClient struct {
	tc        *transport.Client
	clientKey string
	secret    string
	now       func() time.Time
	logID     func() string
	rec       *Server // records the calls when made by Server.SPI
}

// SPIClientOption configures an SPIClient.
type SPIClientOption func(*spiClientConfig) error

type spiClientConfig struct {
	// tc holds the settings of the transport; NewSPIClient completes it.
	tc    transport.Config
	logID func() string
}

// WithSPIHTTPClient sends through hc (its transport and timeout). The
// client is copied, never modified.
func WithSPIHTTPClient(hc *http.Client) SPIClientOption {
	return func(c *spiClientConfig) error {
		if hc == nil {
			return errors.New("douyintest: WithSPIHTTPClient: nil *http.Client")
		}
		c.tc.HTTPClient = hc
		return nil
	}
}

// WithSPITransport sends through rt, e.g. an httpmock transport.
func WithSPITransport(rt http.RoundTripper) SPIClientOption {
	return func(c *spiClientConfig) error {
		if rt == nil {
			return errors.New("douyintest: WithSPITransport: nil http.RoundTripper")
		}
		c.tc.RoundTripper = rt
		return nil
	}
}

// WithSPILogger logs one redacted line per attempt.
func WithSPILogger(l *slog.Logger) SPIClientOption {
	return func(c *spiClientConfig) error {
		if l == nil {
			return errors.New("douyintest: WithSPILogger: nil logger")
		}
		c.tc.Logger = l
		return nil
	}
}

// WithSPIRetryPolicy replaces the default retry policy (3 attempts,
// full-jitter backoff); zero fields keep their defaults, negative ones are
// an error. A commit is never repeated once it may have been sent.
func WithSPIRetryPolicy(p hotelsdk.RetryPolicy) SPIClientOption {
	return func(c *spiClientConfig) error {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("douyintest: WithSPIRetryPolicy: %w", err)
		}
		c.tc.Retry = p
		return nil
	}
}

// WithSPIHooks receives every attempt, redacted.
func WithSPIHooks(h hotelsdk.Hooks) SPIClientOption {
	return func(c *spiClientConfig) error { c.tc.Hooks = h; return nil }
}

// WithSPIUserAgent replaces the default User-Agent
// "hotelsdk-go/VERSION (douyin)"; "" keeps the default.
func WithSPIUserAgent(ua string) SPIClientOption {
	return func(c *spiClientConfig) error { c.tc.UserAgent = ua; return nil }
}

// WithSPIClock replaces time.Now for the signed timestamp (tests, or to
// probe a server's tolerance window).
func WithSPIClock(now func() time.Time) SPIClientOption {
	return func(c *spiClientConfig) error {
		if now == nil {
			return errors.New("douyintest: WithSPIClock: nil clock")
		}
		c.tc.Now = now
		return nil
	}
}

// WithSPILogID replaces the generator of the X-Bytedance-Logid header
// (random hex by default); it runs once per call.
func WithSPILogID(gen func() string) SPIClientOption {
	return func(c *spiClientConfig) error {
		if gen == nil {
			return errors.New("douyintest: WithSPILogID: nil generator")
		}
		c.logID = gen
		return nil
	}
}

// NewSPIClient returns a client for the integrator's SPI server at baseURL
// (the prefix the three SPI paths are appended to, e.g.
// "https://hotel.example.com/douyin"), signing with clientKey and
// clientSecret.
func NewSPIClient(baseURL, clientKey, clientSecret string, opts ...SPIClientOption) (*SPIClient, error) {
	if clientKey == "" || clientSecret == "" {
		return nil, errors.New("douyintest: NewSPIClient: client key and client secret are required")
	}
	cfg := spiClientConfig{tc: transport.Config{BaseURL: baseURL, Now: time.Now}, logID: randomLogID}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	cfg.tc.Platform = "douyin"
	cfg.tc.RedactKeys = spiRedactKeys
	tc, err := transport.New(cfg.tc)
	if err != nil {
		return nil, err
	}
	return &SPIClient{tc: tc, clientKey: clientKey, secret: clientSecret, now: cfg.tc.Now, logID: cfg.logID}, nil
}

// SPI returns an SPIClient for the integrator's SPI server at baseURL (the
// prefix the three SPI paths are appended to), signing with the Server's
// ClientKey and ClientSecret and recording every call and its reply on the
// Server (SPIExchanges). The signed timestamp is the real time unless opts
// set a clock (WithSPIClock).
func (s *Server) SPI(baseURL string, opts ...SPIClientOption) (*SPIClient, error) {
	if !s.started() {
		return nil, errNotStarted
	}
	c, err := NewSPIClient(baseURL, s.clientKey, s.clientSecret, opts...)
	if err != nil {
		return nil, err
	}
	c.rec = s
	return c, nil
}

// BaseURL returns the integrator's base URL ("" for an SPIClient not made
// by NewSPIClient).
func (c *SPIClient) BaseURL() string {
	if c.ready("") != nil {
		return ""
	}
	return c.tc.BaseURL()
}

// ready returns an error for a nil or zero-value SPIClient.
func (c *SPIClient) ready(op spi.Operation) error {
	if c == nil || c.tc == nil || c.now == nil || c.logID == nil {
		prefix := ""
		if op != "" {
			prefix = string(op) + ": "
		}
		return fmt.Errorf("douyintest: %sSPIClient not initialised: create it with NewSPIClient or Server.SPI", prefix)
	}
	return nil
}

// CommitOrder sends a commit (下单) to the integrator. It is never repeated
// once it may have reached the server (see hotelsdk.TransportError.MaybeSent). On
// success the reply carries a non-empty order_ext_id.
func (c *SPIClient) CommitOrder(ctx context.Context, req *spi.CommitOrderRequest, opts ...hotelsdk.CallOption) (*CommitOrderReply, error) {
	var out CommitOrderReply
	err := c.send(ctx, spi.OpCommitOrder, req, req.Validate, false, &out.Data, &out.Extra, opts)
	if err != nil {
		return nil, c.record(spi.OpCommitOrder, req, (*CommitOrderReply)(nil), err)
	}
	return &out, c.record(spi.OpCommitOrder, req, &out, nil)
}

// NotifyPayment sends a payment notification (支付状态通知). A successful
// reply must carry a documented status (0..3).
func (c *SPIClient) NotifyPayment(ctx context.Context, req *spi.NotifyPaymentRequest, opts ...hotelsdk.CallOption) (*NotifyPaymentReply, error) {
	var out NotifyPaymentReply
	err := c.send(ctx, spi.OpNotifyPayment, req, req.Validate, true, &out.Data, &out.Extra, opts)
	if err != nil {
		return nil, c.record(spi.OpNotifyPayment, req, (*NotifyPaymentReply)(nil), err)
	}
	return &out, c.record(spi.OpNotifyPayment, req, &out, nil)
}

// CancelOrder sends a cancellation (取消订单). A successful reply's status
// must be a documented state (0..3, 0 = accepted); a reply without status
// counts as 0.
func (c *SPIClient) CancelOrder(ctx context.Context, req *spi.CancelOrderRequest, opts ...hotelsdk.CallOption) (*CancelOrderReply, error) {
	var out CancelOrderReply
	err := c.send(ctx, spi.OpCancelOrder, req, req.Validate, true, &out.Data, &out.Extra, opts)
	if err != nil {
		return nil, c.record(spi.OpCancelOrder, req, (*CancelOrderReply)(nil), err)
	}
	return &out, c.record(spi.OpCancelOrder, req, &out, nil)
}

// record adds the call to the Server's exchanges (for a client made by
// Server.SPI) and returns err.
func (c *SPIClient) record(op spi.Operation, req, reply any, err error) error {
	if c == nil || c.rec == nil || c.tc == nil {
		return err
	}
	ex := SPIExchange{Operation: op, BaseURL: c.tc.BaseURL(), Request: req, Err: err}
	if err == nil {
		ex.Reply = reply
	}
	c.rec.mu.Lock()
	defer c.rec.mu.Unlock()
	c.rec.spi = append(c.rec.spi, ex)
	return err
}

func (c *SPIClient) send(ctx context.Context, op spi.Operation, body any, validate func() error, idempotent bool,
	data replyData, extra *douyin.Extra, opts []hotelsdk.CallOption) error {
	if err := c.ready(op); err != nil {
		return err
	}
	if err := validate(); err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	logID := c.logID()
	return c.tc.Do(ctx, &transport.Request{
		Operation:  string(op),
		Method:     http.MethodPost,
		Path:       op.Path(),
		JSON:       body,
		Idempotent: idempotent,
		Sign: func(_ context.Context, a *transport.Attempt) error {
			if logID != "" {
				a.Header.Set(lifesign.HeaderLogID, logID)
			}
			signSPIParts(c.clientKey, c.secret, a.Query, a.Header, a.Body, c.now())
			return nil
		},
		Decode: func(r *transport.Response) error { return decodeSPIReply(r, data, extra) },
	}, opts...)
}

// decodeSPIReply decodes either reply form into data and extra and turns a
// reported failure into a *douyin.APIError. On error, data and extra may be
// partly filled; callers discard them.
func decodeSPIReply(r *transport.Response, data replyData, extra *douyin.Extra) error {
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 || body[0] != '{' {
		if r.StatusCode/100 != 2 {
			return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
		}
		return r.DecodeError(errors.New("reply is not a JSON object"))
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return r.DecodeError(err)
	}
	dataRaw := json.RawMessage(body) // the flat form: data at the top level
	if d, ok := top["data"]; ok && len(bytes.TrimSpace(d)) > 0 && bytes.TrimSpace(d)[0] == '{' {
		dataRaw = d
		if e, ok := top["extra"]; ok && !isJSONNull(e) {
			if err := json.Unmarshal(e, extra); err != nil {
				return r.DecodeError(fmt.Errorf("extra: %w", err))
			}
		}
	}
	if err := json.Unmarshal(dataRaw, data); err != nil {
		return r.DecodeError(err)
	}
	if extra.LogID != "" {
		r.RequestID = extra.LogID
	}
	if code, desc := data.replyError(); code != 0 || extra.ErrorCode != 0 || extra.SubErrorCode != 0 {
		return newAPIError(r, code, desc, *extra)
	}
	if r.StatusCode/100 != 2 {
		return r.DecodeError(fmt.Errorf("HTTP status %d", r.StatusCode))
	}
	if err := checkSPIReply(dataRaw, data); err != nil {
		return r.DecodeError(err)
	}
	return nil
}

// newAPIError builds the error of a reply that reports failure: data's
// code and description, else extra's; extra's logid, else the logid header.
func newAPIError(r *transport.Response, code douyin.Code, desc string, extra douyin.Extra) *douyin.APIError {
	e := &douyin.APIError{
		Operation:      r.Operation,
		HTTPStatus:     r.StatusCode,
		ErrorCode:      code,
		Description:    desc,
		SubErrorCode:   extra.SubErrorCode,
		SubDescription: extra.SubDescription,
		RequestID:      extra.LogID,
		Raw:            append([]byte(nil), r.Body...),
	}
	if e.ErrorCode == 0 {
		e.ErrorCode = extra.ErrorCode
	}
	if e.Description == "" {
		e.Description = extra.Description
	}
	if e.RequestID == "" {
		e.RequestID = r.RequestID
	}
	return e
}

// checkSPIReply rejects a success reply that lacks what the call needs, so
// that a malformed answer never reads as a confirmation.
func checkSPIReply(raw json.RawMessage, data replyData) error {
	switch d := data.(type) {
	case *CommitOrderReplyData:
		if d.OrderExtID == "" {
			return errors.New("success reply without order_ext_id")
		}
	case *NotifyPaymentReplyData:
		var probe struct {
			Status json.RawMessage `json:"status"`
		}
		_ = json.Unmarshal(raw, &probe) // raw already decoded once
		if len(probe.Status) == 0 || isJSONNull(probe.Status) {
			return errors.New("success reply without status")
		}
		if !d.Status.Valid() {
			return fmt.Errorf("status %d is not a documented confirmation state", int(d.Status))
		}
	case *CancelOrderReplyData:
		if !d.Status.Valid() {
			return fmt.Errorf("status %d is not a documented cancel state", int(d.Status))
		}
	}
	return nil
}

func isJSONNull(b json.RawMessage) bool { return string(bytes.TrimSpace(b)) == "null" }

// randomLogID returns 32 random hex digits.
func randomLogID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// SPIExchange is one SPI call the Server made to an integrator, as Douyin
// would, and what came back.
type SPIExchange struct {
	Operation spi.Operation
	// BaseURL is the integrator's base URL the call went to.
	BaseURL string
	// Request is the *spi.CommitOrderRequest, *spi.NotifyPaymentRequest or
	// *spi.CancelOrderRequest sent.
	Request any
	// Reply is the decoded *CommitOrderReply, *NotifyPaymentReply or
	// *CancelOrderReply; nil when Err is set.
	Reply any
	// Err is the call's error (*douyin.APIError for an error reply).
	Err error
}

// SPIExchanges returns every SPI call made through the Server's SPI
// clients (Server.SPI), oldest first.
func (s *Server) SPIExchanges() []SPIExchange {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SPIExchange(nil), s.spi...)
}

// The methods below have value receivers so that an SPIClient prints
// masked both as *SPIClient and as a dereferenced SPIClient, which fmt
// would otherwise print field by field, secret included.

// String describes the client, with the client key and secret masked.
func (c SPIClient) String() string {
	return fmt.Sprintf("douyintest.SPIClient{base_url: %s, client_key: %s, client_secret: %s}",
		c.baseURL(), maskSPI(c.clientKey), maskSPI(c.secret))
}

// GoString is String in Go syntax, for %#v.
func (c SPIClient) GoString() string {
	return fmt.Sprintf("douyintest.SPIClient{BaseURL:%q, ClientKey:%q, ClientSecret:%q}",
		c.baseURL(), maskSPI(c.clientKey), maskSPI(c.secret))
}

// LogValue makes slog print the client, masked.
func (c SPIClient) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", c.baseURL()),
		slog.String("client_key", maskSPI(c.clientKey)), slog.String("client_secret", maskSPI(c.secret)))
}

func (c SPIClient) baseURL() string {
	if c.tc == nil {
		return ""
	}
	return c.tc.BaseURL()
}

// maskSPI hides a credential ("" stays "").
func maskSPI(s string) string {
	if s == "" {
		return ""
	}
	return "***"
}
