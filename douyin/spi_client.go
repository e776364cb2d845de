package douyin

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// SPIClient calls an integrator's SPI endpoints exactly as Douyin does:
// a JSON POST whose query carries client_key and timestamp (ms) and whose
// headers carry x-life-clientkey and x-life-sign (see SignSPI), plus an
// X-Bytedance-Logid. Use it to test your own SPI server end to end; the
// douyintest sandbox uses it to play Douyin.
//
// Replies are accepted in both forms: the spec's wrapped
// {"data":{...},"extra":{...}} and the flat {"order_ext_id":...,
// "error_code":0,"description":""}. A reply whose error_code (in data or
// extra) is non-zero is an *APIError; a reply that is not the documented JSON
// is a *DecodeError; a failure below HTTP is a *TransportError.
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
}

// SPIClientOption configures an SPIClient.
type SPIClientOption func(*spiClientConfig) error

type spiClientConfig struct {
	// tc holds the settings shared with the transport; NewSPIClient
	// completes it and passes it to transport.New.
	tc    transport.Config
	logID func() string
}

// WithSPIClientHTTPClient sends through hc (its transport and timeout). The
// client is copied, never modified.
func WithSPIClientHTTPClient(hc *http.Client) SPIClientOption {
	return func(c *spiClientConfig) error { return setHTTPClient(&c.tc, "WithSPIClientHTTPClient", hc) }
}

// WithSPIClientTransport sends through rt, e.g. an httpmock transport.
func WithSPIClientTransport(rt http.RoundTripper) SPIClientOption {
	return func(c *spiClientConfig) error { return setTransport(&c.tc, "WithSPIClientTransport", rt) }
}

// WithSPIClientLogger logs one redacted line per attempt.
func WithSPIClientLogger(l *slog.Logger) SPIClientOption {
	return func(c *spiClientConfig) error { c.tc.Logger = l; return nil }
}

// WithSPIClientRetryPolicy replaces the default retry policy (3 attempts,
// full-jitter backoff); zero fields keep their defaults, negative ones are
// an error. A commit is never repeated once it may have been sent.
func WithSPIClientRetryPolicy(p RetryPolicy) SPIClientOption {
	return func(c *spiClientConfig) error { return setRetryPolicy(&c.tc, "WithSPIClientRetryPolicy", p) }
}

// WithSPIClientHooks receives every attempt, redacted.
func WithSPIClientHooks(h Hooks) SPIClientOption {
	return func(c *spiClientConfig) error { c.tc.Hooks = h; return nil }
}

// WithSPIClientUserAgent replaces the default User-Agent
// "hotelsdk-go/VERSION (douyin)"; "" keeps the default.
func WithSPIClientUserAgent(ua string) SPIClientOption {
	return func(c *spiClientConfig) error { c.tc.UserAgent = ua; return nil }
}

// WithSPIClientClock replaces time.Now for the signed timestamp (tests, or
// to probe a server's tolerance window).
func WithSPIClientClock(now func() time.Time) SPIClientOption {
	return func(c *spiClientConfig) error { return setClock(&c.tc, "WithSPIClientClock", now) }
}

// WithSPIClientLogID replaces the generator of the X-Bytedance-Logid header
// (random hex by default); it runs once per call.
func WithSPIClientLogID(gen func() string) SPIClientOption {
	return func(c *spiClientConfig) error {
		if gen == nil {
			return errors.New("douyin: WithSPIClientLogID: nil generator")
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
		return nil, errors.New("douyin: NewSPIClient: client key and client secret are required")
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
	cfg.tc.Platform = platform
	cfg.tc.RedactKeys = redactKeys
	tc, err := transport.New(cfg.tc)
	if err != nil {
		return nil, err
	}
	return &SPIClient{tc: tc, clientKey: clientKey, secret: clientSecret, now: cfg.tc.Now, logID: cfg.logID}, nil
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
func (c *SPIClient) ready(op SPIOperation) error {
	if c == nil || c.tc == nil || c.now == nil || c.logID == nil {
		return notInitialised(string(op), "SPIClient", "NewSPIClient")
	}
	return nil
}

// CommitOrder sends a commit (下单) to the integrator. It is never repeated
// once it may have reached the server (see TransportError.MaybeSent). On
// success the reply carries a non-empty order_ext_id.
func (c *SPIClient) CommitOrder(ctx context.Context, req *CommitOrderRequest, opts ...CallOption) (*CommitOrderReply, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	var out CommitOrderReply
	if err := c.call(ctx, SPICommitOrder, req, false, &out.Data, &out.Extra, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// NotifyPayment sends a payment-status notification (支付状态通知). A
// successful reply must carry a documented status (0..3).
func (c *SPIClient) NotifyPayment(ctx context.Context, req *PaymentStatusRequest, opts ...CallOption) (*PaymentStatusReply, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	var out PaymentStatusReply
	if err := c.call(ctx, SPINotifyPayment, req, true, &out.Data, &out.Extra, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// CancelOrder sends a cancellation (取消订单). A successful reply's status
// must be 0 (接受取消); a reply without status counts as 0.
func (c *SPIClient) CancelOrder(ctx context.Context, req *CancelOrderRequest, opts ...CallOption) (*CancelOrderReply, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	var out CancelOrderReply
	if err := c.call(ctx, SPICancelOrder, req, true, &out.Data, &out.Extra, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *SPIClient) call(ctx context.Context, op SPIOperation, body any, idempotent bool,
	data spiReplyData, extra *Extra, opts []CallOption) error {
	if err := c.ready(op); err != nil {
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
				a.Header.Set(SPIHeaderLogID, logID)
			}
			signSPIParts(c.clientKey, c.secret, a.Query, a.Header, a.Body, c.now())
			return nil
		},
		Decode: func(r *transport.Response) error { return decodeSPIReply(r, op, data, extra) },
	}, opts...)
}

// decodeSPIReply decodes either reply form into data and extra and turns a
// reported failure into an *APIError. On error, data and extra may be partly
// filled; callers discard them.
func decodeSPIReply(r *transport.Response, op SPIOperation, data spiReplyData, extra *Extra) error {
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
	if code, desc := data.replyError(); failed(code, *extra) {
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

// checkSPIReply rejects a success reply that lacks what the call needs, so
// that a malformed answer never reads as a confirmation.
func checkSPIReply(raw json.RawMessage, data spiReplyData) error {
	switch d := data.(type) {
	case *CommitOrderReplyData:
		if d.OrderExtID == "" {
			return errors.New("success reply without order_ext_id")
		}
	case *PaymentStatusReplyData:
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
		if d.Status != CancelStatusAccepted {
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
