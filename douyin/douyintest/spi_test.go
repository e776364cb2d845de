package douyintest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hotel is an integrator's SPI implementation for the tests.
type hotel struct{ fail bool }

func (h hotel) CommitOrder(_ context.Context, r *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	if h.fail {
		return nil, &spi.Error{Code: 2100005, Description: "room sold out"}
	}
	return &spi.CommitOrderResult{OrderExtID: "EXT-" + r.OrderID}, nil
}

func (h hotel) NotifyPayment(context.Context, *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

func (h hotel) CancelOrder(context.Context, *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	return &spi.CancelOrderResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

func TestSPICallsAreSignedAndRecorded(t *testing.T) {
	t.Parallel()
	s := newSandbox(t)
	h, err := spi.NewHandler(hotel{}, spi.WithCredentials(s.Credentials()))
	require.NoError(t, err)
	integrator := httptest.NewServer(http.StripPrefix("/douyin", h))
	t.Cleanup(integrator.Close)
	caller, err := s.SPI(integrator.URL + "/douyin")
	require.NoError(t, err)
	ctx := context.Background()

	commit := &spi.CommitOrderRequest{OrderID: "DY9", SPUExtID: "R1", Status: douyin.PayStatusUnpaid, ReserveAmount: 1,
		CustomerName: "张三", CustomerPhone: "13800138000",
		CheckIn: douyin.NewDate(2024, 3, 1), CheckOut: douyin.NewDate(2024, 3, 2), TotalPrice: 22000,
		DatePrice: []douyin.DatePrice{{Date: douyin.NewDate(2024, 3, 1), Price: 22000}}}
	cr, err := caller.CommitOrder(ctx, commit)
	require.NoError(t, err)
	assert.Equal(t, "EXT-DY9", cr.Data.OrderExtID)

	pr, err := caller.NotifyPayment(ctx, &spi.NotifyPaymentRequest{SupplierExtID: "H1", OrderID: "DY9", OrderExtID: "EXT-DY9", Status: douyin.PayStatusPaid})
	require.NoError(t, err)
	assert.Equal(t, douyin.ConfirmStatusConfirmed, pr.Data.Status)

	xr, err := caller.CancelOrder(ctx, &spi.CancelOrderRequest{SupplierExtID: "H1", OrderID: "DY9", OrderExtID: "EXT-DY9", OrderStatus: douyin.PayStatusPaid})
	require.NoError(t, err)
	assert.Equal(t, douyin.ConfirmStatusConfirmed, xr.Data.Status)

	ex := s.SPIExchanges()
	require.Len(t, ex, 3)
	assert.Equal(t, douyintest.SPIExchange{Operation: spi.OpCommitOrder, BaseURL: integrator.URL + "/douyin", Request: commit, Reply: cr}, ex[0])
	assert.Equal(t, spi.OpNotifyPayment, ex[1].Operation)
	assert.Equal(t, pr, ex[1].Reply)
	assert.Equal(t, spi.OpCancelOrder, ex[2].Operation)
	assert.Equal(t, xr, ex[2].Reply)

	// A handler with another secret refuses the sandbox's signature.
	key, _ := s.Credentials()
	other, err := spi.NewHandler(hotel{}, spi.WithCredentials(key, "another-secret"))
	require.NoError(t, err)
	bad := httptest.NewServer(other)
	t.Cleanup(bad.Close)
	badCaller, err := s.SPI(bad.URL)
	require.NoError(t, err)
	_, err = badCaller.CommitOrder(ctx, commit)
	require.Error(t, err)
	ex = s.SPIExchanges()
	require.Len(t, ex, 4)
	assert.Nil(t, ex[3].Reply)
	assert.Equal(t, err, ex[3].Err)

	// A business refusal is recorded as an *APIError.
	failing, err := spi.NewHandler(hotel{fail: true}, spi.WithCredentials(s.Credentials()))
	require.NoError(t, err)
	fs := httptest.NewServer(failing)
	t.Cleanup(fs.Close)
	fc, err := s.SPI(fs.URL)
	require.NoError(t, err)
	_, err = fc.CommitOrder(ctx, commit)
	var ae *douyin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "room sold out", ae.Description)

	_, err = s.SPI("not a url")
	require.Error(t, err)
	s.Reset()
	assert.Empty(t, s.SPIExchanges())
}

// A Server not made by NewServer makes no SPIClient; an SPIClient not made
// by its constructors returns errors, never panics.
func TestUninitialisedServerSPI(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]*douyintest.Server{"nil": nil, "zero": {}} {
		caller, err := s.SPI("http://127.0.0.1:1")
		require.ErrorContains(t, err, "create it with NewServer", name)
		assert.Nil(t, caller, name)
		assert.Empty(t, s.SPIExchanges(), name)
	}
	ctx := context.Background()
	for name, c := range map[string]*douyintest.SPIClient{"nil": nil, "zero": {}} {
		_, err := c.CommitOrder(ctx, &spi.CommitOrderRequest{})
		require.ErrorContains(t, err, "create it with NewSPIClient or Server.SPI", name)
		_, err = c.NotifyPayment(ctx, &spi.NotifyPaymentRequest{})
		require.ErrorContains(t, err, "create it with NewSPIClient or Server.SPI", name)
		_, err = c.CancelOrder(ctx, &spi.CancelOrderRequest{})
		require.ErrorContains(t, err, "create it with NewSPIClient or Server.SPI", name)
	}
}
