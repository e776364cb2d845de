package ledger_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// counter is a callback that counts its runs and answers reply.
type counter struct {
	runs  atomic.Int32
	reply ledger.Reply
}

func (c *counter) run(context.Context) (ledger.Reply, error) {
	c.runs.Add(1)
	return c.reply, nil
}

func newLedger(t *testing.T, s ledger.Store, opts ...ledger.Option) *ledger.Ledger {
	t.Helper()
	l, err := ledger.New(s, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func call(order, body string, run func(context.Context) (ledger.Reply, error)) *ledger.Call {
	return &ledger.Call{Operation: "commit", OrderID: order, Body: []byte(body), Run: run}
}

func TestFirstCallRunsThenReplaysByteForByte(t *testing.T) {
	t.Parallel()
	l := newLedger(t, ledger.NewMemoryStore())
	c := &counter{reply: ledger.Reply{Status: 200, Body: []byte(`{"data":{"order_ext_id":"H1"}}`)}}
	res, err := l.Do(context.Background(), call("1", "body", c.run))
	if err != nil || res.Outcome != ledger.OutcomeFirst || !res.Recorded || !bytes.Equal(res.Reply.Body, c.reply.Body) {
		t.Fatalf("first Do = %+v, %v", res, err)
	}
	for i := 0; i < 3; i++ {
		res, err := l.Do(context.Background(), call("1", "body", c.run))
		if err != nil || res.Outcome != ledger.OutcomeReplayed || res.Reply.Status != 200 || !bytes.Equal(res.Reply.Body, c.reply.Body) {
			t.Fatalf("replay %d = %+v, %v", i, res, err)
		}
	}
	if n := c.runs.Load(); n != 1 {
		t.Fatalf("callback ran %d times, want 1", n)
	}
	// Another order, another operation: their own keys.
	if _, err := l.Do(context.Background(), call("2", "body", c.run)); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Do(context.Background(), &ledger.Call{Operation: "cancel", OrderID: "1", Body: []byte("body"), Run: c.run}); err != nil {
		t.Fatal(err)
	}
	if n := c.runs.Load(); n != 3 {
		t.Fatalf("callback ran %d times, want 3", n)
	}
}

func TestBusinessErrorReplyIsReplayedToo(t *testing.T) {
	t.Parallel()
	l := newLedger(t, ledger.NewMemoryStore())
	c := &counter{reply: ledger.Reply{Status: 200, Body: []byte(`{"data":{"error_code":2,"description":"sold out"}}`)}}
	for i := 0; i < 2; i++ {
		res, err := l.Do(context.Background(), call("1", "b", c.run))
		if err != nil || !bytes.Equal(res.Reply.Body, c.reply.Body) {
			t.Fatalf("Do = %+v, %v", res, err)
		}
	}
	if n := c.runs.Load(); n != 1 {
		t.Fatalf("callback ran %d times, want 1", n)
	}
}

func TestSameKeyDifferentBodyIsAConflictAndLogged(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	l := newLedger(t, ledger.NewMemoryStore(), ledger.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	c := &counter{reply: ledger.Reply{Status: 200, Body: []byte("ok")}}
	if _, err := l.Do(context.Background(), call("77", "first-body", c.run)); err != nil {
		t.Fatal(err)
	}
	_, err := l.Do(context.Background(), call("77", "other-body-SECRET", c.run))
	if !errors.Is(err, ledger.ErrConflict) {
		t.Fatalf("err = %v, want ErrConflict", err)
	}
	if n := c.runs.Load(); n != 1 {
		t.Fatalf("callback ran %d times, want 1", n)
	}
	if !bytes.Contains(logs.Bytes(), []byte("different request body")) || !bytes.Contains(logs.Bytes(), []byte("order_id=77")) {
		t.Errorf("log = %q; want the conflict with its order_id", logs.String())
	}
	if bytes.Contains(logs.Bytes(), []byte("SECRET")) {
		t.Errorf("log shows the body: %q", logs.String())
	}
}

func TestConcurrentDuplicatesWaitThenAnswerInProgress(t *testing.T) {
	t.Parallel()
	s := ledger.NewMemoryStore()
	l := newLedger(t, s, ledger.WithWait(30*time.Millisecond))
	started, release := make(chan struct{}), make(chan struct{})
	var runs atomic.Int32
	slow := func(context.Context) (ledger.Reply, error) {
		if runs.Add(1) == 1 {
			close(started)
		}
		<-release
		return ledger.Reply{Status: 200, Body: []byte("booked")}, nil
	}
	first := make(chan error, 1)
	go func() { _, err := l.Do(context.Background(), call("9", "b", slow)); first <- err }()
	<-started
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := l.Do(context.Background(), call("9", "b", slow)); !errors.Is(err, ledger.ErrInProgress) {
				t.Errorf("duplicate err = %v, want ErrInProgress", err)
			}
		}()
	}
	wg.Wait()
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	res, err := l.Do(context.Background(), call("9", "b", slow))
	if err != nil || string(res.Reply.Body) != "booked" || res.Outcome != ledger.OutcomeReplayed {
		t.Fatalf("after the first call: %+v, %v", res, err)
	}
	if n := runs.Load(); n != 1 {
		t.Fatalf("callback ran %d times, want 1", n)
	}
}

func TestDuplicatesWithinTheWaitGetTheReply(t *testing.T) {
	t.Parallel()
	l := newLedger(t, ledger.NewMemoryStore(), ledger.WithWait(10*time.Second))
	var runs atomic.Int32
	gate := make(chan struct{})
	slow := func(context.Context) (ledger.Reply, error) {
		runs.Add(1)
		<-gate
		return ledger.Reply{Status: 200, Body: []byte("booked")}, nil
	}
	var wg sync.WaitGroup
	replies := make([]ledger.Result, 10)
	for i := range replies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := l.Do(context.Background(), call("5", "b", slow))
			if err != nil {
				t.Error(err)
			}
			replies[i] = res
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(gate)
	wg.Wait()
	for i, r := range replies {
		if string(r.Reply.Body) != "booked" {
			t.Errorf("reply %d = %q", i, r.Reply.Body)
		}
	}
	if n := runs.Load(); n != 1 {
		t.Fatalf("callback ran %d times, want 1", n)
	}
}

func TestInternalErrorAndPanicReleaseTheKey(t *testing.T) {
	t.Parallel()
	l := newLedger(t, ledger.NewMemoryStore())
	boom := errors.New("database down")
	var runs atomic.Int32
	steps := []func(context.Context) (ledger.Reply, error){
		func(context.Context) (ledger.Reply, error) { runs.Add(1); return ledger.Reply{}, boom },
		func(context.Context) (ledger.Reply, error) { runs.Add(1); panic("nil map") },
		func(context.Context) (ledger.Reply, error) {
			runs.Add(1)
			return ledger.Reply{Status: 200, Body: []byte("ok")}, nil
		},
	}
	if _, err := l.Do(context.Background(), call("3", "b", steps[0])); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the callback's", err)
	}
	_, err := l.Do(context.Background(), call("3", "b", steps[1]))
	var pe *ledger.PanicError
	if !errors.As(err, &pe) || pe.Value != "nil map" || len(pe.Stack) == 0 {
		t.Fatalf("err = %v, want *PanicError", err)
	}
	res, err := l.Do(context.Background(), call("3", "b", steps[2]))
	if err != nil || res.Outcome != ledger.OutcomeFirst || string(res.Reply.Body) != "ok" {
		t.Fatalf("third Do = %+v, %v", res, err)
	}
	if n := runs.Load(); n != 3 {
		t.Fatalf("runs = %d, want 3", n)
	}
}

