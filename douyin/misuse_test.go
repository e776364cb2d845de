package douyin

import (
	"context"
	"errors"
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUninitialisedClientsReturnErrors calls every method of a nil and a
// zero-value Client: each returns a clear error, none panics.
func TestUninitialisedClientsReturnErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
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
}

func TestNilRequestsAreValidationErrors(t *testing.T) {
	t.Parallel()
	mt := httpmock.NewMockTransport()
	c := newOutboundClient(t, mt, newObClock())
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"status": func() error { _, err := c.UpdateOrderStatus(ctx, nil); return err },
		"sync":   func() error { _, err := c.SyncOrder(ctx, nil); return err },
	} {
		err := call()
		var ve *hotelsdk.ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.Equal(t, []hotelsdk.FieldError{{Message: "request is nil"}}, ve.Problems, name)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestNilErrorValuesDoNotPanic(t *testing.T) {
	t.Parallel()
	var ae *APIError
	assert.Equal(t, "douyin: <nil *APIError>", ae.Error())
	assert.False(t, ae.Retryable())
	assert.False(t, ae.TokenRejected())
	assert.False(t, errors.Is(ae, ErrTokenRejected))
	require.Error(t, (*SyncOrderRequest)(nil).SetOrderDetail(map[string]string{}))
	var src *reuseTokenSource
	_, err := src.Token(context.Background())
	require.ErrorContains(t, err, "not made by ReuseTokenSource or NewClient")
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
	_, err = s.LockRefresh(ctx, "k", time.Minute)
	require.Error(t, err)
}
