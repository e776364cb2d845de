package spi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
)

// DefaultDeadline is the per-call deadline of a handler with a ledger
// (WithLedger) and no WithDeadline: shorter than the few seconds Douyin
// waits for an SPI reply (its exact timeout is not documented), so the
// handler answers "retry" before Douyin gives up on it.
const DefaultDeadline = 4 * time.Second

// WithLedger runs every verified call through an idempotency ledger over
// store, keyed by (operation, order_id): the Service runs at most once per
// key, and Douyin's retries get the first reply replayed byte for byte;
// see package ledger for every case and the guarantees. Use
// ledger.NewMemoryStore() for one instance, and a shared store
// (contrib/redisstore, contrib/sqlstore) for a fleet. opts configure the
// ledger (ledger.WithAbandonedHook, ledger.WithLease, ledger.WithWait,
// ledger.WithRetention, ledger.WithLogger).
//
// The handler answers what the ledger says: a replay as recorded; a call
// whose key is still in progress (or whose deadline passed) with HTTP 503,
// error_code douyin.CodeSystemBusy (2100004, "retry"); a same order_id
// with a different body with HTTP 409, douyin.CodeInvalidParameter; a key
// the abandoned hook refused with HTTP 200, douyin.CodeUnknownError and
// the description "order state unknown after an interrupted attempt"; a
// store failure with HTTP 503, douyin.CodeSystemBusy (fail closed: the
// Service is not called). A Service error whose context had ended, or
// that reports an unknown outcome (OutcomeUnknown() bool, as hotelsdk's
// outcome-unknown errors do), leaves the key abandoned, not released.
//
// With a ledger, the per-call deadline defaults to DefaultDeadline
// (WithDeadline changes it), and the hooks of WithHooks also receive the
// ledger's hotelsdk.EventLedgerHit events.
func WithLedger(store ledger.Store, opts ...ledger.Option) Option {
	return func(c *config) error {
		if store == nil {
			return errors.New("spi: WithLedger: nil store (use ledger.NewMemoryStore() for one instance)")
		}
		l, err := ledger.New(store, opts...)
		if err != nil {
			return errors.Join(errors.New("spi: WithLedger"), err)
		}
		c.ledger, c.ledgerStore, c.ledgerOpts = l, store, opts
		registerSeam(c)
		return nil
	}
}

// WithDeadline bounds how long the handler waits for the Service: past d
// the Service's context is cancelled and the handler answers HTTP 503,
// error_code douyin.CodeSystemBusy, so Douyin retries instead of timing
// out. With a ledger the Service may finish meanwhile and its reply is
// recorded for that retry; without one, Douyin's retry calls the Service
// again, so make it idempotent. d must be positive.
func WithDeadline(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return errors.New("spi: WithDeadline: the deadline must be positive")
		}
		c.deadline = d
		registerSeam(c)
		return nil
	}
}

// WithSignatureReportOnly verifies every call as usual (WithCredentials is
// still required) but serves it even when a check fails. Each call's
// signature verdict is logged (WithLogger) before its body is decoded:
// verdict=accepted, or verdict=accepted_unverified with signature=<code>
// (not_signed, wrong_client_key, invalid_signature, too_old,
// timestamp_in_future, unauthorized) and the reason's text, never the
// signature, the secret or the body; the call's own log line carries
// signature=<code> too. Its hotelsdk.EventSPIVerdict (WithHooks) says
// VerdictAcceptedUnverified, with that code as its reason, so the calls
// that enforcing would reject can be counted (contrib/otel: the
// hotelsdk.spi.verdicts metric with verdict accepted_unverified). It lets
// an integrator switch signing on against live traffic and watch the
// verdicts before enforcing them. Calls with a wrong signature are served:
// do not leave it on.
//
// Your Service, and ParseRequest's caller (which gets the request with a
// nil error), tell such a call by the request's Unverified field: the
// check's *Error, matching ErrNotSigned, ErrWrongClientKey,
// ErrInvalidSignature, ErrTooOld or ErrTimestampInFuture with errors.Is,
// and nil for a verified call.
//
// With WithLedger, an unverified call is recorded under its (operation,
// order_id) key like any other: its reply is what a later call with the
// same body gets, Douyin's genuine retry included. So a Service that
// refuses unverified calls with a business error would have that refusal
// replayed to Douyin; refuse them with a plain error instead (the key is
// released and the retry runs your Service), or enforce signatures.
func WithSignatureReportOnly() Option {
	return func(c *config) error { c.reportOnly = true; return nil }
}

