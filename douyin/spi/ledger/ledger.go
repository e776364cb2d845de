package ledger

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Defaults of a Ledger.
const (
	// DefaultLease is how long a claim lasts unrenewed. A running callback's
	// instance renews it every third of it, so it bounds how long a dead
	// instance's key stays pending before it is abandoned.
	DefaultLease = 30 * time.Second
	// DefaultWait is how long a duplicate waits for the first call's reply
	// before it answers ErrInProgress.
	DefaultWait = 2 * time.Second
	// DefaultRetention is how long records are kept: far beyond Douyin's
	// retry horizon (minutes to hours).
	DefaultRetention = 7 * 24 * time.Hour
	// MaxOrderIDLen bounds Call.OrderID.
	MaxOrderIDLen = 200
)

// storeTimeout bounds the Store calls made after the caller's context ended
// (recording a late reply, releasing, abandoning).
const storeTimeout = 5 * time.Second

// Errors returned by Do. Test them with errors.Is.
var (
	// ErrInProgress: another call holds the key and did not finish within
	// the wait bound, or this call's context ended while its callback was
	// still running. Answer it with a code that makes the caller retry.
	ErrInProgress = errors.New("ledger: a call with the same key is in progress")
	// ErrConflict: a call with the same key but a different body was seen
	// before. The callback was not run.
	ErrConflict = errors.New("ledger: same key, different request body")
)

// Call is one request to run through the ledger.
type Call struct {
	// Operation names the operation, e.g. "commit" (part of the key; no
	// colon).
	Operation string
	// OrderID is the order the call is about (part of the key).
	OrderID string
	// Body is the request body; its SHA-256 tells a retry (same body) from
	// a conflicting call (different body).
	Body []byte
	// Run is the callback. It returns the reply to record and replay, a
	// business error reply included. An error means "no reply": the key is
	// released while ctx is live and the error does not report an unknown
	// outcome (OutcomeUnknown() bool); otherwise the key is abandoned.
	Run func(ctx context.Context) (Reply, error)
}

// Outcome says how Do produced its reply.
type Outcome int

// Outcomes of Do.
const (
	// OutcomeFirst: the callback ran for the first time for this key.
	OutcomeFirst Outcome = iota + 1
	// OutcomeReplayed: the recorded reply of an earlier call.
	OutcomeReplayed
	// OutcomeRerun: the callback ran again after the abandoned hook said
	// ActionRerun.
	OutcomeRerun
)

// String returns "first", "replayed" or "rerun".
func (o Outcome) String() string {
	switch o {
	case OutcomeFirst:
		return "first"
	case OutcomeReplayed:
		return "replayed"
	case OutcomeRerun:
		return "rerun"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Result is the reply of Do and how it was produced.
type Result struct {
	// Reply is the reply to send.
	Reply Reply
	// Outcome says whether the callback ran or the reply was replayed.
	Outcome Outcome
	// Recorded is false when the callback ran but its reply could not be
	// recorded (store failure, or the key was taken over meanwhile); the
	// reply is real and should still be sent.
	Recorded bool
}

// PanicError is returned by Do when the callback panicked (the key was
// released).
type PanicError struct {
	// Value is what the callback panicked with.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
}

// Error includes the panic's value: log it only where that is safe.
func (e *PanicError) Error() string {
	if e == nil {
		return "ledger: <nil *PanicError>"
	}
	return fmt.Sprintf("ledger: callback panicked: %v", e.Value)
}

// Option configures a Ledger.
type Option func(*config) error

type config struct {
	lease, wait, retention time.Duration
	hook                   AbandonedHook
	logger                 *slog.Logger
	onEvent                func(context.Context, hotelsdk.Event)
}

// WithLease sets how long a claim lasts unrenewed (default DefaultLease).
func WithLease(d time.Duration) Option {
	return func(c *config) error {
		if d < 30*time.Millisecond {
			return errors.New("ledger: WithLease: the lease must be at least 30ms")
		}
		c.lease = d
		return nil
	}
}

// WithWait sets how long a duplicate call waits for the first call's reply
// (default DefaultWait; 0 answers ErrInProgress at once).
func WithWait(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return errors.New("ledger: WithWait: the wait must not be negative")
		}
		c.wait = d
		return nil
	}
}

