package spi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Douyin's signature covers the query and the body, not the path: a
// captured, validly signed body replayed to another SPI endpoint within the
// window must not reach that endpoint's callback (issue 10 §2).
func TestSignedBodyReplayedToAnotherEndpointIsRejected(t *testing.T) {
	t.Parallel()
	bodies := map[Operation]string{OpCommitOrder: sampleCommitJSON, OpNotifyPayment: paymentJSON, OpCancelOrder: cancelJSON}
	for from, body := range bodies {
		for _, to := range []Operation{OpCommitOrder, OpNotifyPayment, OpCancelOrder} {
			if to == from {
				continue
			}
			impl := &fakeSPI{}
			rec := serve(newTestHandler(t, impl), signedReq(t, to.Path(), body))
			assert.Equal(t, http.StatusBadRequest, rec.Code, "%s body to %s: %s", from, to, rec.Body.String())
			assert.Contains(t, rec.Body.String(), "invalid request", "%s body to %s", from, to)
			assert.Empty(t, impl.Calls(), "%s body to %s reached the callback", from, to)
		}
	}
}

// A mandatory field that is absent is not its zero value: a cancel without
// order_status is not a cancel of an unpaid order (issue 10 §2).
func TestMandatoryFieldsMustBePresent(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		op   Operation
		body string
		desc string
	}{
		{OpCancelOrder, `{"supplier_ext_id":"S1","order_id":"DY1","order_ext_id":"H-DY1"}`, "order_status: is required"},
		{OpCancelOrder, `{"order_id":"DY1","order_status":null}`, "order_status: is required"},
		{OpNotifyPayment, `{"supplier_ext_id":"S1","order_id":"DY1","order_ext_id":"H-DY1"}`, "status: is required"},
		{OpNotifyPayment, `{"status":1}`, "order_id: is required"},
		{OpCommitOrder, strings.Replace(sampleCommitJSON, `"status":1,`, ``, 1), "status: is required"},
		{OpCommitOrder, strings.Replace(sampleCommitJSON, `"total_price":88000,`, ``, 1), "total_price: is required"},
	} {
		impl := &fakeSPI{}
		rec := serve(newTestHandler(t, impl), signedReq(t, tc.op.Path(), tc.body))
		rejected(t, impl, rec, http.StatusBadRequest, tc.desc)
	}
	// Zero values that are present are accepted.
	impl := &fakeSPI{}
	rec := serve(newTestHandler(t, impl), signedReq(t, OpCancelOrder.Path(), `{"order_id":"DY1","order_status":0}`))
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	// Fields no SPI operation has are tolerated (Douyin may add some).
	rec = serve(newTestHandler(t, impl), signedReq(t, OpCancelOrder.Path(), `{"order_id":"DY1","order_status":1,"refund_reason":"x"}`))
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

// The callback gets what it needs to dedupe and trace a call: Douyin's
// logid and the SHA-256 of the raw body (issue 10 §2).
func TestCallbackGetsLogIDAndBodyDigest(t *testing.T) {
	t.Parallel()
	var got []string
	impl := &fakeSPI{
		commit: func(_ context.Context, r *CommitOrderRequest) (*CommitOrderResult, error) {
			got = append(got, r.LogID, r.BodySHA256)
			return &CommitOrderResult{OrderExtID: "H"}, nil
		},
		payment: func(_ context.Context, r *NotifyPaymentRequest) (*NotifyPaymentResult, error) {
			got = append(got, r.LogID, r.BodySHA256)
			return &NotifyPaymentResult{}, nil
		},
		cancel: func(_ context.Context, r *CancelOrderRequest) (*CancelOrderResult, error) {
			got = append(got, r.LogID, r.BodySHA256)
			return &CancelOrderResult{}, nil
		},
	}
	h := newTestHandler(t, impl)
	var want []string
	for op, body := range map[Operation]string{OpCommitOrder: sampleCommitJSON, OpNotifyPayment: paymentJSON, OpCancelOrder: cancelJSON} {
		got = nil
		rec := serve(h, signedReq(t, op.Path(), body))
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		sum := sha256.Sum256([]byte(body))
		want = []string{"DYLOG1", hex.EncodeToString(sum[:])}
		assert.Equal(t, want, got, op)

		parsed, err := h.ParseRequest(signedReq(t, op.Path(), body))
		require.NoError(t, err)
		switch p := parsed.(type) {
		case *CommitOrderRequest:
			assert.Equal(t, want, []string{p.LogID, p.BodySHA256})
		case *NotifyPaymentRequest:
			assert.Equal(t, want, []string{p.LogID, p.BodySHA256})
		case *CancelOrderRequest:
			assert.Equal(t, want, []string{p.LogID, p.BodySHA256})
		}
	}
	// Without Douyin's logid header, LogID is empty (the reply's extra.logid
	// is generated).
	r := signedReq(t, OpCancelOrder.Path(), cancelJSON)
	r.Header.Del("X-Bytedance-Logid")
	got = nil
	serve(h, r)
	require.Len(t, got, 2)
	assert.Empty(t, got[0])
}