// registerSeam adds the ledger and deadline wrapper to the dispatch seam,
// once per handler.
func registerSeam(c *config) {
	if c.seamRegistered {
		return
	}
	c.seamRegistered = true
	c.wrapDispatch = append(c.wrapDispatch, func(next dispatchFunc) dispatchFunc {
		// Called by NewHandler after every option: *c is final.
		h := &Handler{cfg: *c}
		if c.hooks.OnEvent != nil && c.ledgerStore != nil {
			// The handler's hooks (WithHooks) also get the ledger's events;
			// the options were checked by WithLedger already.
			opts := append(append([]ledger.Option{}, c.ledgerOpts...), ledger.WithHooks(c.hooks))
			if l, err := ledger.New(c.ledgerStore, opts...); err == nil {
				h.cfg.ledger = l
			}
		}
		return h.ledgerDispatch(next)
	})
}

// serviceErrKey carries a *serviceErr into runService, which notes there
// the Service's error (the reply alone does not tell an unknown outcome).
type serviceErrKey struct{}

type serviceErr struct{ err error }

// noteServiceError records err for the ledger, when it is listening.
func noteServiceError(ctx context.Context, err error) {
	if s, ok := ctx.Value(serviceErrKey{}).(*serviceErr); ok {
		s.err = err
	}
}

// failedCall is the ledger callback's error: the Service failed; rep is
// the internal-error reply to send.
type failedCall struct {
	rep reply
	err error
}

func (e *failedCall) Error() string { return "spi: the Service failed" }
func (e *failedCall) Unwrap() error { return e.err }

// retryReply tells Douyin to call again later.
func (h *Handler) retryReply(c *call, desc, reason string) reply {
	return h.errorReply(c, &Error{HTTPStatus: http.StatusServiceUnavailable, Code: douyin.CodeSystemBusy, Description: desc}, reason)
}

// ledgerDispatch wraps next with the per-call deadline and the ledger.
func (h *Handler) ledgerDispatch(next dispatchFunc) dispatchFunc {
	deadline := h.cfg.deadline
	if deadline == 0 && h.cfg.ledger != nil {
		deadline = DefaultDeadline
	}
	return func(ctx context.Context, c *call) reply {
		if deadline > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, deadline)
			defer cancel()
		}
		if h.cfg.ledger == nil {
			return h.withDeadline(ctx, c, next)
		}
		var ran reply // the reply of this call's own run, if it ran
		res, err := h.cfg.ledger.Do(ctx, &ledger.Call{
			Operation: string(c.op), OrderID: c.orderID, Body: c.body,
			Run: func(ctx context.Context) (ledger.Reply, error) {
				se := &serviceErr{}
				rep := next(context.WithValue(ctx, serviceErrKey{}, se), c)
				ran = rep
				if se.err != nil || rep.status >= 500 {
					err := se.err
					if err == nil {
						err = errors.New(rep.reason)
					}
					return ledger.Reply{}, &failedCall{rep: rep, err: err}
				}
				return ledger.Reply{Status: rep.status, Body: rep.body}, nil
			},
		})
		var fc *failedCall
		var ae *ledger.AbandonedError
		var se *ledger.StoreError
		switch {
		case err == nil:
			if res.Outcome != ledger.OutcomeReplayed && ran.body != nil {
				return ran // the reply as made, with its error_code for the log and the verdict
			}
			// A replay: its error_code is the one in the recorded reply.
			return reply{status: res.Reply.Status, body: res.Reply.Body,
				code: replyErrorCode(res.Reply.Body), reason: "replayed by the ledger"}
		case errors.As(err, &fc):
			return fc.rep
		case errors.Is(err, ledger.ErrInProgress):
			if ctx.Err() != nil {
				return h.retryReply(c, "deadline passed: retry later", "deadline passed (the Service goes on; its reply is recorded)")
			}
			return h.retryReply(c, "order in progress: retry later", "in progress on another call")
		case errors.Is(err, ledger.ErrConflict):
			return h.errorReply(c, &Error{HTTPStatus: http.StatusConflict, Code: douyin.CodeInvalidParameter,
				Description: "order_id already used with a different request body"}, "same order_id, different body")
		case errors.As(err, &ae):
			return h.errorReply(c, &Error{HTTPStatus: http.StatusOK, Code: douyin.CodeUnknownError,
				Description: "order state unknown after an interrupted attempt"}, "abandoned key refused by the hook")
		case errors.As(err, &se):
			return h.retryReply(c, "temporarily unavailable: retry later", "ledger store unavailable")
		}
		// A call the ledger cannot key (an order_id longer than it takes).
		return h.errorReply(c, &Error{HTTPStatus: http.StatusBadRequest, Code: douyin.CodeInvalidParameter,
			Description: "invalid request: order_id cannot be used as an idempotency key"}, "ledger refused the key")
	}
}

