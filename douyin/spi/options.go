package spi

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Defaults of the handler.
const (
	defaultPastTolerance   = 5 * time.Minute
	defaultFutureTolerance = 30 * time.Second
	defaultMaxBodyBytes    = 1 << 20 // 1 MiB
)

// Option configures a Handler. A nil Option is skipped; an Option given a
// nil or invalid value makes NewHandler fail, naming the option.
type Option func(*config) error

type config struct {
	clientKey, secret string
	insecure          bool
	past, future      time.Duration // how far the timestamp may lag or lead the clock
	maxBody           int64
	now               func() time.Time
	flat              bool
	logger            *slog.Logger
	onError           func(ctx context.Context, op Operation, err error)
	hooks             hotelsdk.Hooks // OnEvent gets each call's verdict (hooks.go)
	// wrapDispatch, when set, wraps the function that runs the Service for
	// every verified request (the seam of the idempotency ledger).
	wrapDispatch []func(dispatchFunc) dispatchFunc
	// The ledger, the per-call deadline and report-only signatures
	// (ledger_hookup.go).
	ledger         *ledger.Ledger
	ledgerStore    ledger.Store
	ledgerOpts     []ledger.Option
	deadline       time.Duration
	reportOnly     bool
	seamRegistered bool
}

// WithCredentials verifies every call against your app's client key
// (x-life-clientkey and the client_key query parameter) and client secret
// (x-life-sign). One of it and WithInsecureSkipSignature is required.
func WithCredentials(clientKey, clientSecret string) Option {
	return func(c *config) error {
		if clientKey == "" || clientSecret == "" {
			return errors.New("spi: WithCredentials: client key and client secret are required")
		}
		c.clientKey, c.secret = clientKey, clientSecret
		return nil
	}
}

// WithInsecureSkipSignature accepts calls without checking the client key,
// the signature or the timestamp. Anyone who can reach the handler can then
// create and cancel orders: use it only behind something that authenticates
// Douyin for you, or in local tests. Every request's Unverified field is
// then ErrSignatureNotChecked.
func WithInsecureSkipSignature() Option {
	return func(c *config) error { c.insecure = true; return nil }
}

// WithTimestampTolerance sets how far the call's timestamp may lag behind
// the handler's clock (past, default 5 minutes: Douyin's delivery delays
// and retries) and how far it may lead it (future, default 30 seconds:
// clock drift only). A call outside the window is rejected with ErrTooOld
// or ErrTimestampInFuture. past must be positive, future not negative.
func WithTimestampTolerance(past, future time.Duration) Option {
	return func(c *config) error {
		if past <= 0 || future < 0 {
			return errors.New("spi: WithTimestampTolerance: past must be positive and future not negative")
		}
		c.past, c.future = past, future
		return nil
	}
}

// WithClock replaces time.Now (for the timestamp check and extra.now).
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return errors.New("spi: WithClock: nil clock")
		}
		c.now = now
		return nil
	}
}

// WithMaxBodyBytes limits the request body (default 1 MiB); a larger body
// is answered 413.
func WithMaxBodyBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return errors.New("spi: WithMaxBodyBytes: limit must be positive")
		}
		c.maxBody = n
		return nil
	}
}

// WithFlatReplies writes the data object alone,
// {"order_ext_id":"…","error_code":0,"description":""}, the form three other
// SDKs use, instead of the spec's {"data":{…},"extra":{…}}.
func WithFlatReplies() Option {
	return func(c *config) error { c.flat = true; return nil }
}

// WithLogger logs one line per call: operation, order_id, HTTP status,
// error_code, the handler's own reason for a rejection, Douyin's logid and
// the duration. Never a name, a phone number, a signature or the text of an
// error your Service returned.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("spi: WithLogger: nil logger")
		}
		c.logger = l
		return nil
	}
}

// WithErrorHandler receives every error of your Service that the handler
// answered as "internal error": a plain error, a nil result, an invalid
// result, or a *PanicError. It is where you log them, knowing what they may
// contain.
func WithErrorHandler(f func(ctx context.Context, op Operation, err error)) Option {
	return func(c *config) error {
		if f == nil {
			return errors.New("spi: WithErrorHandler: nil function")
		}
		c.onError = f
		return nil
	}
}
