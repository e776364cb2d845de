package hotelsdkotel_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/trace"

	hotelsdkotel "github.com/hotelsdk/hotelsdk-go/contrib/otel"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

func TestNewRejectsNilProviders(t *testing.T) {
	t.Parallel()
	_, err := hotelsdkotel.New(hotelsdkotel.WithTracerProvider(nil))
	require.ErrorContains(t, err, "WithTracerProvider")
	_, err = hotelsdkotel.New(nil, hotelsdkotel.WithMeterProvider(nil))
	require.ErrorContains(t, err, "WithMeterProvider")
	inst, err := hotelsdkotel.New(nil) // nil options are skipped; global (no-op) providers
	require.NoError(t, err)
	require.NotNil(t, inst.Hooks().OnCallStart)
}

// A nil or zero Instrumentation changes nothing and never panics.
func TestNilInstrumentation(t *testing.T) {
	t.Parallel()
	var inst *hotelsdkotel.Instrumentation
	called := false
	next := hotelsdk.Hooks{OnEvent: func(context.Context, hotelsdk.Event) { called = true }}
	h := inst.Wrap(next)
	h.OnEvent(context.Background(), hotelsdk.Event{})
	assert.True(t, called)
	assert.Nil(t, inst.Hooks().OnCallStart, "no hooks: zero cost")
	assert.Nil(t, (&hotelsdkotel.Instrumentation{}).Hooks().OnCallStart)

	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) })
	rec := httptest.NewRecorder()
	inst.Middleware(ok).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	assert.Equal(t, http.StatusTeapot, rec.Code)
	rec = httptest.NewRecorder()
	newHarness(t).inst.Middleware(nil).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code, "a nil handler serves 404s")
}

// Wrap runs the caller's own hooks too, inside the spans, and keeps the
// contexts they return.
func TestWrapChainsHooks(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	type key struct{}
	var seen []string
	var sawSpan bool
	hooks := h.inst.Wrap(hotelsdk.Hooks{
		OnCallStart: func(ctx context.Context, _ hotelsdk.CallInfo) context.Context {
			seen = append(seen, "call")
			sawSpan = trace.SpanFromContext(ctx).SpanContext().IsValid()
			return context.WithValue(ctx, key{}, "mine")
		},
		OnAttemptStart: func(ctx context.Context, _ hotelsdk.RequestInfo) context.Context {
			seen = append(seen, "attempt:"+ctx.Value(key{}).(string))
			return nil // nil keeps the context as it is
		},
		OnRequest:  func(context.Context, hotelsdk.RequestInfo) { seen = append(seen, "request") },
		OnResponse: func(context.Context, hotelsdk.ResponseInfo) { seen = append(seen, "response") },
		OnCallEnd:  func(context.Context, hotelsdk.CallInfo, hotelsdk.CallResult) { seen = append(seen, "end") },
	})
	info := hotelsdk.CallInfo{Platform: "invoice", Operation: "order.get", Idempotent: true}
	ctx := hooks.OnCallStart(context.Background(), info)
	actx := hooks.OnAttemptStart(ctx, hotelsdk.RequestInfo{Platform: "invoice", Operation: "order.get", Attempt: 1})
	hooks.OnRequest(actx, hotelsdk.RequestInfo{})
	hooks.OnResponse(actx, hotelsdk.ResponseInfo{RequestInfo: hotelsdk.RequestInfo{Platform: "invoice",
		Operation: "order.get", Attempt: 1}, StatusCode: 200})
	hooks.OnCallEnd(ctx, info, hotelsdk.CallResult{Attempts: 1})
	assert.Equal(t, []string{"call", "attempt:mine", "request", "response", "end"}, seen)
	assert.True(t, sawSpan, "the caller's hook runs inside the call span")
	call := h.one("invoice order.get")
	require.Len(t, h.children(call), 1)

	// Ending twice, or from a nil context, is harmless.
	hooks.OnCallEnd(ctx, info, hotelsdk.CallResult{Attempts: 1})
	var nilCtx context.Context // a nil context must not panic
	hooks.OnCallEnd(nilCtx, info, hotelsdk.CallResult{})
	hooks.OnEvent(nilCtx, hotelsdk.Event{Name: hotelsdk.EventLedgerHit})
	assert.Len(t, h.ended("invoice order.get"), 1)
}

// An attempt that fails before it is sent (no OnAttemptStart, e.g. no
// access token) must not end an enclosing call's attempt span.
func TestUnstartedAttemptLeavesOuterSpanAlone(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	hooks := h.inst.Hooks()
	outer := hotelsdk.CallInfo{Platform: "douyin", Operation: "order.status"}
	ctx := hooks.OnCallStart(context.Background(), outer)
	actx := hooks.OnAttemptStart(ctx, hotelsdk.RequestInfo{Platform: "douyin", Operation: "order.status", Attempt: 1})
	// A nested call made under the attempt whose only attempt fails unsent.
	inner := hotelsdk.CallInfo{Platform: "douyin", Operation: "oauth.client_token"}
	ictx := hooks.OnCallStart(actx, inner)
	hooks.OnResponse(ictx, hotelsdk.ResponseInfo{RequestInfo: hotelsdk.RequestInfo{Platform: "douyin",
		Operation: "oauth.client_token", Attempt: 1}, Err: &hotelsdk.ValidationError{}})
	hooks.OnCallEnd(ictx, inner, hotelsdk.CallResult{Attempts: 1, Err: &hotelsdk.ValidationError{}})
	assert.Empty(t, h.ended("douyin order.status attempt"), "the outer attempt is still open")
	assert.Equal(t, "validation", attrs(h.one("douyin oauth.client_token"))[hotelsdkotel.AttrErrorType].AsString())
	hooks.OnResponse(actx, hotelsdk.ResponseInfo{RequestInfo: hotelsdk.RequestInfo{Platform: "douyin",
		Operation: "order.status", Attempt: 1}, StatusCode: 200})
	hooks.OnCallEnd(ctx, outer, hotelsdk.CallResult{Attempts: 1})
	assert.Len(t, h.ended("douyin order.status attempt"), 1)
	assert.Len(t, h.ended("douyin order.status"), 1)
}
