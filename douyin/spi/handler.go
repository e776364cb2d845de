package spi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

const (
	// descInternal is the description of the reply to a failed or
	// panicking Service.
	descInternal = "internal error"
	// maxLogIDLen bounds the X-Bytedance-Logid echoed in extra.logid.
	maxLogIDLen = 128
)

// errNotInitialised is the error of a Handler not made by NewHandler.
var errNotInitialised = &Error{Code: douyin.CodeUnknownError, HTTPStatus: http.StatusInternalServerError,
	Description: "SPI handler not initialised: create it with NewHandler"}

// Handler serves Douyin's three hotel-order SPI calls. It is an
// http.Handler that matches the request path by suffix, so it serves
// .../poi/ext/hotel/order/commit, .../status and .../cancel under any prefix:
//
//	mux.Handle("/douyin/", handler)
//
// For each call it checks, in order: the path (404), the method POST (405),
// a JSON content type (415), the client key, the timestamp window and the
// presence of x-life-sign (401) — all before reading the body —, then the
// body size (413), x-life-sign over the query and the body (401), the JSON
// (400), the operation's shape (400: its mandatory fields present, absent
// being different from zero, and no field that only another SPI operation
// sends — Douyin's signature does not cover the path, so this is what stops
// a signed body replayed to another endpoint) and Validate (400); then it
// calls your Service, with the request's LogID, BodySHA256 and Unverified
// set, and writes the reply. Every rejection is a reply whose data
// carries error_code douyin.CodeInvalidParameter (2100005) and a
// description that names the problem, never a value; error replies have no
// status field. It never panics. It is safe for concurrent use.
//
// The handler reads the body only from a caller that passed the header
// checks, but it cannot bound how long the connection takes: serve it from
// an http.Server with timeouts, or a slow sender holds a goroutine and a
// connection as long as it likes. Values that suit Douyin's calls (small
// bodies, a few seconds' timeout on Douyin's side):
//
//	srv := &http.Server{
//		Handler:           mux,
//		ReadHeaderTimeout: 5 * time.Second,  // headers of a call
//		ReadTimeout:       15 * time.Second, // headers and body
//		WriteTimeout:      15 * time.Second, // longer than your Service takes
//		IdleTimeout:       60 * time.Second, // below Douyin's keep-alive
//		MaxHeaderBytes:    64 << 10,
//	}
//
// examples/douyin-spi-server runs one.
type Handler struct {
	svc      Service
	cfg      config
	dispatch dispatchFunc
}

// NewHandler returns a handler calling svc. It needs WithCredentials, or
// WithInsecureSkipSignature to accept unsigned calls.
func NewHandler(svc Service, opts ...Option) (*Handler, error) {
	if svc == nil {
		return nil, errors.New("spi: NewHandler: nil Service")
	}
	cfg := config{past: defaultPastTolerance, future: defaultFutureTolerance, maxBody: defaultMaxBodyBytes, now: time.Now}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	switch {
	case cfg.insecure && cfg.secret != "":
		return nil, errors.New("spi: NewHandler: WithInsecureSkipSignature and WithCredentials exclude each other")
	case !cfg.insecure && cfg.secret == "":
		return nil, errors.New("spi: NewHandler: WithCredentials is required (or WithInsecureSkipSignature to accept unsigned calls)")
	}
	if cfg.insecure && cfg.logger != nil {
		cfg.logger.Warn("douyin spi: signature checks are off (WithInsecureSkipSignature): anyone who reaches this handler can create and cancel orders")
	}
	h := &Handler{svc: svc, cfg: cfg}
	h.dispatch = h.runService
	for _, wrap := range cfg.wrapDispatch {
		h.dispatch = wrap(h.dispatch)
	}
	return h, nil
}

// ready reports whether h was made by NewHandler.
func (h *Handler) ready() bool {
	return h != nil && h.svc != nil && h.cfg.now != nil && h.dispatch != nil
}

// call is one verified SPI call on its way to the Service: what the
// dispatch function receives.
type call struct {
	op      Operation
	body    []byte // the raw body, exactly as signed
	req     any    // *CommitOrderRequest, *NotifyPaymentRequest or *CancelOrderRequest
	orderID string
	logID   string // Douyin's X-Bytedance-Logid (bounded), "" when absent
	// rejection is the handler's own refusal of the call, if any (the
	// verdict reported to Hooks.OnEvent).
	rejection *Error
	// unverified is the signature check the call failed and was served
	// anyway (WithSignatureReportOnly), nil otherwise.
	unverified *Error
}

// reply is what goes back to Douyin, and what the log line says of it.
type reply struct {
	status int         // HTTP status
	body   []byte      // the reply's bytes
	code   douyin.Code // error_code
	reason string      // the handler's own reason for a failure, safe to log
}

