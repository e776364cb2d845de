package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/callopt"
)

// DefaultMaxBodyBytes bounds a response body read by the transport (8 MiB).
const DefaultMaxBodyBytes = 8 << 20

// Config configures a Client. Only BaseURL is required.
type Config struct {
	// Platform names the package ("douyin"): it prefixes errors and logs
	// and goes into the User-Agent.
	Platform string
	BaseURL  string
	// HTTPClient is used for every request. The transport works on a
	// shallow copy, so the caller's client is never modified. When nil,
	// a client with DefaultHTTPTransport is used.
	HTTPClient *http.Client
	// RoundTripper replaces the HTTP client's transport (e.g. an
	// httpmock.MockTransport, or instrumentation).
	RoundTripper http.RoundTripper
	// CookieJar is kept by this client alone; nil means no cookies.
	CookieJar http.CookieJar
	// UserAgent replaces the default "hotelsdk-go/VERSION (platform)".
	UserAgent string
	Retry     hotelsdk.RetryPolicy
	// MaxBodyBytes bounds a response body (default DefaultMaxBodyBytes).
	MaxBodyBytes int64
	// Logger receives one line per attempt, redacted. nil is silent.
	Logger *slog.Logger
	Hooks  hotelsdk.Hooks
	// RedactKeys are extra names whose values are masked in logs and hooks.
	RedactKeys []string
	// RequestIDHeaders are response headers that carry a request id, tried
	// in order (default X-Tt-Logid, X-Request-Id).
	RequestIDHeaders []string

	// Sleep and Jitter replace time-based waiting in tests.
	Sleep  func(ctx context.Context, d time.Duration) error
	Jitter func(n int64) int64
	Now    func() time.Time
}

// Client sends Requests. It is safe for concurrent use.
type Client struct {
	// cfg is behind a pointer so that printing a value that holds a
	// Client (fmt's %s of a package Client value) shows an address, not
	// the base URL's password.
	cfg      *Config
	resty    *resty.Client
	redactor Redactor
	// budget is the client's retry budget, nil when disabled (budget.go).
	budget *retryBudget
	// traced is true when the HTTP client's transport is an *http.Transport,
	// which reports every connection to httptrace's GotConn before writing
	// (written.go).
	traced bool
	// owned is the transport New made, nil when the caller gave one;
	// closed is set by Close.
	owned  *http.Transport
	closed atomic.Bool
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		return nil, fmt.Errorf("%sbase URL is required", prefix(cfg.Platform, ""))
	}
	if !strings.HasPrefix(cfg.BaseURL, "http://") && !strings.HasPrefix(cfg.BaseURL, "https://") {
		return nil, fmt.Errorf("%sbase URL must start with http:// or https://", prefix(cfg.Platform, ""))
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	}
	if cfg.RoundTripper != nil {
		hc.Transport = cfg.RoundTripper
	}
	// Without a transport of the caller's, the client makes its own and so
	// owns its connection pool, which Close releases.
	var owned *http.Transport
	if hc.Transport == nil {
		owned = hotelsdk.DefaultHTTPTransport()
		hc.Transport = owned
	}
	hc.Jar = nil // set below through resty, on our copy only
	// API calls follow no redirects (issue 10 §0, §1): a followed redirect
	// sends the credentials and the body to the host the answer names, and
	// a 307/308 sends a write again. The 3xx answer comes back to attempt,
	// which turns it into a *hotelsdk.RedirectError. Our copy only: the
	// caller's client keeps its own policy.
	hc.CheckRedirect = noRedirects
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = userAgent(cfg.Platform)
	}
	if len(cfg.RequestIDHeaders) == 0 {
		cfg.RequestIDHeaders = []string{"X-Tt-Logid", "X-Request-Id"}
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleepCtx
	}
	if cfg.Jitter == nil {
		cfg.Jitter = defaultJitter
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if err := cfg.Retry.Validate(); err != nil {
		return nil, fmt.Errorf("%s%w", prefix(cfg.Platform, ""), err)
	}
	cfg.Retry = withDefaults(cfg.Retry)

	rc := resty.NewWithClient(&hc).
		SetCookieJar(cfg.CookieJar). // resty.New would install a jar; we keep none unless asked
		SetLogger(silentLogger{}).   // resty's logger prints full URLs, tokens included
		SetDebug(false).
		SetDisableWarn(true).
		SetRetryCount(0). // the loop in Do decides every retry
		SetDoNotParseResponse(true).
		SetHeader("User-Agent", cfg.UserAgent).
		SetPreRequestHook(noReplayBelow)
	_, traced := hc.Transport.(*http.Transport)
	return &Client{cfg: &cfg, resty: rc, redactor: Redactor{Extra: cfg.RedactKeys}, traced: traced,
		budget: newRetryBudget(cfg.Retry.Budget), owned: owned}, nil
}

