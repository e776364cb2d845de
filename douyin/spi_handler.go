package douyin

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// SPI is what an integrator implements to serve Douyin's hotel-order SPI.
// The handler calls it only with a request that passed the signature,
// timestamp and shape checks and Validate.
//
// Return a result and a nil error to answer success. Return an *SPIError
// (or an error wrapping one) to answer a business failure with your own
// error_code and description (HTTP 200). Any other error, a nil result or a
// panic is answered as CodeUnknownError "internal error" with HTTP 500, so
// that Douyin tries again; its text is never sent nor logged by the handler
// (see WithSPIErrorHandler to see it).
//
// Douyin repeats payment notifications and cancellations until they are
// answered, and may repeat a commit: make all three idempotent on OrderID.
type SPI interface {
	// CommitOrder creates the order (下单) and returns its id on your side.
	CommitOrder(ctx context.Context, req *CommitOrderRequest) (*CommitOrderResult, error)
	// NotifyPayment takes a payment notification (支付状态通知) and returns
	// the order's confirmation state.
	NotifyPayment(ctx context.Context, req *PaymentStatusRequest) (*PaymentStatusResult, error)
	// CancelOrder cancels the order (取消订单).
	CancelOrder(ctx context.Context, req *CancelOrderRequest) (*CancelOrderResult, error)
}

// CommitOrderResult is a successful commit.
type CommitOrderResult struct {
	// OrderExtID is your order id (order_ext_id); required.
	OrderExtID string
}

// PaymentStatusResult is the answer to a payment notification.
type PaymentStatusResult struct {
	// Status is the order's confirmation state; its zero value,
	// ConfirmStatusConfirmed (订单确认), is sent as 0.
	Status ConfirmStatus
	// Balance is an amount in fen (the spec calls it 金额 and says no more).
	Balance Fen
	// Ext is free-form extra information (附加信息).
	Ext string
}

// CancelOrderResult is the answer to a cancellation.
type CancelOrderResult struct {
	// Status is CancelStatusAccepted (0, 接受取消), the only documented value.
	Status CancelStatus
	// Balance is an amount in fen (the spec says no more).
	Balance Fen
	// Ext is free-form extra information (附加信息).
	Ext string
}

// SPIError is returned by an SPI implementation to answer a business
// failure: the reply carries Code as error_code and Description as
// description, with HTTP 200. Description is sent to Douyin as is: keep
// personal data out of it.
type SPIError struct {
	// Code is the reply's error_code; 0 is answered as CodeUnknownError,
	// since an error must never read as success.
	Code Code
	// Description is the reply's description.
	Description string
}

// Error returns the code and description.
func (e *SPIError) Error() string {
	if e == nil {
		return "douyin: <nil *SPIError>"
	}
	if e.Description == "" {
		return fmt.Sprintf("douyin: SPI error_code %d", e.Code)
	}
	return fmt.Sprintf("douyin: SPI error_code %d (%s)", e.Code, e.Description)
}

// SPIPanicError is what the error handler (WithSPIErrorHandler) receives
// when the SPI implementation panicked.
type SPIPanicError struct {
	// Value is what the implementation panicked with.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
}

// Error includes the panic's value: log it only where that is safe.
func (e *SPIPanicError) Error() string {
	if e == nil {
		return "douyin: <nil *SPIPanicError>"
	}
	return fmt.Sprintf("douyin: SPI implementation panicked: %v", e.Value)
}

// SPIReplyForm selects how the handler writes its replies.
type SPIReplyForm int

const (
	// SPIReplyWrapped is the spec's form, the default:
	// {"data":{"order_ext_id":"…","error_code":0,"description":""},"extra":{…,"logid":"…","now":…}}.
	SPIReplyWrapped SPIReplyForm = iota
	// SPIReplyFlat is the form three other SDKs use: the data object alone,
	// {"order_ext_id":"…","error_code":0,"description":""}.
	SPIReplyFlat
)

// Defaults of the SPI handler.
const (
	DefaultSPITimestampTolerance = 5 * time.Minute
	DefaultSPIMaxBodyBytes       = 1 << 20 // 1 MiB
)

const (
	// spiDescInternal is the description of the reply to a failed or
	// panicking implementation.
	spiDescInternal = "internal error"
	// maxSPILogIDLen bounds the X-Bytedance-Logid echoed in extra.logid.
	maxSPILogIDLen = 128
)

// SPIOption configures an SPIHandler.
type SPIOption func(*spiConfig) error