// unknownErr reports an unknown outcome, like hotelsdk's outcome-unknown errors.
type unknownErr struct{}

func (unknownErr) Error() string        { return "create: outcome unknown" }
func (unknownErr) OutcomeUnknown() bool { return true }

func TestOutcomeUnknownAbandonsAndTheHookDecides(t *testing.T) {
	t.Parallel()
	var hooked []ledger.Abandoned
	var mu sync.Mutex
	action := ledger.ActionRefuse
	hook := func(_ context.Context, a ledger.Abandoned) ledger.Action {
		mu.Lock()
		defer mu.Unlock()
		hooked = append(hooked, a)
		return action
	}
	l := newLedger(t, ledger.NewMemoryStore(), ledger.WithAbandonedHook(hook))
	var runs atomic.Int32
	if _, err := l.Do(context.Background(), call("4", "b", func(context.Context) (ledger.Reply, error) {
		runs.Add(1)
		return ledger.Reply{}, fmt.Errorf("booking: %w", unknownErr{})
	})); err == nil {
		t.Fatal("want the callback's error")
	}
	c := &counter{reply: ledger.Reply{Status: 200, Body: []byte("reconciled")}}
	_, err := l.Do(context.Background(), call("4", "b", c.run))
	var ae *ledger.AbandonedError
	if !errors.As(err, &ae) || ae.Action != ledger.ActionRefuse || ae.Abandoned.OrderID != "4" || errors.Is(err, ledger.ErrInProgress) {
		t.Fatalf("err = %v, want a refused *AbandonedError", err)
	}
	mu.Lock()
	action = ledger.ActionHold
	mu.Unlock()
	if _, err := l.Do(context.Background(), call("4", "b", c.run)); !errors.Is(err, ledger.ErrInProgress) {
		t.Fatalf("held err = %v, want ErrInProgress", err)
	}
	if c.runs.Load() != 0 {
		t.Fatal("the callback ran for a refused or held key")
	}
	mu.Lock()
	action = ledger.ActionRerun
	mu.Unlock()
	var seen ledger.Abandoned
	res, err := l.Do(context.Background(), call("4", "b", func(ctx context.Context) (ledger.Reply, error) {
		a, ok := ledger.AbandonedFrom(ctx)
		if !ok {
			t.Error("AbandonedFrom: no abandoned claim in a rerun")
		}
		seen = a
		return c.run(ctx)
	}))
	if err != nil || res.Outcome != ledger.OutcomeRerun || string(res.Reply.Body) != "reconciled" {
		t.Fatalf("rerun = %+v, %v", res, err)
	}
	if seen.OrderID != "4" || seen.Operation != "commit" || seen.Fence <= 0 {
		t.Errorf("Abandoned = %+v", seen)
	}
	res, err = l.Do(context.Background(), call("4", "b", c.run))
	if err != nil || res.Outcome != ledger.OutcomeReplayed || c.runs.Load() != 1 || len(hooked) != 3 {
		t.Fatalf("after the rerun: %+v, %v, runs %d, hook calls %d", res, err, c.runs.Load(), len(hooked))
	}
	if _, ok := ledger.AbandonedFrom(context.Background()); ok {
		t.Error("AbandonedFrom of a plain context reports a claim")
	}
}