// WithRetention sets how long records are kept (default DefaultRetention).
// Keep it far beyond the caller's retry horizon: a retry after it runs the
// callback again.
func WithRetention(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Second {
			return errors.New("ledger: WithRetention: the retention must be at least a second")
		}
		c.retention = d
		return nil
	}
}

// WithAbandonedHook sets who decides about abandoned keys (default: refuse
// them, see ActionRefuse).
func WithAbandonedHook(h AbandonedHook) Option {
	return func(c *config) error {
		if h == nil {
			return errors.New("ledger: WithAbandonedHook: nil hook")
		}
		c.hook = h
		return nil
	}
}

// WithLogger logs conflicts, abandoned keys and store failures (operation
// and order_id, never a body).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("ledger: WithLogger: nil logger")
		}
		c.logger = l
		return nil
	}
}

// WithHooks reports every call to h.OnEvent as a hotelsdk.EventLedgerHit
// event with the attributes operation and state: first, replay,
// in_progress, conflict, abandoned (with action), or store_error (with the
// event's Err). Never an order id or a body. The other hooks are not used.
func WithHooks(h hotelsdk.Hooks) Option {
	return func(c *config) error { c.onEvent = h.OnEvent; return nil }
}

// emit sends a ledger.hit event.
func (l *Ledger) emit(ctx context.Context, call *Call, state string, err error, attrs ...slog.Attr) {
	if l.cfg.onEvent == nil {
		return
	}
	attrs = append([]slog.Attr{slog.String("operation", call.Operation), slog.String("state", state)}, attrs...)
	l.cfg.onEvent(ctx, hotelsdk.Event{Platform: "douyin", Name: hotelsdk.EventLedgerHit, Attrs: attrs, Err: err})
}

// Ledger runs calls at most once per key over a Store. It is safe for
// concurrent use; instances sharing a Store share its guarantees.
type Ledger struct {
	store Store
	cfg   config
}

// New returns a Ledger over store.
func New(store Store, opts ...Option) (*Ledger, error) {
	if store == nil {
		return nil, errors.New("ledger: New: nil Store")
	}
	if ms, ok := store.(*MemoryStore); ok && ms == nil {
		return nil, errNilMemoryStore
	}
	cfg := config{lease: DefaultLease, wait: DefaultWait, retention: DefaultRetention}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	return &Ledger{store: store, cfg: cfg}, nil
}

// Key returns the Store key of (operation, orderID).
func Key(operation, orderID string) string { return operation + ":" + orderID }