type spiConfig struct {
	clientKey, secret string
	insecure          bool
	tolerance         time.Duration
	maxBody           int64
	now               func() time.Time
	form              SPIReplyForm
	logger            *slog.Logger
	onError           func(ctx context.Context, op SPIOperation, err error)
}

// WithSPICredentials verifies every call against your app's client key
// (x-life-clientkey and the client_key query parameter) and client secret
// (x-life-sign). One of it and WithInsecureSkipSignature is required.
func WithSPICredentials(clientKey, clientSecret string) SPIOption {
	return func(c *spiConfig) error {
		if clientKey == "" || clientSecret == "" {
			return errors.New("douyin: WithSPICredentials: client key and client secret are required")
		}
		c.clientKey, c.secret = clientKey, clientSecret
		return nil
	}
}

// WithInsecureSkipSignature accepts calls without checking the client key,
// the signature or the timestamp. Anyone who can reach the handler can then
// create and cancel orders: use it only behind something that authenticates
// Douyin for you, or in local tests.
func WithInsecureSkipSignature() SPIOption {
	return func(c *spiConfig) error { c.insecure = true; return nil }
}

// WithSPITimestampTolerance sets how far the call's timestamp may be from
// the handler's clock, either way (default 5 minutes).
func WithSPITimestampTolerance(d time.Duration) SPIOption {
	return func(c *spiConfig) error {
		if d <= 0 {
			return errors.New("douyin: WithSPITimestampTolerance: tolerance must be positive")
		}
		c.tolerance = d
		return nil
	}
}

// WithSPIClock replaces time.Now (for the timestamp check and extra.now).
func WithSPIClock(now func() time.Time) SPIOption {
	return func(c *spiConfig) error {
		if now == nil {
			return errors.New("douyin: WithSPIClock: nil clock")
		}
		c.now = now
		return nil
	}
}

// WithSPIMaxBodyBytes limits the request body (default 1 MiB); a larger
// body is answered 413.
func WithSPIMaxBodyBytes(n int64) SPIOption {
	return func(c *spiConfig) error {
		if n <= 0 {
			return errors.New("douyin: WithSPIMaxBodyBytes: limit must be positive")
		}
		c.maxBody = n
		return nil
	}
}

// WithSPIReplyForm selects the reply form (default SPIReplyWrapped).
func WithSPIReplyForm(f SPIReplyForm) SPIOption {
	return func(c *spiConfig) error {
		if f != SPIReplyWrapped && f != SPIReplyFlat {
			return fmt.Errorf("douyin: WithSPIReplyForm: unknown form %d", int(f))
		}
		c.form = f
		return nil
	}
}

// WithSPILogger logs one line per call: operation, order_id, HTTP status,
// error_code, the handler's own reason for a rejection, Douyin's logid and
// the duration. Never a name, a phone number, a signature or the text of an
// error your implementation returned.
func WithSPILogger(l *slog.Logger) SPIOption {
	return func(c *spiConfig) error { c.logger = l; return nil }
}

// WithSPIErrorHandler receives every error of your implementation that the
// handler answered as "internal error": a plain error, a nil result, an
// invalid result, or an *SPIPanicError. It is where you log them, knowing
// what they may contain.
func WithSPIErrorHandler(f func(ctx context.Context, op SPIOperation, err error)) SPIOption {
	return func(c *spiConfig) error { c.onError = f; return nil }
}

// SPIHandler serves Douyin's three hotel-order SPI calls. It is an
// http.Handler that matches the request path by suffix, so it serves
// .../poi/ext/hotel/order/commit, .../status and .../cancel under any prefix:
//
//	mux.Handle("/douyin/", spiHandler)
//
// For each call it checks, in order: the path (404), the method POST (405),
// a JSON content type (415), the body size (413), the client key, timestamp
// and x-life-sign (401), the JSON (400) and Validate (400); then it calls
// your SPI and writes the reply. Every rejection is a reply of the
// configured form whose data carries error_code CodeInvalidParameter
// (2100005) and a description that names the problem, never a value;
// error replies have no status field. It never panics. It is safe for
// concurrent use.
type SPIHandler struct {
	impl SPI
	cfg  spiConfig
}