func TestCancelledCallerAbandonsNeverReleases(t *testing.T) {
	t.Parallel()
	var hookCalls atomic.Int32
	l := newLedger(t, ledger.NewMemoryStore(), ledger.WithAbandonedHook(func(context.Context, ledger.Abandoned) ledger.Action {
		hookCalls.Add(1)
		return ledger.ActionRefuse
	}))
	ctx, cancel := context.WithCancel(context.Background())
	inside := make(chan struct{})
	var runs atomic.Int32
	go func() { <-inside; cancel() }()
	_, err := l.Do(ctx, call("6", "b", func(ctx context.Context) (ledger.Reply, error) {
		runs.Add(1)
		close(inside)
		<-ctx.Done() // the instance is going away mid-booking
		return ledger.Reply{}, ctx.Err()
	}))
	// ErrInProgress when Do saw the context end first, else the callback's
	// own error: never a success, never a release.
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// The retry must go to the hook, not into a second booking. The
	// bookkeeping of the first call finishes in the background.
	var ae *ledger.AbandonedError
	for i := 0; ; i++ {
		_, err = l.Do(context.Background(), call("6", "b", func(context.Context) (ledger.Reply, error) {
			runs.Add(1)
			return ledger.Reply{Status: 200}, nil
		}))
		if errors.As(err, &ae) || i == 100 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if ae == nil || hookCalls.Load() == 0 || runs.Load() != 1 {
		t.Fatalf("retry: err %v, hook calls %d, runs %d; want the hook and one run", err, hookCalls.Load(), runs.Load())
	}
}

func TestCallerDeadlineAnswersInProgressAndTheLateReplyIsRecorded(t *testing.T) {
	t.Parallel()
	l := newLedger(t, ledger.NewMemoryStore(), ledger.WithWait(0))
	finished := make(chan struct{})
	started := make(chan struct{})
	// The caller's deadline passes once the callback runs (a timer could
	// pass before the claim on a loaded machine: the claim is then given
	// back and the callback never runs here).
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	go func() { <-started; cancel(context.DeadlineExceeded) }()
	_, err := l.Do(ctx, call("8", "b", func(context.Context) (ledger.Reply, error) {
		close(started)
		defer close(finished)
		time.Sleep(100 * time.Millisecond) // ignores its context
		return ledger.Reply{Status: 200, Body: []byte("late")}, nil
	}))
	if !errors.Is(err, ledger.ErrInProgress) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrInProgress", err)
	}
	<-finished
	var res ledger.Result
	for i := 0; i < 100; i++ {
		if res, err = l.Do(context.Background(), call("8", "b", nil2)); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil || string(res.Reply.Body) != "late" || res.Outcome != ledger.OutcomeReplayed {
		t.Fatalf("retry = %+v, %v; want the late reply replayed", res, err)
	}
}

func nil2(context.Context) (ledger.Reply, error) {
	panic("the callback must not run")
}

// flaky wraps a Store; its methods fail while the corresponding flag is set.
type flaky struct {
	ledger.Store
	begin, renew, complete atomic.Bool
}

var errDown = errors.New("connection refused")

func (f *flaky) Begin(ctx context.Context, key string, h []byte, lease, keep time.Duration) (ledger.Record, bool, error) {
	if f.begin.Load() {
		return ledger.Record{}, false, errDown
	}
	return f.Store.Begin(ctx, key, h, lease, keep)
}

func (f *flaky) Renew(ctx context.Context, key string, fence int64, lease time.Duration) error {
	if f.renew.Load() {
		return errDown
	}
	return f.Store.Renew(ctx, key, fence, lease)
}

func (f *flaky) Complete(ctx context.Context, key string, fence int64, r ledger.Reply, keep time.Duration) error {
	if f.complete.Load() {
		return errDown
	}
	return f.Store.Complete(ctx, key, fence, r, keep)
}

func TestStoreOutageFailsClosed(t *testing.T) {
	t.Parallel()
	f := &flaky{Store: ledger.NewMemoryStore()}
	l := newLedger(t, f)
	c := &counter{reply: ledger.Reply{Status: 200, Body: []byte("ok")}}
	f.begin.Store(true)
	_, err := l.Do(context.Background(), call("1", "b", c.run))
	var se *ledger.StoreError
	if !errors.As(err, &se) || se.Op != "begin" || !errors.Is(err, errDown) {
		t.Fatalf("err = %v, want *StoreError wrapping the outage", err)
	}
	if c.runs.Load() != 0 {
		t.Fatal("the callback ran without the store")
	}
	f.begin.Store(false)
	if res, err := l.Do(context.Background(), call("1", "b", c.run)); err != nil || res.Outcome != ledger.OutcomeFirst {
		t.Fatalf("after the outage: %+v, %v", res, err)
	}
}

func TestUnrecordedReplyIsSentAndTheKeyNeverRerunsSilently(t *testing.T) {
	t.Parallel()
	f := &flaky{Store: ledger.NewMemoryStore()}
	l := newLedger(t, f, ledger.WithLease(60*time.Millisecond))
	c := &counter{reply: ledger.Reply{Status: 200, Body: []byte("ok")}}
	f.complete.Store(true)
	res, err := l.Do(context.Background(), call("1", "b", c.run))
	if err != nil || res.Recorded || string(res.Reply.Body) != "ok" {
		t.Fatalf("Do = %+v, %v; want the reply, unrecorded", res, err)
	}
	f.complete.Store(false)
	time.Sleep(150 * time.Millisecond)
	var ae *ledger.AbandonedError
	if _, err := l.Do(context.Background(), call("1", "b", c.run)); !errors.As(err, &ae) {
		t.Fatalf("retry err = %v, want *AbandonedError", err)
	}
	if c.runs.Load() != 1 {
		t.Fatalf("runs = %d, want 1", c.runs.Load())
	}
}

func TestDeadInstanceLeaseRunsOutAndSlowHolderCannotOverwrite(t *testing.T) {
	t.Parallel()
	mem := ledger.NewMemoryStore()
	dead := &flaky{Store: mem}
	dead.renew.Store(true) // this instance's heartbeats never arrive
	rerun := func(context.Context, ledger.Abandoned) ledger.Action { return ledger.ActionRerun }
	a := newLedger(t, dead, ledger.WithLease(60*time.Millisecond))
	b := newLedger(t, mem, ledger.WithLease(time.Minute), ledger.WithAbandonedHook(rerun))
	unblock := make(chan struct{})
	aDone := make(chan ledger.Result, 1)
	go func() {
		res, _ := a.Do(context.Background(), call("1", "b", func(context.Context) (ledger.Reply, error) {
			<-unblock
			return ledger.Reply{Status: 200, Body: []byte("from A")}, nil
		}))
		aDone <- res
	}()
	time.Sleep(200 * time.Millisecond)
	res, err := b.Do(context.Background(), call("1", "b", func(context.Context) (ledger.Reply, error) {
		return ledger.Reply{Status: 200, Body: []byte("from B")}, nil
	}))
	if err != nil || res.Outcome != ledger.OutcomeRerun {
		t.Fatalf("B = %+v, %v; want a rerun decided by the hook", res, err)
	}
	close(unblock)
	if ra := <-aDone; ra.Recorded {
		t.Fatalf("A's late reply was recorded over B's: %+v", ra)
	}
	res, err = b.Do(context.Background(), call("1", "b", nil2))
	if err != nil || string(res.Reply.Body) != "from B" {
		t.Fatalf("replay = %+v, %v; want B's reply", res, err)
	}
}

func TestHeartbeatKeepsALongCallbackPending(t *testing.T) {
	t.Parallel()
	s := ledger.NewMemoryStore()
	var hook atomic.Int32
	opts := []ledger.Option{ledger.WithLease(300 * time.Millisecond), ledger.WithWait(0),
		ledger.WithAbandonedHook(func(context.Context, ledger.Abandoned) ledger.Action { hook.Add(1); return ledger.ActionRerun })}
	a, b := newLedger(t, s, opts...), newLedger(t, s, opts...)
	gate := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = a.Do(context.Background(), call("1", "b", func(context.Context) (ledger.Reply, error) {
			<-gate
			return ledger.Reply{Status: 200}, nil
		}))
	}()
	for i := 0; i < 10; i++ { // 3 leases long
		time.Sleep(90 * time.Millisecond)
		if _, err := b.Do(context.Background(), call("1", "b", nil2)); !errors.Is(err, ledger.ErrInProgress) {
			t.Fatalf("check %d: %v, want ErrInProgress", i, err)
		}
	}
	close(gate)
	<-done
	if hook.Load() != 0 {
		t.Fatal("a live, renewed call was treated as abandoned")
	}
}

