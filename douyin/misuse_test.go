package douyin

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUninitialisedClientsReturnErrors calls every method of a nil and a
// zero-value Client and SPIClient: each returns a clear error, none panics.
func TestUninitialisedClientsReturnErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	commit := sampleCommit()
	for name, c := range map[string]*Client{"nil": nil, "zero": {}} {
		_, err := c.UpdateOrderStatus(ctx, validStatusRequest())
		assert.EqualError(t, err, "douyin: order.status: Client not initialised: create it with NewClient", name)
		_, err = c.SyncOrder(ctx, validSyncRequest())
		assert.EqualError(t, err, "douyin: order.sync: Client not initialised: create it with NewClient", name)
		_, err = c.FetchClientToken(ctx)
		assert.EqualError(t, err, "douyin: oauth.client_token: Client not initialised: create it with NewClient", name)
		_, err = c.ExchangeUserToken(ctx, "code")
		assert.EqualError(t, err, "douyin: oauth.access_token: Client not initialised: create it with NewClient", name)
		assert.Empty(t, c.BaseURL(), name)
		assert.Nil(t, c.TokenSource(), name)
	}
	for name, c := range map[string]*SPIClient{"nil": nil, "zero": {}} {
		_, err := c.CommitOrder(ctx, commit)
		assert.EqualError(t, err, "douyin: spi.commit_order: SPIClient not initialised: create it with NewSPIClient", name)
		_, err = c.NotifyPayment(ctx, &PaymentStatusRequest{OrderID: "DY1", Status: PayStatusPaid})
		assert.EqualError(t, err, "douyin: spi.notify_payment: SPIClient not initialised: create it with NewSPIClient", name)
		_, err = c.CancelOrder(ctx, &CancelOrderRequest{OrderID: "DY1"})
		assert.EqualError(t, err, "douyin: spi.cancel_order: SPIClient not initialised: create it with NewSPIClient", name)
		assert.Empty(t, c.BaseURL(), name)
	}
}

func TestNilRequestsAreValidationErrors(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c := newOutboundClient(t, mt, newObClock())
	sc, smt := newTestSPIClient(t)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"status":  func() error { _, err := c.UpdateOrderStatus(ctx, nil); return err },
		"sync":    func() error { _, err := c.SyncOrder(ctx, nil); return err },
		"commit":  func() error { _, err := sc.CommitOrder(ctx, nil); return err },
		"payment": func() error { _, err := sc.NotifyPayment(ctx, nil); return err },
		"cancel":  func() error { _, err := sc.CancelOrder(ctx, nil); return err },
	} {
		err := call()
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, []FieldError{{Message: "request is nil"}}, ve.Problems, name)
	}
	assert.Zero(t, mt.GetTotalCallCount())
	assert.Zero(t, smt.GetTotalCallCount())
}

func TestUninitialisedSPIHandlerAnswersAnError(t *testing.T) {
	t.Parallel()
	for name, h := range map[string]*SPIHandler{"nil": nil, "zero": {}} {
		rec := serve(h, signedReq(t, SPIPathCommitOrder, sampleCommitJSON))
		assert.Equal(t, http.StatusInternalServerError, rec.Code, name)
		assert.JSONEq(t, `{"data":{"error_code":2100001,"description":"SPI handler not initialised: create it with NewSPIHandler"}}`,
			rec.Body.String(), name)
	}
}