// NewSPIHandler returns a handler calling impl. It needs
// WithSPICredentials, or WithInsecureSkipSignature to accept unsigned calls.
func NewSPIHandler(impl SPI, opts ...SPIOption) (*SPIHandler, error) {
	if impl == nil {
		return nil, errors.New("douyin: NewSPIHandler: nil SPI implementation")
	}
	cfg := spiConfig{tolerance: DefaultSPITimestampTolerance, maxBody: DefaultSPIMaxBodyBytes, now: time.Now}
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
		return nil, errors.New("douyin: NewSPIHandler: WithInsecureSkipSignature and WithSPICredentials exclude each other")
	case !cfg.insecure && cfg.secret == "":
		return nil, errors.New("douyin: NewSPIHandler: WithSPICredentials is required (or WithInsecureSkipSignature to accept unsigned calls)")
	}
	if cfg.insecure && cfg.logger != nil {
		cfg.logger.Warn("douyin spi: signature checks are off (WithInsecureSkipSignature): anyone who reaches this handler can create and cancel orders")
	}
	return &SPIHandler{impl: impl, cfg: cfg}, nil
}

// spiOperationFor maps a request path to its operation by suffix.
func spiOperationFor(path string) (SPIOperation, bool) {
	path = strings.TrimSuffix(path, "/")
	for _, op := range []SPIOperation{SPICommitOrder, SPINotifyPayment, SPICancelOrder} {
		if strings.HasSuffix(path, op.Path()) {
			return op, true
		}
	}
	return "", false
}

// spiCall is the state of one request, for the reply and the log line.
type spiCall struct {
	op      SPIOperation
	orderID string
	logID   string
	start   time.Time
}

// spiReject is a rejection decided by the handler itself.
type spiReject struct {
	status int
	code   Code
	desc   string
}

func reject(status int, desc string) *spiReject {
	return &spiReject{status: status, code: CodeInvalidParameter, desc: desc}
}