func TestHookPanicRefuses(t *testing.T) {
	t.Parallel()
	l := newLedger(t, ledger.NewMemoryStore(), ledger.WithAbandonedHook(func(context.Context, ledger.Abandoned) ledger.Action {
		panic("hook bug")
	}))
	_, _ = l.Do(context.Background(), call("1", "b", func(context.Context) (ledger.Reply, error) {
		return ledger.Reply{}, unknownErr{}
	}))
	var ae *ledger.AbandonedError
	if _, err := l.Do(context.Background(), call("1", "b", nil2)); !errors.As(err, &ae) || ae.Action != ledger.ActionRefuse {
		t.Fatalf("err = %v, want a refusal", err)
	}
}

func TestMisuse(t *testing.T) {
	t.Parallel()
	ok := func(context.Context) (ledger.Reply, error) { return ledger.Reply{}, nil }
	var nl *ledger.Ledger
	if _, err := nl.Do(context.Background(), call("1", "b", ok)); err == nil {
		t.Error("nil Ledger: no error")
	}
	if _, err := (&ledger.Ledger{}).Do(context.Background(), call("1", "b", ok)); err == nil {
		t.Error("zero Ledger: no error")
	}
	if _, err := ledger.New(nil); err == nil {
		t.Error("New(nil): no error")
	}
	var nms *ledger.MemoryStore
	if _, err := ledger.New(nms); err == nil {
		t.Error("New(nil *MemoryStore): no error")
	}
	for name, o := range map[string]ledger.Option{
		"lease": ledger.WithLease(time.Millisecond), "wait": ledger.WithWait(-1),
		"retention": ledger.WithRetention(0), "hook": ledger.WithAbandonedHook(nil), "logger": ledger.WithLogger(nil),
	} {
		if _, err := ledger.New(ledger.NewMemoryStore(), o); err == nil {
			t.Errorf("%s: bad option accepted", name)
		}
	}
	l := newLedger(t, ledger.NewMemoryStore(), nil)
	for name, c := range map[string]*ledger.Call{
		"nil call":     nil,
		"no op":        {OrderID: "1", Run: ok},
		"colon op":     {Operation: "a:b", OrderID: "1", Run: ok},
		"no order":     {Operation: "commit", Run: ok},
		"long order":   {Operation: "commit", OrderID: string(make([]byte, ledger.MaxOrderIDLen+1)), Run: ok},
		"control char": {Operation: "commit", OrderID: "1\n2", Run: ok},
		"no run":       {Operation: "commit", OrderID: "1"},
	} {
		if _, err := l.Do(context.Background(), c); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	var nilCtx context.Context // a nil context is taken as Background
	if _, err := l.Do(nilCtx, call("1", "b", ok)); err != nil {
		t.Errorf("nil ctx: %v", err)
	}
}

func TestHooksReportEveryState(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var states []string
	hooks := hotelsdk.Hooks{OnEvent: func(_ context.Context, e hotelsdk.Event) {
		mu.Lock()
		defer mu.Unlock()
		if e.Name != hotelsdk.EventLedgerHit || e.Platform != "douyin" {
			t.Errorf("event %+v", e)
		}
		var op, state string
		for _, a := range e.Attrs {
			switch a.Key {
			case "operation":
				op = a.Value.String()
			case "state":
				state = a.Value.String()
			case "order_id":
				t.Error("the event carries the order id")
			}
		}
		if op != "commit" {
			t.Errorf("operation = %q", op)
		}
		states = append(states, state)
	}}
	f := &flaky{Store: ledger.NewMemoryStore()}
	l := newLedger(t, f, ledger.WithHooks(hooks), ledger.WithWait(0))
	c := &counter{reply: ledger.Reply{Status: 200}}
	_, _ = l.Do(context.Background(), call("1", "b", c.run))
	_, _ = l.Do(context.Background(), call("1", "b", c.run))
	_, _ = l.Do(context.Background(), call("1", "other", c.run))
	_, _ = l.Do(context.Background(), call("2", "b", func(context.Context) (ledger.Reply, error) { return ledger.Reply{}, unknownErr{} }))
	_, _ = l.Do(context.Background(), call("2", "b", c.run))
	f.begin.Store(true)
	_, _ = l.Do(context.Background(), call("3", "b", c.run))
	mu.Lock()
	defer mu.Unlock()
	want := []string{"first", "replay", "conflict", "first", "abandoned", "store_error"}
	if fmt.Sprint(states) != fmt.Sprint(want) {
		t.Fatalf("states = %v, want %v", states, want)
	}
}

// commitsThenCancels acts as PostgreSQL does when the caller gives up
// during Begin: the claim is committed server-side, then the caller's
// context ends and the driver reports the context's error.
type commitsThenCancels struct {
	ledger.Store
	cancel context.CancelFunc
	once   sync.Once
}

func (s *commitsThenCancels) Begin(ctx context.Context, key string, h []byte, lease, keep time.Duration) (ledger.Record, bool, error) {
	rec, claimed, err := s.Store.Begin(ctx, key, h, lease, keep)
	s.once.Do(s.cancel)
	if ctx.Err() != nil {
		return ledger.Record{}, false, ctx.Err()
	}
	return rec, claimed, err
}

// A claim committed for a caller that gave up during Begin is given back:
// Douyin's redelivery runs the callback at once instead of meeting a
// pending key nobody works on (seen on PostgreSQL in the fleet test).
func TestCallerGoneDuringBeginReleasesTheClaim(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := newLedger(t, &commitsThenCancels{Store: ledger.NewMemoryStore(), cancel: cancel})
	c := &counter{reply: ledger.Reply{Status: 200, Body: []byte("ok")}}
	if _, err := l.Do(ctx, call("1", "b", c.run)); !errors.Is(err, ledger.ErrInProgress) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrInProgress wrapping context.Canceled", err)
	}
	if n := c.runs.Load(); n != 0 {
		t.Fatalf("callback ran %d times for a caller that had gone", n)
	}
	res, err := l.Do(context.Background(), call("1", "b", c.run))
	if err != nil || res.Outcome != ledger.OutcomeFirst || c.runs.Load() != 1 {
		t.Fatalf("redelivery = %+v, %v (runs %d), want the callback run once now", res, err, c.runs.Load())
	}
}