// A typed nil *SPIError returned as an error is the integrator's bug: it is
// answered as an internal error, not a panic and not a success.
func TestSPIHandlerTypedNilSPIError(t *testing.T) {
	t.Parallel()
	var seen error
	impl := &fakeSPI{commit: func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
		var e *SPIError
		return nil, e
	}}
	h := newTestHandler(t, impl, WithSPIErrorHandler(func(_ context.Context, _ SPIOperation, err error) { seen = err }))
	rec := serve(h, signedReq(t, SPIPathCommitOrder, sampleCommitJSON))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"data":{"error_code":2100001,"description":"internal error"},`+extraJSON(2100001, "internal error")+`}`, rec.Body.String())
	require.Error(t, seen)
	assert.Equal(t, "douyin: <nil *SPIError>", seen.Error())
}

func TestNilErrorValuesDoNotPanic(t *testing.T) {
	t.Parallel()
	var ae *APIError
	assert.Equal(t, "douyin: <nil *APIError>", ae.Error())
	assert.False(t, ae.Retryable())
	assert.False(t, ae.TokenRejected())
	assert.False(t, errors.Is(ae, ErrTokenRejected))
	assert.Equal(t, "douyin: <nil *SPIPanicError>", (*SPIPanicError)(nil).Error())
	assert.Equal(t, Token{}, (*UserTokenData)(nil).Token(obNow))
	require.Error(t, (*SyncOrderRequest)(nil).SetOrderDetail(map[string]string{}))
	var src *ClientCredentialsSource
	_, err := src.Token(context.Background())
	require.ErrorContains(t, err, "without NewClient")
	src.InvalidateToken(context.Background(), "x") // no panic
}

func TestParseHotelOrderDetailWantsAnObject(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"null", "[]", `"x"`, "", "{"} {
		d, err := ParseHotelOrderDetail(s)
		assert.Error(t, err, s)
		assert.Nil(t, d, s)
	}
	d, err := ParseHotelOrderDetail(`{"order_ext_id":"E1","total_price":44000}`)
	require.NoError(t, err)
	assert.Equal(t, &HotelOrderDetail{OrderExtID: "E1", TotalPrice: 44000}, d)
}

func TestFenStringExtremes(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "-92233720368547758.08", Fen(math.MinInt64).String())
	assert.Equal(t, "92233720368547758.07", Fen(math.MaxInt64).String())
	assert.Equal(t, "-0.01", Fen(-1).String())
}

// panicStore is an integrator's TokenStore with a bug.
type panicStore struct{}

func (panicStore) Load(context.Context, string) (Token, error) { panic("store bug: token clt.LEAK") }
func (panicStore) Save(context.Context, string, Token) error   { return nil }

// The refresh runs on a goroutine of its own, where a panic of the store
// would end the process: it becomes the caller's error instead, without the
// panic's value (which might hold a token).
func TestTokenStorePanicIsAnError(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	tok := obMock(mt, http.MethodPost, obTokenURL, obTokenAnswer("clt.1", 7200))
	st := obMock(mt, http.MethodPost, obStatusURL, obJSON(200, obOKStatus))
	c := newOutboundClient(t, mt, newObClock(), WithTokenStore(panicStore{}))
	_, err := c.UpdateOrderStatus(context.Background(), validStatusRequest())
	require.ErrorContains(t, err, "the token store panicked")
	assert.NotContains(t, err.Error(), "LEAK")
	assert.Zero(t, tok.count())
	assert.Zero(t, st.count())
}

// The methods of a nil *MemoryTokenStore (which WithTokenStore refuses)
// return errors.
func TestNilMemoryTokenStore(t *testing.T) {
	t.Parallel()
	var s *MemoryTokenStore
	ctx := context.Background()
	_, err := s.Load(ctx, "k")
	require.Error(t, err)
	require.Error(t, s.Save(ctx, "k", Token{}))
	_, err = s.LockRefresh(ctx, "k")
	require.Error(t, err)
}

// WithSPIErrorHandler's callback is integrator code: its panic is recovered
// and logged without its value, and Douyin still gets the error reply.
func TestSPIHandlerErrorHandlerPanic(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	impl := &fakeSPI{commit: func(context.Context, *CommitOrderRequest) (*CommitOrderResult, error) {
		return nil, errors.New("db down")
	}}
	h := newTestHandler(t, impl,
		WithSPILogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		WithSPIErrorHandler(func(context.Context, SPIOperation, error) { panic("handler bug 13800138000") }))
	rec := serve(h, signedReq(t, SPIPathCommitOrder, sampleCommitJSON))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"data":{"error_code":2100001,"description":"internal error"},`+extraJSON(2100001, "internal error")+`}`, rec.Body.String())
	assert.Contains(t, logs.String(), "the error handler panicked")
	assert.NotContains(t, logs.String(), "13800138000")
}

// Ids made of blanks are missing, on both sides of the SPI, as they are for
// the outbound calls.
func TestSPIValidationTreatsBlankIDsAsMissing(t *testing.T) {
	t.Parallel()
	c := sampleCommit()
	c.OrderID, c.SPUExtID = " ", "\t"
	for name, err := range map[string]error{
		"commit":  c.Validate(),
		"payment": (&PaymentStatusRequest{OrderID: " ", Status: PayStatusPaid}).Validate(),
		"cancel":  (&CancelOrderRequest{OrderID: " "}).Validate(),
	} {
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, "order_id", ve.Problems[0].Field, name)
	}
	require.ErrorContains(t, c.Validate(), "spu_ext_id: is required")
}