// dispatchFunc turns one verified, decoded and validated call into its
// reply. Every call goes through Handler.dispatch, and only through it:
// it is the place where a ledger wraps the Service (config.wrapDispatch).
type dispatchFunc func(ctx context.Context, c *call) reply

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.ready() {
		// A handler not made by NewHandler has no credentials to check
		// calls against: refuse every call, in the wrapped form.
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"data":{"error_code":2100001,"description":"SPI handler not initialised: create it with NewHandler"}}`))
		return
	}
	start := h.cfg.now()
	c := &call{logID: logIDOf(r)}
	op, ok := operationFor(r.URL.Path)
	if !ok {
		h.finish(w, r, c, start, h.rejectReply(c, reject(http.StatusNotFound, "unknown SPI path", nil)))
		return
	}
	c.op = op
	req, body, unverified, rej := h.parse(w, r, op)
	c.unverified = unverified
	if req != nil {
		c.orderID = orderIDOf(req)
	}
	if rej != nil {
		if rej.HTTPStatus == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", http.MethodPost)
		}
		h.finish(w, r, c, start, h.rejectReply(c, rej))
		return
	}
	c.body, c.req = body, req
	h.finish(w, r, c, start, h.dispatch(r.Context(), c))
}

func orderIDOf(req any) string {
	switch q := req.(type) {
	case *CommitOrderRequest:
		return q.OrderID
	case *NotifyPaymentRequest:
		return q.OrderID
	case *CancelOrderRequest:
		return q.OrderID
	}
	return ""
}

// runService calls the Service for c and makes its reply. It is the
// handler's default dispatch function.
func (h *Handler) runService(ctx context.Context, c *call) reply {
	var data any
	var err error
	switch q := c.req.(type) {
	case *CommitOrderRequest:
		var res *CommitOrderResult
		if res, err = callService(ctx, q, h.svc.CommitOrder); err == nil && res != nil {
			data, err = commitReplyData(res)
		} else if err == nil {
			err = errNoResult(c.op)
		}
	case *NotifyPaymentRequest:
		var res *NotifyPaymentResult
		if res, err = callService(ctx, q, h.svc.NotifyPayment); err == nil && res != nil {
			data, err = paymentReplyData(res)
		} else if err == nil {
			err = errNoResult(c.op)
		}
	case *CancelOrderRequest:
		var res *CancelOrderResult
		if res, err = callService(ctx, q, h.svc.CancelOrder); err == nil && res != nil {
			data, err = cancelReplyData(res)
		} else if err == nil {
			err = errNoResult(c.op)
		}
	default:
		err = fmt.Errorf("%s: unexpected request type %T", c.op, c.req)
	}
	if err == nil {
		return h.makeReply(c, http.StatusOK, data, "")
	}
	var se *Error
	if errors.As(err, &se) && se != nil { // a typed nil *Error is a Service error
		status := http.StatusOK
		if se.HTTPStatus >= 200 && se.HTTPStatus <= 599 {
			status = se.HTTPStatus
		}
		return h.errorReply(c, &Error{HTTPStatus: status, Code: se.Code, Description: se.Description}, "")
	}
	h.reportError(ctx, c.op, err)
	noteServiceError(ctx, err)
	reason := "implementation error"
	var pe *PanicError
	if errors.As(err, &pe) {
		reason = "implementation panicked"
	}
	return h.makeReply(c, http.StatusInternalServerError,
		errorData{ErrorCode: douyin.CodeUnknownError, Description: descInternal}, reason)
}

func errNoResult(op Operation) error {
	return fmt.Errorf("%s: the Service returned neither a result nor an error", op)
}

// reportError hands err to the WithErrorHandler callback. That is
// integrator code too: a panic in it is recovered (and logged without its
// value), so the reply is still written.
func (h *Handler) reportError(ctx context.Context, op Operation, err error) {
	if h.cfg.onError == nil {
		return
	}
	defer func() {
		if p := recover(); p != nil && h.cfg.logger != nil {
			h.cfg.logger.LogAttrs(ctx, slog.LevelError, "douyin spi: the error handler panicked",
				slog.String("op", string(op)))
		}
	}()
	h.cfg.onError(ctx, op, err)
}

// callService runs the Service and turns a panic into *PanicError.
func callService[Req, Res any](ctx context.Context, req *Req, fn func(context.Context, *Req) (*Res, error)) (res *Res, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return fn(ctx, req)
}

func commitReplyData(res *CommitOrderResult) (any, error) {
	if res.OrderExtID == "" {
		return nil, errors.New("spi.commit_order: CommitOrderResult.OrderExtID is empty")
	}
	return commitData{OrderExtID: res.OrderExtID}, nil
}

func paymentReplyData(res *NotifyPaymentResult) (any, error) {
	if !res.Status.Valid() {
		return nil, fmt.Errorf("spi.notify_payment: NotifyPaymentResult.Status %d is not a documented state", int(res.Status))
	}
	return statusData{Status: int(res.Status), Balance: res.Balance, Ext: res.Ext}, nil
}

func cancelReplyData(res *CancelOrderResult) (any, error) {
	if !res.Status.Valid() {
		return nil, fmt.Errorf("spi.cancel_order: CancelOrderResult.Status %d is not a documented state", int(res.Status))
	}
	return statusData{Status: int(res.Status), Balance: res.Balance, Ext: res.Ext}, nil
}

// commitData is the data of a commit reply (PoiExtHotelOrderCommitRsp).
type commitData struct {
	OrderExtID  string      `json:"order_ext_id"`
	ErrorCode   douyin.Code `json:"error_code"`
	Description string      `json:"description"`
}

// statusData is the data of a payment or cancel reply
// (PoiExtHotelOrderStatusRsp data, which the spec's cancel reply reuses).
// Status 0 is always written.
type statusData struct {
	Status      int         `json:"status"`
	ErrorCode   douyin.Code `json:"error_code"`
	Description string      `json:"description"`
	Balance     douyin.Fen  `json:"balance"`
	Ext         string      `json:"ext"`
}

// errorData is the data of every error reply: it has no status field, so a
// rejected call can never read as 订单确认 (status 0).
type errorData struct {
	ErrorCode   douyin.Code `json:"error_code"`
	Description string      `json:"description"`
}

// errorReply makes the reply to e; a zero code is answered as
// CodeUnknownError, since an error must never read as success. reason is
// logged.
func (h *Handler) errorReply(c *call, e *Error, reason string) reply {
	code := e.Code
	if code == 0 {
		code = douyin.CodeUnknownError
	}
	return h.makeReply(c, e.HTTPStatus, errorData{ErrorCode: code, Description: e.Description}, reason)
}

// rejectReply makes the reply to a rejection of the handler itself; its
// description is the logged reason.
func (h *Handler) rejectReply(c *call, e *Error) reply {
	c.rejection = e
	return h.errorReply(c, e, e.Description)
}

// makeReply encodes data in the configured form.
func (h *Handler) makeReply(c *call, status int, data any, reason string) reply {
	var code douyin.Code
	var desc string
	switch d := data.(type) {
	case errorData:
		code, desc = d.ErrorCode, d.Description
	}
	var extra *douyin.Extra
	if !h.cfg.flat {
		logID := c.logID
		if logID == "" {
			logID = randomLogID()
		}
		extra = &douyin.Extra{ErrorCode: code, Description: desc, LogID: logID, Now: h.cfg.now().UnixMilli()}
	}
	b, err := encodeReply(data, extra)
	if err != nil { // cannot happen with these types; never answer a half reply
		status = http.StatusInternalServerError
		code = douyin.CodeUnknownError
		b = []byte(`{"error_code":2100001,"description":"internal error"}`)
	}
	return reply{status: status, body: b, code: code, reason: reason}
}

// finish writes rep and logs the call.
func (h *Handler) finish(w http.ResponseWriter, r *http.Request, c *call, start time.Time, rep reply) {
	// Both values in one allocation, each its own full slice (an append
	// to one never reaches the other).
	vals := [...]string{"application/json; charset=utf-8", "no-store"}
	hdr := w.Header()
	hdr["Content-Type"] = vals[0:1:1]
	hdr["Cache-Control"] = vals[1:2:2]
	w.WriteHeader(rep.status)
	_, _ = w.Write(rep.body)
	h.log(r, c, start, rep)
	h.emitVerdict(r.Context(), c, rep)
}

func (h *Handler) log(r *http.Request, c *call, start time.Time, rep reply) {
	if h.cfg.logger == nil {
		return
	}
	level := slog.LevelInfo
	switch {
	case rep.status >= 500:
		level = slog.LevelError
	case rep.status >= 400 || rep.code != 0:
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("op", string(c.op)), slog.String("path", r.URL.Path),
		slog.Int("status", rep.status), slog.Int64("error_code", int64(rep.code)),
		slog.Duration("duration", h.cfg.now().Sub(start)),
	}
	if c.orderID != "" {
		attrs = append(attrs, slog.String("order_id", c.orderID))
	}
	if c.logID != "" {
		attrs = append(attrs, slog.String("logid", c.logID))
	}
	if rep.reason != "" {
		attrs = append(attrs, slog.String("reason", rep.reason))
	}
	if c.unverified != nil {
		attrs = append(attrs, slog.String("signature", rejectionReason(c.unverified)))
	}
	h.cfg.logger.LogAttrs(r.Context(), level, "douyin spi", attrs...)
}

// randomLogID returns 32 random hex digits.
func randomLogID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
