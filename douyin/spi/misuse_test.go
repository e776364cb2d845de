package spi

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

func TestUninitialisedSPIHandlerAnswersAnError(t *testing.T) {
	t.Parallel()
	for name, h := range map[string]*Handler{"nil": nil, "zero": {}} {
		rec := serve(h, signedReq(t, OpCommitOrder.Path(), sampleCommitJSON))
		assert.Equal(t, http.StatusInternalServerError, rec.Code, name)
		assert.JSONEq(t, `{"data":{"error_code":2100001,"description":"SPI handler not initialised: create it with NewHandler"}}`,
			rec.Body.String(), name)
	}
}

// A typed nil *Error returned as an error is the integrator's bug: it is
// answered as an internal error, not a panic and not a success.
func TestSPIHandlerTypedNilSPIError(t *testing.T) {
	t.Parallel()
	var seen error
	impl := &fakeSPI{commit: func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
		var e *Error
		return nil, e
	}}
	h := newTestHandler(t, impl, WithErrorHandler(func(_ context.Context, _ Operation, err error) { seen = err }))
	rec := serve(h, signedReq(t, OpCommitOrder.Path(), sampleCommitJSON))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"data":{"error_code":2100001,"description":"internal error"},`+extraJSON(2100001, "internal error")+`}`, rec.Body.String())
	require.Error(t, seen)
	assert.Equal(t, "spi: <nil *Error>", seen.Error())
}

// WithErrorHandler's callback is integrator code: its panic is recovered
// and logged without its value, and Douyin still gets the error reply.
func TestSPIHandlerErrorHandlerPanic(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	impl := &fakeSPI{commit: func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
		return nil, errors.New("db down")
	}}
	h := newTestHandler(t, impl,
		WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		WithErrorHandler(func(context.Context, Operation, error) { panic("handler bug 13800138000") }))
	rec := serve(h, signedReq(t, OpCommitOrder.Path(), sampleCommitJSON))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"data":{"error_code":2100001,"description":"internal error"},`+extraJSON(2100001, "internal error")+`}`, rec.Body.String())
	assert.Contains(t, logs.String(), "the error handler panicked")
	assert.NotContains(t, logs.String(), "13800138000")
}

// Ids made of blanks are missing, on both sides of the Service, as they are for
// the outbound calls.
func TestSPIValidationTreatsBlankIDsAsMissing(t *testing.T) {
	t.Parallel()
	c := sampleCommit()
	c.OrderID, c.SPUExtID = " ", "\t"
	for name, err := range map[string]error{
		"commit":  c.Validate(),
		"payment": (&NotifyPaymentRequest{OrderID: " ", Status: douyin.PayStatusPaid}).Validate(),
		"cancel":  (&CancelOrderRequest{OrderID: " "}).Validate(),
	} {
		var ve *hotelsdk.ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, "order_id", ve.Problems[0].Field, name)
	}
	require.ErrorContains(t, c.Validate(), "spu_ext_id: is required")
}

func TestNilErrorValuesDoNotPanic(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "spi: <nil *PanicError>", (*PanicError)(nil).Error())
	assert.Equal(t, "spi: <nil *Error>", (*Error)(nil).Error())
	assert.NoError(t, (*Error)(nil).Unwrap())
}

func TestUninitialisedHandlerParseRequest(t *testing.T) {
	t.Parallel()
	for name, h := range map[string]*Handler{"nil": nil, "zero": {}} {
		req, err := h.ParseRequest(signedReq(t, OpCommitOrder.Path(), sampleCommitJSON))
		assert.Nil(t, req, name)
		require.ErrorContains(t, err, "SPI handler not initialised: create it with NewHandler", name)
	}
}