func (c *Call) check() error {
	switch {
	case c == nil:
		return errors.New("ledger: nil Call")
	case c.Operation == "" || strings.ContainsAny(c.Operation, ":\x00"):
		return errors.New("ledger: Call.Operation must be non-empty, without a colon")
	case c.OrderID == "":
		return errors.New("ledger: Call.OrderID is required")
	case len(c.OrderID) > MaxOrderIDLen:
		return fmt.Errorf("ledger: Call.OrderID is longer than %d bytes", MaxOrderIDLen)
	case strings.ContainsFunc(c.OrderID, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return errors.New("ledger: Call.OrderID has control characters")
	case c.Run == nil:
		return errors.New("ledger: Call.Run is nil")
	}
	return nil
}

// Do runs call through the ledger: the callback runs when this is the
// first call for its key (or the abandoned hook says ActionRerun), and the
// recorded reply is replayed otherwise. See the package documentation for
// every case. Errors: ErrConflict, ErrInProgress (also when ctx ends while
// the callback runs: the callback then goes on and its reply is recorded),
// *AbandonedError, *StoreError, *PanicError, or the callback's own error.
func (l *Ledger) Do(ctx context.Context, call *Call) (Result, error) {
	if l == nil || l.store == nil {
		return Result{}, errors.New("ledger: nil or zero Ledger: use New")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if err := call.check(); err != nil {
		return Result{}, err
	}
	key := Key(call.Operation, call.OrderID)
	sum := sha256.Sum256(call.Body)
	hash := sum[:]
	waitUntil := time.Now().Add(l.cfg.wait)
	delay := 10 * time.Millisecond
	for {
		// Begin runs to its end even when ctx ends meanwhile: a store that
		// committed a claim while the caller gave up (PostgreSQL commits
		// server-side before the client sees the cancel) must be told, or
		// the key stays pending with no callback running until the lease
		// expires into "abandoned".
		bctx, bcancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
		rec, claimed, err := l.store.Begin(bctx, key, hash, l.cfg.lease, l.cfg.retention)
		bcancel()
		if err == nil && claimed && ctx.Err() != nil {
			// Claimed for a caller that has gone: give the key back so
			// Douyin's redelivery runs the callback.
			rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
			if rerr := l.store.Release(rctx, key, rec.Fence); rerr != nil && !errors.Is(rerr, ErrLeaseLost) {
				l.logStore(ctx, call, "release", rerr)
			}
			rcancel()
			return Result{}, fmt.Errorf("%w: %w", ErrInProgress, context.Cause(ctx))
		}
		if err != nil {
			if ctx.Err() != nil {
				return Result{}, fmt.Errorf("%w: %w", ErrInProgress, context.Cause(ctx))
			}
			l.logStore(ctx, call, "begin", err)
			se := &StoreError{Op: "begin", Err: err}
			l.emit(ctx, call, "store_error", se)
			return Result{}, se
		}
		if claimed {
			l.emit(ctx, call, "first", nil)
			return l.run(ctx, call, key, rec.Fence, nil)
		}
		if !bytes.Equal(rec.BodyHash, hash) {
			l.log(ctx, slog.LevelWarn, "ledger: same key, different request body: not running the callback", call,
				slog.String("state", rec.State.String()))
			l.emit(ctx, call, "conflict", nil)
			return Result{}, fmt.Errorf("%w (%s, order_id %s)", ErrConflict, call.Operation, call.OrderID)
		}
		switch rec.State {
		case StateDone:
			l.emit(ctx, call, "replay", nil)
			return Result{Reply: rec.Reply, Outcome: OutcomeReplayed, Recorded: true}, nil
		case StateAbandoned:
			res, err, retry := l.abandoned(ctx, call, key, rec)
			if !retry {
				return res, err
			}
			continue
		}
		// Pending: wait for the first call's reply, within the bound.
		left := time.Until(waitUntil)
		if left <= 0 {
			l.emit(ctx, call, "in_progress", nil)
			return Result{}, fmt.Errorf("%w (%s, order_id %s)", ErrInProgress, call.Operation, call.OrderID)
		}
		t := time.NewTimer(min(delay, left))
		select {
		case <-ctx.Done():
			t.Stop()
			return Result{}, fmt.Errorf("%w: %w", ErrInProgress, context.Cause(ctx))
		case <-t.C:
		}
		delay = min(delay*2, 200*time.Millisecond)
	}
}

// outcomeUnknown reports whether err says the downstream write may have
// happened.
func outcomeUnknown(err error) bool {
	var ou interface{ OutcomeUnknown() bool }
	return errors.As(err, &ou) && ou.OutcomeUnknown()
}

type runResult struct {
	res Result
	err error
}

// run runs the callback holding key with fence, renewing the lease while it
// runs, and records what it returned.
func (l *Ledger) run(ctx context.Context, call *Call, key string, fence int64, ab *Abandoned) (Result, error) {
	outcome := OutcomeFirst
	runCtx, cancel := context.WithCancelCause(ctx)
	if ab != nil {
		outcome = OutcomeRerun
		runCtx = context.WithValue(runCtx, abandonedKey{}, *ab)
	}
	done := make(chan runResult, 1)
	go func() {
		defer cancel(nil)
		stop := make(chan struct{})
		heartbeat := make(chan struct{})
		go l.heartbeat(runCtx, key, fence, cancel, stop, heartbeat)
		reply, err := safeRun(runCtx, call.Run)
		close(stop)
		<-heartbeat
		// Bookkeeping outlives the caller's context (it may have ended:
		// that is when it matters most).
		bctx, bcancel := context.WithTimeout(context.WithoutCancel(ctx), storeTimeout)
		defer bcancel()
		res := Result{Reply: reply, Outcome: outcome, Recorded: true}
		var pe *PanicError
		switch {
		case err == nil:
			if cerr := l.store.Complete(bctx, key, fence, reply, l.cfg.retention); cerr != nil {
				res.Recorded = false
				if errors.Is(cerr, ErrLeaseLost) {
					l.log(ctx, slog.LevelError, "ledger: the key was taken over while the callback ran: its reply is sent but not recorded", call)
				} else {
					l.logStore(ctx, call, "complete", cerr)
				}
			}
		case errors.As(err, &pe) || (runCtx.Err() == nil && !outcomeUnknown(err)):
			if rerr := l.store.Release(bctx, key, fence); rerr != nil && !errors.Is(rerr, ErrLeaseLost) {
				l.logStore(ctx, call, "release", rerr)
			}
		default:
			// The callback may have written downstream: never release.
			if rerr := l.store.Renew(bctx, key, fence, 0); rerr != nil && !errors.Is(rerr, ErrLeaseLost) {
				l.logStore(ctx, call, "renew", rerr)
			}
			l.log(ctx, slog.LevelWarn, "ledger: the callback ended with its context or with an unknown outcome: the key is abandoned", call)
		}
		if err != nil {
			res = Result{}
		}
		done <- runResult{res: res, err: err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-ctx.Done():
		select {
		case r := <-done: // finished as ctx ended: its reply is as good
			return r.res, r.err
		default:
		}
		return Result{}, fmt.Errorf("%w: %w", ErrInProgress, context.Cause(ctx))
	}
}

// safeRun calls run, turning a panic into *PanicError.
func safeRun(ctx context.Context, run func(context.Context) (Reply, error)) (reply Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			reply, err = Reply{}, &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return run(ctx)
}

// heartbeat renews the lease of key every third of it until stop is
// closed. When the key was taken over it cancels the callback's context
// with ErrLeaseLost. It closes exited when it returns.
func (l *Ledger) heartbeat(ctx context.Context, key string, fence int64, cancel context.CancelCauseFunc,
	stop <-chan struct{}, exited chan<- struct{}) {
	defer close(exited)
	t := time.NewTicker(l.cfg.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), l.cfg.lease/3)
		err := l.store.Renew(rctx, key, fence, l.cfg.lease)
		rcancel()
		if errors.Is(err, ErrLeaseLost) {
			cancel(ErrLeaseLost)
			return
		}
		// Another error (store outage): keep trying; if the lease runs
		// out meanwhile, the key is abandoned, never silently re-run.
	}
}

func (l *Ledger) log(ctx context.Context, level slog.Level, msg string, call *Call, attrs ...slog.Attr) {
	if l.cfg.logger == nil {
		return
	}
	attrs = append([]slog.Attr{slog.String("op", call.Operation), slog.String("order_id", call.OrderID)}, attrs...)
	l.cfg.logger.LogAttrs(ctx, level, msg, attrs...)
}

func (l *Ledger) logStore(ctx context.Context, call *Call, op string, err error) {
	l.log(ctx, slog.LevelError, "ledger: store "+op+" failed", call, slog.String("error", err.Error()))
}
