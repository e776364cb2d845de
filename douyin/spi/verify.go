package spi

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/internal/lifesign"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Errors of the signature checks, reachable with errors.Is from the *Error
// that ParseRequest returns (HTTP 401).
var (
	// ErrNotSigned: the call lacks the client key, the x-life-sign header
	// or a millisecond timestamp.
	ErrNotSigned = errors.New("spi: call not signed")
	// ErrWrongClientKey: x-life-clientkey or client_key is not yours.
	ErrWrongClientKey = errors.New("spi: client key does not match")
	// ErrInvalidSignature: x-life-sign is not the signature of the query
	// and the body under your client secret.
	ErrInvalidSignature = errors.New("spi: invalid signature")
	// ErrTooOld: the timestamp is further in the past than the window
	// allows (a late or replayed call).
	ErrTooOld = errors.New("spi: timestamp too old")
	// ErrTimestampInFuture: the timestamp is further in the future than the
	// window allows.
	ErrTimestampInFuture = errors.New("spi: timestamp in the future")
)

// ErrSignatureNotChecked is the Unverified field of every request of a
// handler made with WithInsecureSkipSignature: no check ran, so the call
// is not verified (Unverified is nil only for a verified call).
var ErrSignatureNotChecked = errors.New("spi: signature not checked (WithInsecureSkipSignature)")

// reject returns a rejection of the handler itself: error_code
// CodeInvalidParameter and a description that names the problem.
func reject(status int, desc string, cause error) *Error {
	return &Error{HTTPStatus: status, Code: douyin.CodeInvalidParameter, Description: desc, Err: cause}
}

// operationFor maps a request path to its operation by suffix.
func operationFor(path string) (Operation, bool) {
	path = strings.TrimSuffix(path, "/")
	for _, op := range []Operation{OpCommitOrder, OpNotifyPayment, OpCancelOrder} {
		if strings.HasSuffix(path, op.Path()) {
			return op, true
		}
	}
	return "", false
}

