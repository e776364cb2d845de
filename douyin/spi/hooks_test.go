package spi

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

type ctxKey struct{}

// Every call, accepted or rejected, is reported once to OnEvent with the
// request's context, an operation, a verdict and a reason code, and
// nothing else of the request.
func TestWithHooksReportsVerdicts(t *testing.T) {
	t.Parallel()
	type verdict struct{ op, verdict, reason, ctx string }
	var got []verdict
	var attrsText strings.Builder
	hooks := hotelsdk.Hooks{OnEvent: func(ctx context.Context, e hotelsdk.Event) {
		require.Equal(t, hotelsdk.EventSPIVerdict, e.Name)
		require.Equal(t, "douyin", e.Platform)
		m := map[string]string{}
		for _, a := range e.Attrs {
			m[a.Key] = a.Value.String()
			fmt.Fprintln(&attrsText, a.Key, a.Value.String())
		}
		v, _ := ctx.Value(ctxKey{}).(string)
		got = append(got, verdict{m["operation"], m["verdict"], m["reason"], v})
	}}
	impl := &fakeSPI{cancel: func(context.Context, *CancelOrderRequest) (*CancelOrderResult, error) {
		return nil, &Error{Code: 40001, Description: "room sold out"}
	}, payment: func(context.Context, *NotifyPaymentRequest) (*NotifyPaymentResult, error) {
		panic("boom")
	}}
	h, err := NewHandler(impl, WithCredentials(spiTestKey, spiTestSecret), WithHooks(hooks))
	require.NoError(t, err)
	serve := func(r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), ctxKey{}, "mine")))
	}
	signed := func(op Operation, body string, secret string) *http.Request {
		r, err := newSignedRequest(op.Path(), spiTestKey, secret, []byte(body), time.Now())
		require.NoError(t, err)
		return r
	}
	const commit = `{"order_id":"DY-SECRET-ORDER","spu_ext_id":"KING-ROOM","status":0,"reserve_amount":1,` +
		`"check_in":"20240301","check_out":"20240303","total_price":88000,"customer_info":[{"name":"张三丰","phone":"13900001111"}]}`
	serve(signed(OpCommitOrder, commit, spiTestSecret))
	serve(signed(OpCommitOrder, commit, "not-the-secret"))
	unsigned := httptest.NewRequest(http.MethodPost, OpCommitOrder.Path(), strings.NewReader(commit))
	unsigned.Header.Set("Content-Type", "application/json")
	serve(unsigned)
	serve(signed(OpCommitOrder, `{"order_id":""}`, spiTestSecret))
	serve(httptest.NewRequest(http.MethodPost, "/elsewhere", nil))
	serve(signed(OpCancelOrder, cancelJSON, spiTestSecret))
	serve(signed(OpNotifyPayment, paymentJSON, spiTestSecret))

	assert.Equal(t, []verdict{
		{"spi.commit_order", "accepted", "ok", "mine"},
		{"spi.commit_order", "rejected", "invalid_signature", "mine"},
		{"spi.commit_order", "rejected", "not_signed", "mine"},
		{"spi.commit_order", "rejected", "invalid_request", "mine"},
		{"unknown", "rejected", "unknown_path", "mine"},
		{"spi.cancel_order", "accepted", "business_error", "mine"},
		{"spi.notify_payment", "accepted", "implementation_panic", "mine"},
	}, got)
	for _, leak := range []string{"DY-SECRET-ORDER", "张三丰", "13900001111", spiTestSecret, "room sold out"} {
		assert.NotContains(t, attrsText.String(), leak)
	}
}

// In report-only mode a call whose signature failed is served, and its
// verdict says so: "accepted_unverified", with the reason it would have
// been rejected for; a call that passed stays "accepted". Its log lines
// say accepted_unverified too, with the reason's text, never the signature.
func TestReportOnlyVerdictIsAcceptedUnverified(t *testing.T) {
	t.Parallel()
	type verdict struct{ op, verdict, reason, status, code string }
	var got []verdict
	hooks := hotelsdk.Hooks{OnEvent: func(_ context.Context, e hotelsdk.Event) {
		m := map[string]string{}
		for _, a := range e.Attrs {
			m[a.Key] = a.Value.String()
		}
		got = append(got, verdict{m["operation"], m["verdict"], m["reason"], m["status"], m["error_code"]})
	}}
	var logs strings.Builder
	impl := &fakeSPI{cancel: func(context.Context, *CancelOrderRequest) (*CancelOrderResult, error) {
		return nil, &Error{Code: 40001, Description: "room sold out"}
	}}
	h, err := NewHandler(impl, WithCredentials(spiTestKey, spiTestSecret), WithSignatureReportOnly(), WithHooks(hooks),
		WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	require.NoError(t, err)
	signed := func(op Operation, body, key, secret string, at time.Time) *http.Request {
		r, err := newSignedRequest(op.Path(), key, secret, []byte(body), at)
		require.NoError(t, err)
		return r
	}
	now := time.Now()
	unsigned := signed(OpCommitOrder, ledgerCommitJSON, spiTestKey, spiTestSecret, now)
	unsigned.Header.Del("x-life-sign")
	for _, r := range []*http.Request{
		signed(OpCommitOrder, ledgerCommitJSON, spiTestKey, spiTestSecret, now),
		signed(OpCommitOrder, ledgerCommitJSON, spiTestKey, "not-the-secret", now),
		unsigned,
		signed(OpCommitOrder, ledgerCommitJSON, "other-key", spiTestSecret, now),
		signed(OpCommitOrder, ledgerCommitJSON, spiTestKey, spiTestSecret, now.Add(-time.Hour)),
		signed(OpCancelOrder, cancelJSON, spiTestKey, "not-the-secret", now),
		signed(OpCommitOrder, `{"order_id":""}`, spiTestKey, "not-the-secret", now),
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
	}
	assert.Equal(t, []verdict{
		{"spi.commit_order", "accepted", "ok", "200", "0"},
		{"spi.commit_order", "accepted_unverified", "invalid_signature", "200", "0"},
		{"spi.commit_order", "accepted_unverified", "not_signed", "200", "0"},
		{"spi.commit_order", "accepted_unverified", "wrong_client_key", "200", "0"},
		{"spi.commit_order", "accepted_unverified", "too_old", "200", "0"},
		{"spi.cancel_order", "accepted_unverified", "invalid_signature", "200", "40001"},
		{"spi.commit_order", "rejected", "invalid_request", "400", "2100005"}, // refused anyway
	}, got)
	assert.Len(t, impl.Calls(), 6, "report-only serves every call with a bad signature")
	out := logs.String()
	assert.Equal(t, 6, strings.Count(out, "verdict=accepted_unverified"), out)
	assert.Equal(t, 1, strings.Count(out, "verdict=accepted\n"), out)
	assert.Contains(t, out, `verdict=accepted_unverified signature=invalid_signature reason="invalid signature (x-life-sign)"`)
	assert.Contains(t, out, `verdict=accepted_unverified signature=not_signed reason="missing signature (x-life-sign)"`)
	// The call's own line names the failed check too.
	assert.Regexp(t, `msg="douyin spi" op=spi.cancel_order .*error_code=40001 .*signature=invalid_signature\n`, out)
	assert.NotContains(t, out, spiTestSecret)
	assert.NotContains(t, out, `verdict=rejected`, "a served call is not logged as rejected")
}
