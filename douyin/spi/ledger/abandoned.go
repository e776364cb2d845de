package ledger

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Action is what an AbandonedHook decides about an abandoned key.
type Action int

// Actions of an AbandonedHook.
const (
	// ActionRefuse (the default) runs nothing and makes Do return an
	// *AbandonedError, which the SPI handler answers with a business error:
	// the order fails on Douyin's side rather than risk a second booking.
	// If the first attempt did book downstream, that booking is left for
	// the integrator to cancel (the hook is where to raise it).
	ActionRefuse Action = iota
	// ActionRerun takes the key over (with a new fence) and runs the
	// callback again, with the Abandoned in its context (AbandonedFrom):
	// the callback should first look the downstream write up (reconcile)
	// and create only when it finds none.
	ActionRerun
	// ActionHold runs nothing and makes Do return an *AbandonedError that
	// is also ErrInProgress, so the caller retries later: the key stays
	// abandoned until the hook decides otherwise.
	ActionHold
)

// String returns "refuse", "rerun" or "hold".
func (a Action) String() string {
	switch a {
	case ActionRefuse:
		return "refuse"
	case ActionRerun:
		return "rerun"
	case ActionHold:
		return "hold"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Abandoned describes a key whose callback started and never finished.
type Abandoned struct {
	// Operation and OrderID are the key.
	Operation, OrderID string
	// Fence is the fence of the claim that never finished.
	Fence int64
	// StartedAt is when that claim was made (store clock; zero if unknown).
	StartedAt time.Time
	// LeaseUntil is when its lease ran out (store clock).
	LeaseUntil time.Time
}

// AbandonedHook decides what to do with an abandoned key. It is called for
// each call that finds the key abandoned (possibly on several instances at
// once: only one ActionRerun wins the takeover; the others wait for its
// reply). It should be quick (it runs before the reply); a panic in it is
// taken as ActionRefuse.
type AbandonedHook func(ctx context.Context, a Abandoned) Action

// AbandonedError is returned by Do for an abandoned key the hook refused or
// held.
type AbandonedError struct {
	// Abandoned is the key.
	Abandoned Abandoned
	// Action is ActionRefuse or ActionHold.
	Action Action
}

// Error names the key and the decision.
func (e *AbandonedError) Error() string {
	if e == nil {
		return "ledger: <nil *AbandonedError>"
	}
	return fmt.Sprintf("ledger: %s order_id %s was started and never finished (abandoned); the hook said %s",
		e.Abandoned.Operation, e.Abandoned.OrderID, e.Action)
}

// Is makes a held key match ErrInProgress.
func (e *AbandonedError) Is(target error) bool {
	return e != nil && e.Action == ActionHold && target == ErrInProgress
}

type abandonedKey struct{}

// AbandonedFrom returns the abandoned claim a callback re-runs for, when the
// abandoned hook said ActionRerun: the callback should then reconcile with
// the downstream system before writing again.
func AbandonedFrom(ctx context.Context) (Abandoned, bool) {
	if ctx == nil {
		return Abandoned{}, false
	}
	a, ok := ctx.Value(abandonedKey{}).(Abandoned)
	return a, ok
}

// decide calls the hook, recovering a panic as ActionRefuse.
func (l *Ledger) decide(ctx context.Context, a Abandoned) (act Action) {
	if l.cfg.hook == nil {
		return ActionRefuse
	}
	defer func() {
		if p := recover(); p != nil {
			act = ActionRefuse
			if l.cfg.logger != nil {
				l.cfg.logger.LogAttrs(ctx, slog.LevelError, "ledger: the abandoned hook panicked: refusing",
					slog.String("op", a.Operation), slog.String("order_id", a.OrderID))
			}
		}
	}()
	return l.cfg.hook(ctx, a)
}

// abandoned handles a key found abandoned. retry is true when Do should
// look the key up again (another call took it over first).
func (l *Ledger) abandoned(ctx context.Context, call *Call, key string, rec Record) (Result, error, bool) {
	a := Abandoned{Operation: call.Operation, OrderID: call.OrderID, Fence: rec.Fence,
		StartedAt: rec.StartedAt, LeaseUntil: rec.LeaseUntil}
	act := l.decide(ctx, a)
	l.log(ctx, slog.LevelError, "ledger: key abandoned (started, never finished)", call,
		slog.String("action", act.String()), slog.Int64("fence", rec.Fence))
	l.emit(ctx, call, "abandoned", nil, slog.String("action", act.String()))
	switch act {
	case ActionRerun:
		fence, err := l.store.TakeOver(ctx, key, rec.Fence, l.cfg.lease)
		if errors.Is(err, ErrLeaseLost) {
			return Result{}, nil, true
		}
		if err != nil {
			l.logStore(ctx, call, "takeover", err)
			return Result{}, &StoreError{Op: "takeover", Err: err}, false
		}
		res, err := l.run(ctx, call, key, fence, &a)
		return res, err, false
	case ActionHold:
		return Result{}, &AbandonedError{Abandoned: a, Action: ActionHold}, false
	default:
		return Result{}, &AbandonedError{Abandoned: a, Action: ActionRefuse}, false
	}
}