// Close releases the idle connections of the connection pool the client
// made for itself (when Config gave neither a round tripper nor an
// *http.Client with a transport); a caller's transport is left alone.
// After Close, Closed reports true; the packages' methods then fail. Close
// is idempotent and safe on a nil Client.
func (c *Client) Close() {
	if c == nil || c.closed.Swap(true) {
		return
	}
	if c.owned != nil {
		c.owned.CloseIdleConnections()
	}
}

// Closed reports whether Close was called.
func (c *Client) Closed() bool { return c != nil && c.closed.Load() }

// BaseURL returns the configured base URL without a trailing slash.
func (c *Client) BaseURL() string { return c.cfg.BaseURL }

// Platform returns the configured platform name.
func (c *Client) Platform() string { return c.cfg.Platform }

// Redactor returns the client's redactor.
func (c *Client) Redactor() Redactor { return c.redactor }

// Do performs req, attempting it as the retry policy and its idempotency
// allow, and returns the error of the last attempt. Decode is responsible
// for filling the caller's result; Do returns nil only when Decode did.
func (c *Client) Do(ctx context.Context, req *Request, opts ...hotelsdk.CallOption) error {
	if c == nil || c.resty == nil {
		return errors.New("hotelsdk: client not initialised: create it with NewClient")
	}
	if req == nil {
		return &hotelsdk.ValidationError{Problems: []hotelsdk.FieldError{{Message: "request is nil"}}}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	var cc callopt.Settings
	for _, o := range opts {
		if o != nil {
			o(&cc)
		}
	}
	policy := c.cfg.Retry
	if p, ok := cc.Policy.(*hotelsdk.RetryPolicy); ok && p != nil {
		if err := p.Validate(); err != nil {
			var pe *hotelsdk.RetryPolicyError
			errors.As(err, &pe)
			return &hotelsdk.ValidationError{Platform: c.cfg.Platform, Operation: req.Operation,
				Problems: []hotelsdk.FieldError{{Field: "RetryPolicy." + pe.Field, Message: pe.Problem}}}
		}
		policy = withDefaults(*p)
	}
	body, contentType, err := req.encodeBody()
	if err != nil {
		return &hotelsdk.ValidationError{Platform: c.cfg.Platform, Operation: req.Operation,
			Problems: []hotelsdk.FieldError{{Message: "cannot encode request body: " + err.Error()}}}
	}

	call := hotelsdk.CallInfo{Platform: c.cfg.Platform, Operation: req.Operation, Idempotent: req.Idempotent}
	h := c.cfg.Hooks
	if h.OnCallStart == nil && h.OnCallEnd == nil {
		_, _, err := c.run(ctx, req, &cc, policy, body, contentType)
		return err
	}
	start := c.cfg.Now()
	if h.OnCallStart != nil {
		if nctx := h.OnCallStart(ctx, call); nctx != nil {
			ctx = nctx
		}
	}
	attempts, requestID, err := c.run(ctx, req, &cc, policy, body, contentType)
	if h.OnCallEnd != nil {
		h.OnCallEnd(ctx, call, hotelsdk.CallResult{Attempts: attempts, Err: err, RequestID: requestID,
			Duration: c.cfg.Now().Sub(start), OutcomeUnknown: !req.Idempotent && hotelsdk.OutcomeUnknown(err)})
	}
	return err
}

// run is the attempt loop of Do. It returns the call's error, the number of
// attempts made and the request id of the last answer. Whether a failed
// attempt may be followed by another is decided by shouldRetry alone; the
// client's retry budget (budget.go) then says whether it can be paid for.
func (c *Client) run(ctx context.Context, req *Request, cc *callopt.Settings, policy hotelsdk.RetryPolicy,
	body []byte, contentType string) (attempts int, requestID string, err error) {
	var lastErr error
	anySent := false   // some attempt may have reached the server
	var lastCost int64 // what the last retry took from the budget
	for attempt := 1; ; attempt++ {
		if err := ctx.Err(); err != nil {
			if lastErr != nil { // the context ended as the backoff wait did
				return attempt - 1, requestID, c.cancelledInBackoff(ctx, nil, req, attempt-1, anySent, lastErr)
			}
			return attempt - 1, requestID, c.transportError(req, attempt-1, false, err)
		}
		a, out := c.attempt(ctx, req, cc, policy, attempt, body, contentType)
		if out.resp != nil && out.resp.RequestID != "" {
			requestID = out.resp.RequestID
		}
		if out.err == nil {
			c.budget.succeeded(lastCost)
			c.observeResponse(out.ctx, req, a, out, false, "")
			return attempt, requestID, nil
		}
		lastErr = out.err
		anySent = anySent || out.maybeSent
		wait := backoff(policy, attempt+1, c.cfg.Jitter)
		if out.retryAfter > wait {
			wait = out.retryAfter
		}
		retry, reason := shouldRetry(retryInput{
			ctx: ctx, now: c.cfg.Now(), idempotent: req.Idempotent,
			attempt: attempt, policy: policy, out: out, wait: wait,
		})
		if retry { // allowed; can the client's retry budget pay for it?
			lastCost, retry, reason = c.budget.afford(out, reason)
		}
		c.observeResponse(out.ctx, req, a, out, retry, reason)
		if !retry {
			var te *hotelsdk.TransportError
			if errors.As(lastErr, &te) {
				te.RetryReason = reason
			}
			return attempt, requestID, lastErr
		}
		if err := c.cfg.Sleep(ctx, wait); err != nil {
			return attempt, requestID, c.cancelledInBackoff(ctx, err, req, attempt, anySent, lastErr)
		}
	}
}

// outcome is what one attempt produced: its error (nil on success) and the
// facts shouldRetry decides on.
type outcome struct {
	// ctx is the attempt's context (OnAttemptStart may have extended it).
	ctx context.Context
	err error
	// kind says where the attempt failed.
	kind failureKind
	// cause is the transport-level cause for kindTransport and kindRead.
	cause error
	// maybeSent is true when the request may have reached the server.
	maybeSent bool
	// notWritten says why a transport failure provably wrote nothing
	// (written.go); staleConn is true when the connection was a reused one.
	notWritten string
	staleConn  bool
	// resp is the answer, nil when none arrived.
	resp       *Response
	retryAfter time.Duration
	duration   time.Duration
}

// failureKind classifies where an attempt failed.
type failureKind int

const (
	kindNone      failureKind = iota
	kindSign                  // the signer failed: nothing was sent
	kindTransport             // no answer: dial, connection, TLS, timeout
	kindRead                  // the answer's body could not be read to its end
	kindTooLarge              // the answer's body exceeds the size limit
	kindAnswer                // an answer arrived and was decoded (or refused by Decode)
	kindRedirect              // the answer is a redirect, never followed
)

func (c *Client) attempt(ctx context.Context, req *Request, cc *callopt.Settings, policy hotelsdk.RetryPolicy,
	n int, body []byte, contentType string) (*Attempt, outcome) {
	a := &Attempt{
		Number: n,
		Method: req.Method,
		Path:   req.Path,
		Query:  cloneValues(req.Query),
		Header: req.Header.Clone(),
		Body:   body,
	}
	if a.Header == nil {
		a.Header = http.Header{}
	}
	for k, vs := range cc.Header {
		a.Header[k] = append(a.Header[k], vs...)
	}
	if contentType != "" && a.Header.Get("Content-Type") == "" {
		a.Header.Set("Content-Type", contentType)
	}
	if req.Sign != nil {
		if err := req.Sign(ctx, a); err != nil {
			// A signer failure (e.g. no token) is final: nothing was sent.
			return a, outcome{ctx: ctx, err: err, kind: kindSign}
		}
	}

	if h := c.cfg.Hooks.OnAttemptStart; h != nil {
		if nctx := h(ctx, c.requestInfo(req, a, true)); nctx != nil {
			ctx = nctx // this attempt's request and its OnResponse run under it
		}
	}
	actx, cancel := context.WithTimeout(ctx, policy.PerAttemptTimeout)
	defer cancel()
	at := a.traced() // lives in a: no allocation of its own
	actx = httptrace.WithClientTrace(actx, &at.trace)
	if !req.Idempotent {
		actx = context.WithValue(actx, noReplayKey{}, true)
	}
	r := c.resty.R().SetContext(actx).SetQueryParamsFromValues(a.Query)
	r.Header = a.Header // the attempt's own copy: no second copy needed
	if a.Body != nil {
		// A *bytes.Reader goes to http.NewRequest as it is (which sets
		// ContentLength and GetBody from it); a []byte would be copied
		// into resty's buffer and then into a new bytes.Buffer.
		a.body.Reset(a.Body)
		r.SetBody(&a.body)
	}
	c.observeRequest(ctx, req, a)
	presetAccept(a.Header)
	start := c.cfg.Now()
	rresp, err := r.Execute(a.Method, c.cfg.BaseURL+a.Path)
	dur := c.cfg.Now().Sub(start)

	if err != nil {
		cause := cleanURLError(err)
		if ctx.Err() != nil { // the caller's context ended
			cause = ctx.Err()
		}
		out := outcome{ctx: ctx, kind: kindTransport, cause: cause, maybeSent: !neverSent(cause), duration: dur}
		if out.maybeSent {
			if why, stale := at.notWritten(c.traced); why != "" {
				out.maybeSent, out.notWritten, out.staleConn = false, why, stale
			}
		}
		out.err = c.transportError(req, n, out.maybeSent, cause)
		return a, out
	}

	raw := rresp.RawBody()
	var sizeHint int64 = -1
	if rresp.RawResponse != nil {
		sizeHint = rresp.RawResponse.ContentLength
	}
	data, readErr := readLimited(raw, c.cfg.MaxBodyBytes, sizeHint)
	if raw != nil {
		raw.Close()
	}
	resp := &Response{
		Platform:   c.cfg.Platform,
		Operation:  req.Operation,
		Attempt:    n,
		StatusCode: rresp.StatusCode(),
		Header:     rresp.Header(),
		Body:       data,
		Duration:   dur,
		RequestID:  c.requestID(rresp.Header()),
		idempotent: req.Idempotent,
		echo:       c.echoOf(req, a),
	}
	out := outcome{ctx: ctx, resp: resp, maybeSent: true, duration: dur, kind: kindAnswer}
	if isRedirect(resp.StatusCode) {
		out.kind = kindRedirect
		out.err = &hotelsdk.RedirectError{Platform: c.cfg.Platform, Operation: req.Operation, Method: req.Method,
			Path: req.Path, StatusCode: resp.StatusCode, Host: redirectHost(rresp.RawResponse, resp.Header),
			Idempotent: req.Idempotent}
		return a, out
	}
	if readErr != nil {
		if errors.Is(readErr, errBodyTooLarge) {
			out.kind, out.err = kindTooLarge, resp.DecodeError(readErr)
			return a, out
		}
		cause := readErr
		if ctx.Err() != nil {
			cause = ctx.Err()
		}
		out.kind, out.cause = kindRead, cause
		out.err = c.transportError(req, n, true, cause)
		return a, out
	}

	out.err = c.decode(req, resp)
	if out.err != nil && !req.Idempotent && resp.StatusCode >= 500 && !hotelsdk.OutcomeUnknown(out.err) {
		// A gateway or server failure after a write: whatever the body
		// says, the request may have been processed (CONTRACTS §3).
		out.err = &unknownOutcome{err: out.err}
	}
	if retryableStatus(resp.StatusCode) {
		out.retryAfter, _ = retryAfter(resp.Header, c.cfg.Now())
		if out.err == nil && req.Idempotent && n < policy.MaxAttempts {
			// A 5xx that decodes as success is still a failure while
			// another attempt may do better.
			out.err = resp.DecodeError(fmt.Errorf("HTTP status %d", resp.StatusCode))
		}
	}
	return a, out
}

func (c *Client) decode(req *Request, resp *Response) (err error) {
	if req.Decode == nil {
		if resp.StatusCode/100 == 2 {
			return nil
		}
		return resp.DecodeError(fmt.Errorf("HTTP status %d", resp.StatusCode))
	}
	defer func() { // a decoder must never take the caller down
		if p := recover(); p != nil {
			err = resp.DecodeError(fmt.Errorf("decoder panic: %v", p))
		}
	}()
	return req.Decode(resp)
}

func (c *Client) requestID(h http.Header) string {
	for _, k := range c.cfg.RequestIDHeaders {
		if v := h.Get(k); v != "" {
			return v
		}
	}
	return ""
}

func (c *Client) transportError(req *Request, attempts int, maybeSent bool, cause error) *hotelsdk.TransportError {
	return &hotelsdk.TransportError{
		Platform: c.cfg.Platform, Operation: req.Operation, Method: req.Method, Path: req.Path,
		Attempts: attempts, MaybeSent: maybeSent, Idempotent: req.Idempotent, Err: cause,
	}
}

// encodeBody returns the exact bytes every attempt starts from.
func (req *Request) encodeBody() ([]byte, string, error) {
	switch {
	case req.JSON != nil:
		b, err := json.Marshal(req.JSON)
		return b, firstNonEmpty(req.ContentType, "application/json"), err
	case req.Form != nil:
		return []byte(req.Form.Encode()), firstNonEmpty(req.ContentType, "application/x-www-form-urlencoded"), nil
	case req.Body != nil:
		return req.Body, req.ContentType, nil
	}
	return nil, req.ContentType, nil
}

var errBodyTooLarge = errors.New("response body exceeds the size limit")

// presetAccept sets what resty would set on a JSON request without an
// Accept header, Accept: application/json, without resty's regular
// expression over the Content-Type on every request. Any other content
// type is left to resty.
func presetAccept(h http.Header) {
	if ct := h["Content-Type"]; len(ct) == 1 && ct[0] == "application/json" && len(h["Accept"]) == 0 {
		h["Accept"] = []string{"application/json"}
	}
}

// maxPresize bounds the buffer readLimited makes from an announced length
// before a byte arrived: a larger body grows the buffer as it comes.
const maxPresize = 64 << 10

// readLimited reads r to its end, at most limit bytes: a longer body
// returns its first limit bytes and errBodyTooLarge. sizeHint is the
// announced length (-1 when unknown): a small body that keeps its word is
// read into one allocation of the right size.
func readLimited(r io.Reader, limit, sizeHint int64) ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	size := int64(512)
	if sizeHint >= 0 && sizeHint < maxPresize {
		size = sizeHint + 1 // room for the read that sees the end
	}
	size = min(size, limit+1)
	b := make([]byte, 0, size)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow as append does
		}
		room := b[len(b):cap(b)]
		if left := limit + 1 - int64(len(b)); int64(len(room)) > left {
			room = room[:left]
		}
		n, err := r.Read(room)
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return b[:limit], errBodyTooLarge
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func cloneValues(v map[string][]string) map[string][]string {
	out := make(map[string][]string, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// silentLogger discards resty's own log output.
type silentLogger struct{}

func (silentLogger) Errorf(string, ...any) {}
func (silentLogger) Warnf(string, ...any)  {}
func (silentLogger) Debugf(string, ...any) {}