// ServeHTTP implements http.Handler.
func (h *SPIHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h == nil || h.impl == nil || h.cfg.now == nil {
		// A handler not made by NewSPIHandler has no credentials to check
		// calls against: refuse every call, in the wrapped form.
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"data":{"error_code":2100001,"description":"SPI handler not initialised: create it with NewSPIHandler"}}`))
		return
	}
	logID := r.Header.Get(SPIHeaderLogID)
	if len(logID) > maxSPILogIDLen { // it is echoed and logged: keep it short
		logID = logID[:maxSPILogIDLen]
	}
	call := &spiCall{logID: logID, start: h.cfg.now()}
	op, ok := spiOperationFor(r.URL.Path)
	if !ok {
		h.writeReject(w, r, call, reject(http.StatusNotFound, "unknown SPI path"))
		return
	}
	call.op = op
	if rej := h.checkRequest(r); rej != nil {
		if rej.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", http.MethodPost)
		}
		h.writeReject(w, r, call, rej)
		return
	}
	body, rej := h.readBody(w, r)
	if rej == nil && !h.cfg.insecure {
		rej = h.verify(r, body)
	}
	if rej != nil {
		h.writeReject(w, r, call, rej)
		return
	}
	switch op {
	case SPICommitOrder:
		serveSPI(h, w, r, call, body, func(q *CommitOrderRequest) string { return q.OrderID },
			h.impl.CommitOrder, commitReplyData)
	case SPINotifyPayment:
		serveSPI(h, w, r, call, body, func(q *PaymentStatusRequest) string { return q.OrderID },
			h.impl.NotifyPayment, paymentReplyData)
	case SPICancelOrder:
		serveSPI(h, w, r, call, body, func(q *CancelOrderRequest) string { return q.OrderID },
			h.impl.CancelOrder, cancelReplyData)
	}
}

// checkRequest checks the method and the content type.
func (h *SPIHandler) checkRequest(r *http.Request) *spiReject {
	if r.Method != http.MethodPost {
		return reject(http.StatusMethodNotAllowed, "method not allowed: use POST")
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !isJSONMediaType(mt) {
		return reject(http.StatusUnsupportedMediaType, "unsupported content type: want application/json")
	}
	return nil
}

// isJSONMediaType accepts application/json, text/json, any +json type and
// the spec's multipart/json (a generator artefact some callers copy).
func isJSONMediaType(mt string) bool {
	switch mt {
	case "application/json", "text/json", "multipart/json":
		return true
	}
	return strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

// readBody reads the whole body within the size limit.
func (h *SPIHandler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *spiReject) {
	if r.ContentLength > h.cfg.maxBody {
		return nil, reject(http.StatusRequestEntityTooLarge, "request body too large")
	}
	body := []byte{}
	if r.Body == nil {
		return body, nil
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, reject(http.StatusRequestEntityTooLarge, "request body too large")
		}
		return nil, reject(http.StatusBadRequest, "cannot read request body")
	}
	if b != nil {
		body = b
	}
	return body, nil
}

// verify checks the client key, the timestamp window and x-life-sign. The
// signature comparison is constant time.
func (h *SPIHandler) verify(r *http.Request, body []byte) *spiReject {
	unauthorized := func(desc string) *spiReject { return reject(http.StatusUnauthorized, desc) }
	q := r.URL.Query()
	hk, qk := r.Header.Get(SPIHeaderClientKey), q.Get(spiQueryClientKey)
	switch {
	case hk == "" && qk == "":
		return unauthorized("missing client key (x-life-clientkey)")
	case hk != "" && !constantTimeEqual(hk, h.cfg.clientKey), qk != "" && !constantTimeEqual(qk, h.cfg.clientKey):
		return unauthorized("client key does not match")
	}
	sign := r.Header.Get(SPIHeaderSign)
	if sign == "" {
		return unauthorized("missing signature (x-life-sign)")
	}
	ts := q.Get(spiQueryTimestamp)
	if ts == "" {
		return unauthorized("missing timestamp")
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return unauthorized("invalid timestamp: want milliseconds since the epoch")
	}
	skew := h.cfg.now().Sub(time.UnixMilli(ms))
	if skew > h.cfg.tolerance || skew < -h.cfg.tolerance {
		return unauthorized("timestamp outside the tolerance window")
	}
	if !VerifySPISign(h.cfg.secret, q, body, sign) {
		return unauthorized("invalid signature (x-life-sign)")
	}
	return nil
}

func constantTimeEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// spiValidator is implemented by the three request types.
type spiValidator interface{ Validate() error }

// serveSPI decodes, validates, calls the implementation and replies. It is
// generic over the three operations.
func serveSPI[Req any, PReq interface {
	*Req
	spiValidator
}, Res any](h *SPIHandler, w http.ResponseWriter, r *http.Request, call *spiCall, body []byte,
	orderID func(*Req) string, fn func(context.Context, *Req) (*Res, error),
	toData func(*Res) (any, error)) {
	var req Req
	if rej := decodeSPIRequest(body, &req); rej != nil {
		h.writeReject(w, r, call, rej)
		return
	}
	call.orderID = orderID(&req)
	if err := PReq(&req).Validate(); err != nil {
		h.writeReject(w, r, call, reject(http.StatusBadRequest, validationDescription(err)))
		return
	}
	res, err := callSPI(r.Context(), &req, fn)
	var data any
	if err == nil {
		if res == nil {
			err = fmt.Errorf("douyin: %s: the SPI implementation returned neither a result nor an error", call.op)
		} else {
			data, err = toData(res)
		}
	}
	if err != nil {
		var se *SPIError
		if errors.As(err, &se) && se != nil { // a typed nil *SPIError is an implementation error
			code := se.Code
			if code == 0 { // an error must never read as success
				code = CodeUnknownError
			}
			h.writeReply(w, r, call, http.StatusOK, spiErrorData{ErrorCode: code, Description: se.Description}, "")
			return
		}
		h.reportError(r, call.op, err)
		reason := "implementation error"
		var pe *SPIPanicError
		if errors.As(err, &pe) {
			reason = "implementation panicked"
		}
		h.writeReply(w, r, call, http.StatusInternalServerError,
			spiErrorData{ErrorCode: CodeUnknownError, Description: spiDescInternal}, reason)
		return
	}
	h.writeReply(w, r, call, http.StatusOK, data, "")
}

// reportError hands err to the WithSPIErrorHandler callback. That is
// integrator code too: a panic in it is recovered (and logged without its
// value), so the reply is still written.
func (h *SPIHandler) reportError(r *http.Request, op SPIOperation, err error) {
	if h.cfg.onError == nil {
		return
	}
	defer func() {
		if p := recover(); p != nil && h.cfg.logger != nil {
			h.cfg.logger.LogAttrs(r.Context(), slog.LevelError, "douyin spi: the error handler panicked",
				slog.String("op", string(op)))
		}
	}()
	h.cfg.onError(r.Context(), op, err)
}

// callSPI runs the implementation and turns a panic into *SPIPanicError.
func callSPI[Req, Res any](ctx context.Context, req *Req, fn func(context.Context, *Req) (*Res, error)) (res *Res, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, &SPIPanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return fn(ctx, req)
}

func commitReplyData(res *CommitOrderResult) (any, error) {
	if res.OrderExtID == "" {
		return nil, errors.New("douyin: spi.commit_order: CommitOrderResult.OrderExtID is empty")
	}
	return CommitOrderReplyData{OrderExtID: res.OrderExtID}, nil
}

func paymentReplyData(res *PaymentStatusResult) (any, error) {
	if !res.Status.Valid() {
		return nil, fmt.Errorf("douyin: spi.notify_payment: PaymentStatusResult.Status %d is not a documented state", int(res.Status))
	}
	return PaymentStatusReplyData{Status: res.Status, Balance: res.Balance, Ext: res.Ext}, nil
}

func cancelReplyData(res *CancelOrderResult) (any, error) {
	if res.Status != CancelStatusAccepted {
		return nil, fmt.Errorf("douyin: spi.cancel_order: CancelOrderResult.Status %d is not a documented state", int(res.Status))
	}
	return CancelOrderReplyData{Status: res.Status, Balance: res.Balance, Ext: res.Ext}, nil
}

// decodeSPIRequest decodes one JSON object, tolerating unknown fields (Douyin
// may add some) and rejecting anything after it.
func decodeSPIRequest(body []byte, v any) *spiReject {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return reject(http.StatusBadRequest, "malformed JSON: empty body")
	}
	if t[0] != '{' {
		return reject(http.StatusBadRequest, "malformed JSON: want an object")
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	if err := dec.Decode(v); err != nil {
		return reject(http.StatusBadRequest, "malformed JSON: "+jsonErrorDescription(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return reject(http.StatusBadRequest, "malformed JSON: data after the object")
	}
	return nil
}

// jsonErrorDescription says what is wrong without quoting the input.
func jsonErrorDescription(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "(top level)"
		}
		return fmt.Sprintf("%s: want %s, got %s", field, te.Type, te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	case errors.Is(err, errPhoneNumber):
		return "customer_phone: want a JSON string or integer"
	}
	// Errors of Date and Code: they quote the value, which is a date or a
	// number, never personal data.
	return strings.TrimPrefix(err.Error(), "douyin: ")
}

// validationDescription lists the problems by field path.
func validationDescription(err error) string {
	var ve *ValidationError
	if !errors.As(err, &ve) {
		return "invalid request"
	}
	parts := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		parts[i] = p.String()
	}
	return "invalid request: " + strings.Join(parts, "; ")
}

func (h *SPIHandler) writeReject(w http.ResponseWriter, r *http.Request, call *spiCall, rej *spiReject) {
	h.writeReply(w, r, call, rej.status, spiErrorData{ErrorCode: rej.code, Description: rej.desc}, rej.desc)
}

// spiErrorData is the data of every error reply: it has no status field,
// so a rejected call can never read as 订单确认 (status 0).
type spiErrorData struct {
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
}

// writeReply writes data in the configured form and logs the call. reason
// is the handler's own explanation of a failure, safe to log.
func (h *SPIHandler) writeReply(w http.ResponseWriter, r *http.Request, call *spiCall, status int, data any, reason string) {
	code, desc := replyCode(data)
	var v any = data
	if h.cfg.form == SPIReplyWrapped {
		logID := call.logID
		if logID == "" {
			logID = randomLogID()
		}
		v = struct {
			Data  any   `json:"data"`
			Extra Extra `json:"extra"`
		}{data, Extra{ErrorCode: code, Description: desc, LogID: logID, Now: h.cfg.now().UnixMilli()}}
	}
	b, err := json.Marshal(v)
	if err != nil { // cannot happen with these types; never answer a half reply
		status = http.StatusInternalServerError
		b = []byte(`{"error_code":2100001,"description":"internal error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b)
	h.log(r, call, status, code, reason)
}

func replyCode(data any) (Code, string) {
	switch d := data.(type) {
	case spiErrorData:
		return d.ErrorCode, d.Description
	case spiReplyData:
		return d.replyError()
	}
	return 0, ""
}

func (h *SPIHandler) log(r *http.Request, call *spiCall, status int, code Code, reason string) {
	if h.cfg.logger == nil {
		return
	}
	level := slog.LevelInfo
	switch {
	case status >= 500:
		level = slog.LevelError
	case status >= 400 || code != 0:
		level = slog.LevelWarn
	}
	attrs := []slog.Attr{
		slog.String("op", string(call.op)), slog.String("path", r.URL.Path),
		slog.Int("status", status), slog.Int64("error_code", int64(code)),
		slog.Duration("duration", h.cfg.now().Sub(call.start)),
	}
	if call.orderID != "" {
		attrs = append(attrs, slog.String("order_id", call.orderID))
	}
	if call.logID != "" {
		attrs = append(attrs, slog.String("logid", call.logID))
	}
	if reason != "" {
		attrs = append(attrs, slog.String("reason", reason))
	}
	h.cfg.logger.LogAttrs(r.Context(), level, "douyin spi", attrs...)
}
