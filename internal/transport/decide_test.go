package transport

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRetryReasonInLogAndHook: every failed attempt's log line and
// ResponseInfo say whether it is retried and why.
func TestRetryReasonInLogAndHook(t *testing.T) {
	cells := []struct {
		name       string
		responder  httpmock.Responder
		idempotent bool
		want       []string // RetryReason per attempt
		retry      []bool
		maybeSent  []bool
	}{
		{"503 idempotent", httpmock.NewStringResponder(503, "busy"), true,
			[]string{"HTTP 503", "HTTP 503", "no attempts left (3 of 3)"}, []bool{true, true, false}, []bool{true, true, true}},
		{"reset write", httpmock.NewErrorResponder(resetAfterSend()), false,
			[]string{"non-idempotent request may have reached the server"}, []bool{false}, []bool{true}},
		{"reset read", httpmock.NewErrorResponder(resetAfterSend()), true,
			[]string{"transient transport error (connection reset)", "transient transport error (connection reset)", "no attempts left (3 of 3)"},
			[]bool{true, true, false}, []bool{true, true, true}},
		{"refused write", httpmock.NewErrorResponder(dialRefused()), false,
			[]string{"the request was never sent (connection refused)", "the request was never sent (connection refused)", "no attempts left (3 of 3)"},
			[]bool{true, true, false}, []bool{false, false, false}},
		{"503 write", httpmock.NewStringResponder(503, "busy"), false,
			[]string{"non-idempotent request reached the server"}, []bool{false}, []bool{true}},
		{"fatal code", httpmock.NewStringResponder(200, `{"code":2100005,"message":"x"}`), true,
			[]string{"the platform's answer is final"}, []bool{false}, []bool{true}},
		{"busy code", httpmock.NewStringResponder(200, `{"code":2100004,"message":"x"}`), true,
			[]string{"the platform reports a transient error", "the platform reports a transient error", "no attempts left (3 of 3)"},
			[]bool{true, true, false}, []bool{true, true, true}},
	}
	for _, cell := range cells {
		t.Run(cell.name, func(t *testing.T) {
			var infos []hotelsdk.ResponseInfo
			var logs bytes.Buffer
			c, _ := newTestClient(t, mockTransport(t, &recorder{}, cell.responder), func(cfg *Config) {
				cfg.Hooks.OnResponse = func(_ context.Context, i hotelsdk.ResponseInfo) { infos = append(infos, i) }
				cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			})
			err := c.Do(context.Background(), signedRequest(cell.idempotent, new(any)))
			require.Error(t, err)
			require.Len(t, infos, len(cell.want))
			var te *hotelsdk.TransportError
			if errors.As(err, &te) {
				assert.Equal(t, cell.want[len(cell.want)-1], te.RetryReason, "the final error says why it was not retried")
			}
			lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
			require.Len(t, lines, len(cell.want))
			for i, info := range infos {
				assert.Equal(t, cell.want[i], info.RetryReason, "attempt %d", i+1)
				assert.Equal(t, cell.retry[i], info.WillRetry, "attempt %d", i+1)
				assert.Equal(t, cell.maybeSent[i], info.MaybeSent, "attempt %d", i+1)
				assert.Contains(t, lines[i], `retry_reason="`+cell.want[i]+`"`)
			}
		})
	}
}

func TestRetryReasonOnSuccessIsEmpty(t *testing.T) {
	var infos []hotelsdk.ResponseInfo
	c, _ := newTestClient(t, mockTransport(t, &recorder{}, httpmock.NewStringResponder(200, `{"code":0,"data":{}}`)), func(cfg *Config) {
		cfg.Hooks.OnResponse = func(_ context.Context, i hotelsdk.ResponseInfo) { infos = append(infos, i) }
	})
	require.NoError(t, c.Do(context.Background(), signedRequest(true, new(any))))
	require.Len(t, infos, 1)
	assert.Empty(t, infos[0].RetryReason)
	assert.False(t, infos[0].WillRetry)
	assert.True(t, infos[0].MaybeSent)
}

func TestShouldRetryDeadlineAndRetryAfter(t *testing.T) {
	p := withDefaults(hotelsdk.RetryPolicy{MaxRetryAfter: time.Second})
	now := time.Now()
	resp := &Response{StatusCode: 503}
	ctx, cancel := context.WithDeadline(context.Background(), now.Add(time.Second))
	defer cancel()
	retry, why := shouldRetry(retryInput{ctx: ctx, now: now, idempotent: true, attempt: 1, policy: p,
		out: outcome{kind: kindAnswer, resp: resp, maybeSent: true}, wait: 2 * time.Second})
	assert.False(t, retry)
	assert.Equal(t, "HTTP 503, but the context's deadline comes before the next attempt", why)

	retry, why = shouldRetry(retryInput{ctx: context.Background(), now: now, idempotent: true, attempt: 1, policy: p,
		out: outcome{kind: kindAnswer, resp: resp, maybeSent: true, retryAfter: time.Minute}})
	assert.False(t, retry)
	assert.Equal(t, "HTTP 503 with Retry-After 1m0s, beyond MaxRetryAfter 1s", why)

	retry, why = shouldRetry(retryInput{ctx: context.Background(), now: now, idempotent: true, attempt: 1, policy: p,
		out: outcome{kind: kindSign}})
	assert.False(t, retry)
	assert.Equal(t, "the request could not be signed", why)
}

// TestServerFailureAfterWriteIsOutcomeUnknown: a platform error answered
// with a 5xx to a write says "outcome unknown" and keeps the platform's
// error reachable; answered with a 2xx it is a plain refusal.
func TestServerFailureAfterWriteIsOutcomeUnknown(t *testing.T) {
	for _, status := range []int{200, 400, 500, 502, 504} {
		c, _ := newTestClient(t, mockTransport(t, &recorder{}, httpmock.NewStringResponder(status, `{"code":2100005,"message":"x"}`)))
		err := c.Do(context.Background(), signedRequest(false, new(any)))
		var ae *testAPIError
		require.ErrorAs(t, err, &ae, "status %d", status)
		assert.Equal(t, status >= 500, hotelsdk.OutcomeUnknown(err), "status %d", status)
		assert.Equal(t, status >= 500, strings.Contains(err.Error(), "outcome unknown"), "status %d", status)

		err = c.Do(context.Background(), signedRequest(true, new(any)))
		assert.False(t, hotelsdk.OutcomeUnknown(err), "a read, status %d", status)
	}
}