// replyErrorCode reads the error_code of a recorded reply, in the wrapped
// form ({"data":{"error_code":...}}) or the flat one ({"error_code":...}):
// the store may hold replies written by an instance configured otherwise.
// A reply it cannot read reports CodeUnknownError, never success.
func replyErrorCode(body []byte) douyin.Code {
	var v struct {
		Data *struct {
			ErrorCode douyin.Code `json:"error_code"`
		} `json:"data"`
		ErrorCode douyin.Code `json:"error_code"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return douyin.CodeUnknownError
	}
	if v.Data != nil {
		return v.Data.ErrorCode
	}
	return v.ErrorCode
}

// withDeadline runs next, answering "retry" when ctx ends first (the
// Service goes on in the background with its context cancelled).
func (h *Handler) withDeadline(ctx context.Context, c *call, next dispatchFunc) reply {
	if ctx.Done() == nil {
		return next(ctx, c)
	}
	done := make(chan reply, 1)
	go func() { done <- next(ctx, c) }()
	select {
	case rep := <-done:
		return rep
	case <-ctx.Done():
		select {
		case rep := <-done:
			return rep
		default:
		}
		return h.retryReply(c, "deadline passed: retry later", "deadline passed (the Service goes on without a ledger)")
	}
}

// signatureVerdict decides, in report-only mode, whether to serve a call
// that failed a signature check (rej) or passed them all (rej nil), and
// logs the verdict. It returns true when the call is to be served.
func (h *Handler) signatureVerdict(r *http.Request, op Operation, rej *Error) bool {
	if !h.cfg.reportOnly {
		return rej == nil
	}
	if h.cfg.logger != nil {
		attrs := []slog.Attr{slog.String("op", string(op)), slog.String("path", r.URL.Path)}
		if id := logIDOf(r); id != "" {
			attrs = append(attrs, slog.String("logid", id))
		}
		if rej == nil {
			h.cfg.logger.LogAttrs(r.Context(), slog.LevelInfo, "douyin spi: signature verdict (report-only)",
				append(attrs, slog.String("verdict", VerdictAccepted))...)
		} else {
			h.cfg.logger.LogAttrs(r.Context(), slog.LevelWarn, "douyin spi: signature verdict (report-only): served anyway",
				append(attrs, slog.String("verdict", VerdictAcceptedUnverified),
					slog.String("signature", rejectionReason(rej)), slog.String("reason", rej.Description))...)
		}
	}
	return true
}
