package spi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/internal/lifesign"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/stretchr/testify/require"
)

const ledgerCommitJSON = `{"order_id":"DY-L1","spu_ext_id":"R","status":0,"reserve_amount":1,"check_in":"20240101","check_out":"20240102","total_price":1}`

// booking is a Service whose CommitOrder counts its runs and books through
// book (default: answer H-<order_id> at once).
type booking struct {
	fakeSPI
	runs atomic.Int32
	book func(ctx context.Context, req *CommitOrderRequest) (*CommitOrderResult, error)
}

func (b *booking) CommitOrder(ctx context.Context, req *CommitOrderRequest) (*CommitOrderResult, error) {
	b.runs.Add(1)
	if b.book != nil {
		return b.book(ctx, req)
	}
	return &CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
}

func replyCode(t *testing.T, body []byte) douyin.Code {
	t.Helper()
	var v struct {
		Data struct {
			ErrorCode douyin.Code `json:"error_code"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(body, &v), string(body))
	return v.Data.ErrorCode
}

// Three handlers ("instances") share one store; one commit reaches all three
// at once and is redelivered later: the Service runs once, every reply is
// the same bytes.
func TestLedgerThreeInstancesOneBooking(t *testing.T) {
	t.Parallel()
	store := ledger.NewMemoryStore()
	svc := &booking{book: func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
		time.Sleep(100 * time.Millisecond) // long enough for the duplicates to arrive meanwhile
		return &CommitOrderResult{OrderExtID: "H-1"}, nil
	}}
	var hs []*Handler
	for i := 0; i < 3; i++ {
		hs = append(hs, newTestHandler(t, svc, WithLedger(store)))
	}
	var wg sync.WaitGroup
	replies := make([][]byte, 6)
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := serve(hs[i], signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			replies[i] = rec.Body.Bytes()
		}()
	}
	wg.Wait()
	for i := 3; i < 6; i++ { // Douyin's redelivery
		replies[i] = serve(hs[i%3], signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)).Body.Bytes()
	}
	require.EqualValues(t, 1, svc.runs.Load(), "the Service ran more than once")
	for i := range replies {
		require.Equal(t, string(replies[0]), string(replies[i]), "reply %d differs", i)
	}
	require.Contains(t, string(replies[0]), `"order_ext_id":"H-1"`)
}

func TestLedgerConflictingBody(t *testing.T) {
	t.Parallel()
	svc := &booking{}
	h := newTestHandler(t, svc, WithLedger(ledger.NewMemoryStore()))
	require.Equal(t, http.StatusOK, serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)).Code)
	other := strings.Replace(ledgerCommitJSON, `"total_price":1`, `"total_price":2`, 1)
	rec := serve(h, signedReq(t, "/poi/ext/hotel/order/commit", other))
	require.Equal(t, http.StatusConflict, rec.Code)
	require.Equal(t, douyin.CodeInvalidParameter, replyCode(t, rec.Body.Bytes()))
	require.Contains(t, rec.Body.String(), "different request body")
	require.EqualValues(t, 1, svc.runs.Load())
}

// An instance dies mid-booking (its request context ends): Douyin's retry on
// another instance goes to the abandoned hook, never into a second booking.
func TestLedgerKilledMidCallbackGoesToTheHook(t *testing.T) {
	t.Parallel()
	store := ledger.NewMemoryStore()
	inside := make(chan struct{})
	var once sync.Once
	svc := &booking{book: func(ctx context.Context, req *CommitOrderRequest) (*CommitOrderResult, error) {
		once.Do(func() { close(inside) })
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	var hooked atomic.Int32
	var action atomic.Int32 // ledger.Action
	hook := ledger.WithAbandonedHook(func(_ context.Context, a ledger.Abandoned) ledger.Action {
		hooked.Add(1)
		require.Equal(t, "DY-L1", a.OrderID)
		return ledger.Action(action.Load())
	})
	a := newTestHandler(t, svc, WithLedger(store, hook))
	b := newTestHandler(t, svc, WithLedger(store, hook))
	ctx, kill := context.WithCancel(context.Background())
	go func() { <-inside; kill() }()
	rec := serve(a, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON).WithContext(ctx))
	// 503 "retry" when the handler saw the end first, 500 when the Service's
	// error did: never a success, never a release.
	require.Contains(t, []int{http.StatusServiceUnavailable, http.StatusInternalServerError}, rec.Code)
	var retry *bytes.Buffer
	for i := 0; i < 100; i++ { // the dead instance's bookkeeping lands in the background
		retry = serve(b, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)).Body
		if hooked.Load() > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	require.EqualValues(t, 1, hooked.Load())
	require.EqualValues(t, 1, svc.runs.Load(), "the retry booked again")
	require.Equal(t, douyin.CodeUnknownError, replyCode(t, retry.Bytes()))
	require.Contains(t, retry.String(), "order state unknown after an interrupted attempt")

	// The integrator's hook reruns, and the Service knows it must reconcile.
	action.Store(int32(ledger.ActionRerun))
	svc.book = func(ctx context.Context, req *CommitOrderRequest) (*CommitOrderResult, error) {
		if _, ok := ledger.AbandonedFrom(ctx); !ok {
			return nil, errors.New("rerun without the abandoned claim")
		}
		return &CommitOrderResult{OrderExtID: "H-RECONCILED"}, nil
	}
	rec = serve(b, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "H-RECONCILED")
}

func TestLedgerDeadlineAnswersRetryAndRecordsTheLateReply(t *testing.T) {
	t.Parallel()
	svc := &booking{book: func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
		time.Sleep(150 * time.Millisecond) // a booking that ignores its context
		return &CommitOrderResult{OrderExtID: "H-LATE"}, nil
	}}
	h := newTestHandler(t, svc, WithLedger(ledger.NewMemoryStore(), ledger.WithWait(0)), WithDeadline(30*time.Millisecond))
	rec := serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, douyin.CodeSystemBusy, replyCode(t, rec.Body.Bytes()))
	// On a loaded machine the deadline may pass before the ledger claims
	// the key: the claim is then given back and the booking runs on a
	// redelivery instead. Either way it runs once and its late reply is
	// replayed.
	var body string
	for i := 0; i < 200 && !strings.Contains(body, "H-LATE"); i++ {
		body = serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)).Body.String()
		time.Sleep(5 * time.Millisecond)
	}
	require.Contains(t, body, "H-LATE")
	require.EqualValues(t, 1, svc.runs.Load())
}

func TestDeadlineWithoutLedger(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	defer close(release)
	svc := &booking{book: func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
		<-release
		return &CommitOrderResult{OrderExtID: "H"}, nil
	}}
	h := newTestHandler(t, svc, WithDeadline(20*time.Millisecond))
	rec := serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, douyin.CodeSystemBusy, replyCode(t, rec.Body.Bytes()))
}

// failingStore fails every Begin.
type failingStore struct{ ledger.Store }

func (failingStore) Begin(context.Context, string, []byte, time.Duration, time.Duration) (ledger.Record, bool, error) {
	return ledger.Record{}, false, errors.New("dial tcp 127.0.0.1:6379: connection refused")
}

func TestLedgerStoreOutageFailsClosed(t *testing.T) {
	t.Parallel()
	svc := &booking{}
	h := newTestHandler(t, svc, WithLedger(failingStore{ledger.NewMemoryStore()}))
	rec := serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, douyin.CodeSystemBusy, replyCode(t, rec.Body.Bytes()))
	require.NotContains(t, rec.Body.String(), "6379")
	require.EqualValues(t, 0, svc.runs.Load())
}

func TestLedgerServiceErrorReleasesAndUnknownOutcomeAbandons(t *testing.T) {
	t.Parallel()
	svc := &booking{}
	fail := errors.New("db down")
	svc.book = func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) { return nil, fail }
	h := newTestHandler(t, svc, WithLedger(ledger.NewMemoryStore()))
	require.Equal(t, http.StatusInternalServerError, serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)).Code)
	svc.book = func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) { return nil, unknownOutcome{} }
	require.Equal(t, http.StatusInternalServerError, serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)).Code)
	svc.book = nil
	rec := serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
	require.Equal(t, douyin.CodeUnknownError, replyCode(t, rec.Body.Bytes()), "an unknown outcome must not be retried into a second booking")
	require.EqualValues(t, 2, svc.runs.Load())
}

type unknownOutcome struct{}

func (unknownOutcome) Error() string        { return "create: outcome unknown" }
func (unknownOutcome) OutcomeUnknown() bool { return true }

func TestSignatureReportOnly(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	svc := &booking{}
	h := newTestHandler(t, svc, WithSignatureReportOnly(), WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	bad := signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)
	bad.Header.Set(lifesign.HeaderSign, "deadbeefdeadbeef")
	rec := serve(h, bad)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	unsigned := signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)
	unsigned.Header.Del(lifesign.HeaderSign)
	require.Equal(t, http.StatusOK, serve(h, unsigned).Code)
	require.Equal(t, http.StatusOK, serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)).Code)
	require.EqualValues(t, 3, svc.runs.Load())
	out := logs.String()
	require.Contains(t, out, `"verdict":"accepted_unverified","signature":"invalid_signature","reason":"invalid signature (x-life-sign)"`)
	require.Contains(t, out, `"verdict":"accepted_unverified","signature":"not_signed","reason":"missing signature (x-life-sign)"`)
	require.NotContains(t, out, `"verdict":"rejected"`, "served calls are not logged as rejected")
	require.Contains(t, out, `"verdict":"accepted"`)
	require.NotContains(t, out, "deadbeef")
	require.NotContains(t, out, spiTestSecret)

	// Without report-only, the same bad call is rejected.
	strict := newTestHandler(t, svc)
	bad = signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON)
	bad.Header.Set(lifesign.HeaderSign, "deadbeefdeadbeef")
	require.Equal(t, http.StatusUnauthorized, serve(strict, bad).Code)
}

func TestLedgerOptionsMisuse(t *testing.T) {
	t.Parallel()
	for name, o := range map[string]Option{
		"nil store":     WithLedger(nil),
		"bad ledger":    WithLedger(ledger.NewMemoryStore(), ledger.WithWait(-1)),
		"zero deadline": WithDeadline(0),
	} {
		_, err := NewHandler(&booking{}, WithCredentials(spiTestKey, spiTestSecret), o)
		require.Error(t, err, name)
	}
}

func TestLedgerEventsReachTheHandlersHooks(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	names := map[string]int{}
	hooks := hotelsdk.Hooks{OnEvent: func(_ context.Context, e hotelsdk.Event) {
		mu.Lock()
		defer mu.Unlock()
		names[e.Name]++
	}}
	h := newTestHandler(t, &booking{}, WithLedger(ledger.NewMemoryStore()), WithHooks(hooks))
	serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
	serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, 2, names[hotelsdk.EventLedgerHit], "%v", names)
	require.Equal(t, 2, names[hotelsdk.EventSPIVerdict], "%v", names)
}

// With a ledger, the log line and the verdict carry the error_code the
// Service's business error was answered with, on the first call and on its
// replay, in both reply forms (they said error_code=0 and reason ok).
func TestLedgerReportsTheRepliedErrorCode(t *testing.T) {
	t.Parallel()
	for name, flat := range map[string]bool{"wrapped": false, "flat": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			var mu sync.Mutex
			var verdicts []map[string]string
			hooks := hotelsdk.Hooks{OnEvent: func(_ context.Context, e hotelsdk.Event) {
				if e.Name != hotelsdk.EventSPIVerdict {
					return
				}
				m := map[string]string{}
				for _, a := range e.Attrs {
					m[a.Key] = a.Value.String()
				}
				mu.Lock()
				defer mu.Unlock()
				verdicts = append(verdicts, m)
			}}
			svc := &booking{book: func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
				return nil, &Error{Code: 40004, Description: "unknown room type"}
			}}
			opts := []Option{WithLedger(ledger.NewMemoryStore()), WithHooks(hooks),
				WithLogger(slog.New(slog.NewJSONHandler(&logs, nil)))}
			if flat {
				opts = append(opts, WithFlatReplies())
			}
			h := newTestHandler(t, svc, opts...)
			for range 2 {
				rec := serve(h, signedReq(t, "/poi/ext/hotel/order/commit", ledgerCommitJSON))
				require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
				require.Contains(t, rec.Body.String(), `"error_code":40004`)
			}
			require.EqualValues(t, 1, svc.runs.Load())
			lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
			require.Len(t, lines, 2, logs.String())
			for i, line := range lines {
				var l map[string]any
				require.NoError(t, json.Unmarshal([]byte(line), &l))
				require.EqualValues(t, 40004, l["error_code"], "log line %d: %s", i, line)
				require.Equal(t, "WARN", l["level"], "a business error is logged as a warning: %s", line)
			}
			require.Contains(t, lines[1], `"reason":"replayed by the ledger"`)
			mu.Lock()
			defer mu.Unlock()
			require.Len(t, verdicts, 2)
			for _, v := range verdicts {
				require.Equal(t, "40004", v["error_code"], "%v", v)
				require.Equal(t, "business_error", v["reason"], "%v", v)
				require.Equal(t, "accepted", v["verdict"], "%v", v)
			}
		})
	}
}

func TestReplyErrorCode(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]douyin.Code{
		`{"data":{"error_code":40004,"description":"x"},"extra":{"error_code":40004}}`: 40004,
		`{"data":{"order_ext_id":"H1","error_code":0,"description":""},"extra":{}}`:    0,
		`{"error_code":"2100004","description":"busy"}`:                                douyin.CodeSystemBusy,
		`{"order_ext_id":"H1","error_code":0}`:                                         0,
		`not json`:                                                                     douyin.CodeUnknownError,
	} {
		require.Equal(t, want, replyErrorCode([]byte(body)), body)
	}
}
