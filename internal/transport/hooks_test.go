package transport

import (
	"context"
	"net/http"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type ctxKey string

func TestCallAndAttemptHooks(t *testing.T) {
	rec := &recorder{}
	var events []string
	var end hotelsdk.CallResult
	var attemptCtxSeen []string
	responder := httpmock.NewStringResponder(503, `busy`).Then(func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(200, `{"code":0,"data":{"ok":true}}`)
		r.Header.Set("X-Request-Id", "rid-2")
		return r, nil
	})
	c, _ := newTestClient(t, mockTransport(t, rec, responder), func(cfg *Config) {
		cfg.Hooks = hotelsdk.Hooks{
			OnCallStart: func(ctx context.Context, info hotelsdk.CallInfo) context.Context {
				events = append(events, "call.start "+info.Platform+" "+info.Operation)
				assert.True(t, info.Idempotent)
				return context.WithValue(ctx, ctxKey("call"), "span")
			},
			OnAttemptStart: func(ctx context.Context, info hotelsdk.RequestInfo) context.Context {
				events = append(events, "attempt.start")
				assert.Equal(t, "span", ctx.Value(ctxKey("call")), "attempt runs under the call's context")
				assert.NotContains(t, info.URL, "TOKEN-SECRET-123")
				return context.WithValue(ctx, ctxKey("attempt"), info.Attempt)
			},
			OnRequest: func(context.Context, hotelsdk.RequestInfo) { events = append(events, "request") },
			OnResponse: func(ctx context.Context, info hotelsdk.ResponseInfo) {
				events = append(events, "response")
				if n, ok := ctx.Value(ctxKey("attempt")).(int); ok && n == info.Attempt {
					attemptCtxSeen = append(attemptCtxSeen, "ok")
				}
			},
			OnCallEnd: func(ctx context.Context, info hotelsdk.CallInfo, r hotelsdk.CallResult) {
				events = append(events, "call.end")
				assert.Equal(t, "span", ctx.Value(ctxKey("call")))
				end = r
			},
		}
	})
	var out map[string]any
	require.NoError(t, c.Do(context.Background(), signedRequest(true, &out)))
	assert.Equal(t, []string{"call.start test thing.create",
		"attempt.start", "request", "response",
		"attempt.start", "request", "response", "call.end"}, events)
	assert.Equal(t, []string{"ok", "ok"}, attemptCtxSeen, "OnResponse gets the attempt's context")
	assert.Equal(t, 2, end.Attempts)
	assert.Equal(t, "rid-2", end.RequestID)
	assert.NoError(t, end.Err)
	assert.False(t, end.OutcomeUnknown)
}

func TestCallEndReportsOutcomeUnknown(t *testing.T) {
	rec := &recorder{}
	var end hotelsdk.CallResult
	c, _ := newTestClient(t, mockTransport(t, rec, httpmock.NewErrorResponder(resetAfterSend())), func(cfg *Config) {
		cfg.Hooks.OnCallEnd = func(_ context.Context, _ hotelsdk.CallInfo, r hotelsdk.CallResult) { end = r }
	})
	err := c.Do(context.Background(), signedRequest(false, new(any)))
	require.Error(t, err)
	assert.Equal(t, 1, end.Attempts)
	assert.Equal(t, err, end.Err)
	assert.True(t, end.OutcomeUnknown)
}