// ParseRequest checks and decodes one SPI call, for a router or framework
// that answers by itself: the path (matched by suffix, as the handler does),
// the method, the content type, the body size, the client key, timestamp
// and x-life-sign, the JSON and Validate. It reads the body (within the
// size limit) and puts it back, so r can still be read.
//
// It returns *CommitOrderRequest, *NotifyPaymentRequest or
// *CancelOrderRequest, or an *Error saying what the handler would answer:
// its HTTPStatus, a description that never quotes a value, and the cause
// (ErrNotSigned and the other sentinels, a *hotelsdk.ValidationError, …).
// A non-nil error always comes with a nil request.
//
// With WithSignatureReportOnly a call that fails a signature check is
// returned like a verified one, with a nil error, as the handler serves
// it: the request's Unverified field holds the check's *Error (nil for a
// verified call), so test it before trusting the call:
//
//	parsed, err := handler.ParseRequest(r)
//	if err != nil {
//		return err // never use parsed
//	}
//	if p, ok := parsed.(*spi.CommitOrderRequest); ok && p.Unverified != nil {
//		// served only because of report-only; errors.Is(p.Unverified,
//		// spi.ErrInvalidSignature) and the other sentinels say why
//	}
//
// With WithInsecureSkipSignature, Unverified is ErrSignatureNotChecked.
func (h *Handler) ParseRequest(r *http.Request) (any, error) {
	if !h.ready() {
		return nil, errNotInitialised
	}
	if r == nil || r.URL == nil {
		return nil, reject(http.StatusBadRequest, "request without URL", nil)
	}
	op, ok := operationFor(r.URL.Path)
	if !ok {
		return nil, reject(http.StatusNotFound, "unknown SPI path", nil)
	}
	req, body, _, rej := h.parse(nil, r, op)
	if rej != nil {
		return nil, rej
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return req, nil
}

// parse runs every check of a call to op and returns the decoded request
// and the raw body; w (may be nil) is told when the body is too large.
// Everything the headers and the query can decide is checked before a byte
// of the body is read. In report-only mode, unverified is the signature
// check that failed while the call went on (nil when they all passed).
func (h *Handler) parse(w http.ResponseWriter, r *http.Request, op Operation) (req any, body []byte, unverified, rej *Error) {
	if rej := checkRequest(r); rej != nil {
		return nil, nil, nil, rej
	}
	var sign string
	// The query, read once for the header checks and the signature, in
	// place (no url.Values map) for a call's few parameters.
	var paramBuf [8]lifesign.Param
	var query []lifesign.Param
	verify := !h.cfg.insecure
	if verify {
		var rej *Error
		query = lifesign.ParseQuery(paramBuf[:0], r.URL.RawQuery)
		if sign, rej = h.checkSignedHeaders(r, query); rej != nil {
			if !h.signatureVerdict(r, op, rej) { // served anyway in report-only mode
				return nil, nil, nil, rej
			}
			verify, unverified = false, rej
		}
	}
	body, rej = h.readBody(w, r)
	if rej != nil {
		return nil, nil, unverified, rej
	}
	if verify {
		var bad *Error
		if !lifesign.VerifyParams(h.cfg.secret, query, body, sign) {
			bad = reject(http.StatusUnauthorized, "invalid signature (x-life-sign)", ErrInvalidSignature)
		}
		if !h.signatureVerdict(r, op, bad) {
			return nil, nil, nil, bad
		}
		unverified = bad
	}
	req, rej = decodeRequest(op, body)
	if rej != nil {
		return req, nil, unverified, rej
	}
	var state error // nil: verified
	switch {
	case h.cfg.insecure:
		state = ErrSignatureNotChecked
	case unverified != nil:
		// A copy: what the Service does with it cannot change the log
		// line and the verdict, made from unverified after it returns.
		cp := *unverified
		state = &cp
	}
	setMetadata(req, logIDOf(r), body, state)
	return req, body, unverified, nil
}

// logIDOf returns Douyin's X-Bytedance-Logid, bounded: it is echoed and
// logged.
func logIDOf(r *http.Request) string {
	logID := r.Header.Get(lifesign.HeaderLogID)
	if len(logID) > maxLogIDLen {
		logID = logID[:maxLogIDLen]
	}
	return logID
}

// setMetadata gives the request its LogID, BodySHA256 and Unverified.
func setMetadata(req any, logID string, body []byte, unverified error) {
	sum := sha256.Sum256(body)
	digest := hex.EncodeToString(sum[:])
	switch q := req.(type) {
	case *CommitOrderRequest:
		q.LogID, q.BodySHA256, q.Unverified = logID, digest, unverified
	case *NotifyPaymentRequest:
		q.LogID, q.BodySHA256, q.Unverified = logID, digest, unverified
	case *CancelOrderRequest:
		q.LogID, q.BodySHA256, q.Unverified = logID, digest, unverified
	}
}

// checkRequest checks the method and the content type.
func checkRequest(r *http.Request) *Error {
	if r.Method != http.MethodPost {
		return reject(http.StatusMethodNotAllowed, "method not allowed: use POST", nil)
	}
	ct := r.Header.Get("Content-Type")
	if strings.EqualFold(ct, "application/json") || strings.EqualFold(ct, "application/json; charset=utf-8") {
		return nil // the common forms, without the allocations of a full parse
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || !isJSONMediaType(mt) {
		return reject(http.StatusUnsupportedMediaType, "unsupported content type: want application/json", nil)
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
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *Error) {
	if r.ContentLength > h.cfg.maxBody {
		return nil, reject(http.StatusRequestEntityTooLarge, "request body too large", nil)
	}
	body := []byte{}
	if r.Body == nil {
		return body, nil
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, reject(http.StatusRequestEntityTooLarge, "request body too large", err)
		}
		return nil, reject(http.StatusBadRequest, "cannot read request body", err)
	}
	if b != nil {
		body = b
	}
	return body, nil
}

// checkSignedHeaders checks the client key, the timestamp window and the
// presence of x-life-sign, which it returns; parse checks the signature
// itself once it has the body. Key comparisons are constant time.
func (h *Handler) checkSignedHeaders(r *http.Request, q []lifesign.Param) (string, *Error) {
	unauthorized := func(desc string, cause error) *Error { return reject(http.StatusUnauthorized, desc, cause) }
	hk, qk := r.Header.Get(lifesign.HeaderClientKey), lifesign.Get(q, lifesign.QueryClientKey)
	switch {
	case hk == "" && qk == "":
		return "", unauthorized("missing client key (x-life-clientkey)", ErrNotSigned)
	case hk != "" && !constantTimeEqual(hk, h.cfg.clientKey), qk != "" && !constantTimeEqual(qk, h.cfg.clientKey):
		return "", unauthorized("client key does not match", ErrWrongClientKey)
	}
	sign := r.Header.Get(lifesign.HeaderSign)
	if sign == "" {
		return "", unauthorized("missing signature (x-life-sign)", ErrNotSigned)
	}
	ts := lifesign.Get(q, lifesign.QueryTimestamp)
	if ts == "" {
		return "", unauthorized("missing timestamp", ErrNotSigned)
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return "", unauthorized("invalid timestamp: want milliseconds since the epoch", ErrNotSigned)
	}
	lag := h.cfg.now().Sub(time.UnixMilli(ms)) // positive: the timestamp is in the past
	switch {
	case lag > h.cfg.past:
		return "", unauthorized("timestamp outside the tolerance window (too old)", ErrTooOld)
	case -lag > h.cfg.future:
		return "", unauthorized("timestamp outside the tolerance window (in the future)", ErrTimestampInFuture)
	}
	return sign, nil
}

func constantTimeEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// validator is implemented by the three request types.
type validator interface{ Validate() error }

// decodeRequest decodes and validates the body of a call to op.
func decodeRequest(op Operation, body []byte) (any, *Error) {
	var req validator
	switch op {
	case OpCommitOrder:
		req = &CommitOrderRequest{}
	case OpNotifyPayment:
		req = &NotifyPaymentRequest{}
	default:
		req = &CancelOrderRequest{}
	}
	if rej := decodeJSON(body, req); rej != nil {
		return nil, rej
	}
	if err := checkShape(op, body); err != nil {
		return req, reject(http.StatusBadRequest, validationDescription(err), err)
	}
	if err := req.Validate(); err != nil {
		return req, reject(http.StatusBadRequest, validationDescription(err), err)
	}
	return req, nil
}

// decodeJSON decodes one JSON object, tolerating unknown fields (Douyin
// may add some) and rejecting anything after it.
func decodeJSON(body []byte, v any) *Error {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return reject(http.StatusBadRequest, "malformed JSON: empty body", nil)
	}
	if t[0] != '{' {
		return reject(http.StatusBadRequest, "malformed JSON: want an object", nil)
	}
	if json.Unmarshal(t, v) == nil {
		return nil
	}
	// Only a body that failed goes through the streaming decoder, which
	// tells data after the object from a malformed object.
	dec := json.NewDecoder(bytes.NewReader(t))
	if err := dec.Decode(v); err != nil {
		return reject(http.StatusBadRequest, "malformed JSON: "+jsonErrorDescription(err), err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return reject(http.StatusBadRequest, "malformed JSON: data after the object", nil)
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
	}
	// Errors of douyin.PhoneNumber, Date and Code: they never quote a
	// phone number, and quote a date or a number otherwise, never personal
	// data.
	return strings.TrimPrefix(err.Error(), "douyin: ")
}

// validationDescription lists the problems by field path.
func validationDescription(err error) string {
	var ve *hotelsdk.ValidationError
	if !errors.As(err, &ve) {
		return "invalid request"
	}
	parts := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		parts[i] = p.String()
	}
	return "invalid request: " + strings.Join(parts, "; ")
}
