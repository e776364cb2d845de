package spi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// The verdicts of the hotelsdk.EventSPIVerdict event (its "verdict"
// attribute) and of the report-only log lines.
const (
	// VerdictAccepted: the call passed the handler's checks and reached
	// your Service.
	VerdictAccepted = "accepted"
	// VerdictRejected: the handler refused the call.
	VerdictRejected = "rejected"
	// VerdictAcceptedUnverified: the call failed a signature check (client
	// key, timestamp or x-life-sign) and reached your Service anyway,
	// because of WithSignatureReportOnly. With signing enforced it would
	// have been rejected; the event's reason says for what.
	VerdictAcceptedUnverified = "accepted_unverified"
)

// WithHooks reports every call's verdict to h.OnEvent as a
// hotelsdk.EventSPIVerdict event, with the request's context (so a tracing
// middleware's span receives it, e.g. contrib/otel's Middleware). Its
// attributes are operation (unknown for an unknown path), verdict —
// "accepted" (VerdictAccepted) when the call passed the handler's checks
// and reached your Service, "rejected" (VerdictRejected) when the handler
// refused it, "accepted_unverified" (VerdictAcceptedUnverified) when it
// failed a signature check and was served anyway (WithSignatureReportOnly)
// —, reason, a short code, status (the HTTP status replied) and
// error_code (the error_code replied). The reason is ok, business_error,
// implementation_error, implementation_panic for accepted calls;
// unknown_path, method_not_allowed, unsupported_media_type,
// body_too_large, not_signed, wrong_client_key, invalid_signature, too_old,
// timestamp_in_future, unauthorized, invalid_request, bad_request for
// rejected ones; for accepted_unverified ones, the signature check's code
// it would have been rejected with (not_signed, wrong_client_key,
// invalid_signature, too_old, timestamp_in_future, unauthorized). Never an
// order id, a name, a phone number or a signature. The other hooks are not
// used by the handler.
func WithHooks(h hotelsdk.Hooks) Option {
	return func(c *config) error { c.hooks = h; return nil }
}

// emitVerdict reports c's verdict to the OnEvent hook.
func (h *Handler) emitVerdict(ctx context.Context, c *call, rep reply) {
	if h.cfg.hooks.OnEvent == nil {
		return
	}
	op := string(c.op)
	if op == "" {
		op = "unknown"
	}
	verdict, reason := VerdictAccepted, acceptedReason(rep)
	switch {
	case c.rejection != nil:
		verdict, reason = VerdictRejected, rejectionReason(c.rejection)
	case c.unverified != nil:
		verdict, reason = VerdictAcceptedUnverified, rejectionReason(c.unverified)
	}
	h.cfg.hooks.OnEvent(ctx, hotelsdk.Event{Platform: "douyin", Name: hotelsdk.EventSPIVerdict, Attrs: []slog.Attr{
		slog.String("operation", op), slog.String("verdict", verdict), slog.String("reason", reason),
		slog.Int("status", rep.status), slog.Int64("error_code", int64(rep.code)),
	}})
}

func acceptedReason(rep reply) string {
	switch {
	case rep.reason == "implementation panicked":
		return "implementation_panic"
	case rep.status >= 500 && rep.reason != "":
		return "implementation_error"
	case rep.code != 0:
		return "business_error"
	}
	return "ok"
}

func rejectionReason(e *Error) string {
	for _, s := range []struct {
		err  error
		name string
	}{
		{ErrNotSigned, "not_signed"}, {ErrWrongClientKey, "wrong_client_key"},
		{ErrInvalidSignature, "invalid_signature"}, {ErrTooOld, "too_old"},
		{ErrTimestampInFuture, "timestamp_in_future"}, {hotelsdk.ErrInvalidRequest, "invalid_request"},
	} {
		if errors.Is(e, s.err) {
			return s.name
		}
	}
	switch e.HTTPStatus {
	case http.StatusNotFound:
		return "unknown_path"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusRequestEntityTooLarge:
		return "body_too_large"
	case http.StatusUnauthorized:
		return "unauthorized"
	}
	return "bad_request"
}
