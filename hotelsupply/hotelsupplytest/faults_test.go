package hotelsupplytest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply/hotelsupplytest"
)

// The sandbox's faults, against the client: an idempotent goods-buy rides
// them out; a create is never sent twice once it may have been served.

func TestFaultsOnGoodsBuyAreRetried(t *testing.T) {
	t.Parallel()
	for _, kind := range []hotelsdktest.FaultKind{
		hotelsdktest.Latency, hotelsdktest.ServerError, hotelsdktest.DropAfterRequest, hotelsdktest.DropBeforeRequest,
	} {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			s := newShop(t)
			// Without keep-alive, net/http never repeats a GET on its own
			// after a dropped connection: the retry seen here is the SDK's.
			c := newClient(t, s, hotelsupply.WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}))
			s.Inject(hotelsdktest.Fault{Kind: kind, Path: hotelsupply.RouteGoodsBuy, Delay: time.Millisecond})
			res, err := c.GoodsBuy(context.Background(), goodsBuy())
			require.NoError(t, err)
			assert.Equal(t, "440.00", res.TotalPrice.String())
			assert.Equal(t, 1, s.FaultsInjected(kind))
			assert.Zero(t, s.PendingFaults())
			gb := s.Requests(hotelsupply.RouteGoodsBuy)
			if kind == hotelsdktest.Latency {
				require.Len(t, gb, 1, "latency only delays")
				return
			}
			require.Len(t, gb, 2, "one failed attempt, one retry")
			assert.Equal(t, kind == hotelsdktest.DropAfterRequest, gb[0].Served, "only drop-after-request serves")
			assert.True(t, gb[1].Served)
		})
	}
}

func TestServerErrorHonoursRetryAfterLimit(t *testing.T) {
	t.Parallel()
	s := newShop(t)
	c := newClient(t, s)
	require.NoError(t, c.Login(context.Background()))
	// The server asks for a longer wait than the client accepts: no retry.
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Status: 503, RetryAfter: 3600, Path: "goods-buy.index"})
	_, err := c.GoodsBuy(context.Background(), goodsBuy())
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 503, de.HTTPStatus)
	assert.Len(t, s.Requests(hotelsupply.RouteGoodsBuy), 1)
}

func TestNonJSONIsADecodeError(t *testing.T) {
	t.Parallel()
	s := newShop(t)
	c := newClient(t, s)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.NonJSON, Path: hotelsupply.RouteGoodsBuy})
	_, err := c.GoodsBuy(context.Background(), goodsBuy())
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, string(de.Raw), "Whoops")
	assert.Contains(t, err.Error(), "HTML")
	assert.Len(t, s.Requests(hotelsupply.RouteGoodsBuy), 1, "a 200 HTML page is not retried")
	assert.Equal(t, 1, s.FaultsInjected(hotelsdktest.NonJSON))
}

func TestFaultsOnCreateAreNeverRetried(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		kind    hotelsdktest.FaultKind
		created int // orders that exist afterwards
		check   func(t *testing.T, err error)
	}{
		{hotelsdktest.DropAfterRequest, 1, func(t *testing.T, err error) {
			var te *hotelsdk.TransportError
			require.ErrorAs(t, err, &te)
			assert.True(t, te.MaybeSent, "the order was created but the answer lost")
		}},
		{hotelsdktest.DropBeforeRequest, 0, func(t *testing.T, err error) {
			var te *hotelsdk.TransportError
			require.ErrorAs(t, err, &te)
			assert.True(t, te.MaybeSent, "the client cannot tell a drop before from a drop after")
		}},
		{hotelsdktest.ServerError, 0, func(t *testing.T, err error) {
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 503, de.HTTPStatus)
		}},
		{hotelsdktest.NonJSON, 0, func(t *testing.T, err error) {
			var de *hotelsdk.DecodeError
			require.ErrorAs(t, err, &de)
		}},
	} {
		t.Run(tc.kind.String(), func(t *testing.T) {
			t.Parallel()
			s := newShop(t)
			c := newClient(t, s)
			q, err := c.GoodsBuy(context.Background(), goodsBuy())
			require.NoError(t, err)
			s.Inject(hotelsdktest.Fault{Kind: tc.kind, Path: "create.index"})
			res, err := c.CreateOrder(context.Background(), create(q.PreIDs()[0]),
				hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Microsecond}))
			require.Error(t, err)
			assert.Nil(t, res)
			tc.check(t, err)
			assert.Len(t, s.Requests(hotelsupply.RouteCreate), 1, "create is sent once")
			assert.Len(t, s.Orders(), tc.created)
			assert.Equal(t, 1, s.FaultsInjected(tc.kind))
		})
	}
}

func TestLatencyBeyondTheClientsPatienceStillCreatesTheOrder(t *testing.T) {
	t.Parallel()
	s := hotelsupplytest.NewServer()
	c := newClient(t, s)
	q, err := c.GoodsBuy(context.Background(), goodsBuy())
	require.NoError(t, err)
	// The shop is slower than the client will wait: the client gives up
	// once the shop has the request (not after a fixed time, which a busy
	// machine may not honour), the shop carries on and creates the order.
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Delay: time.Second, Path: "create.index"})
	ctx, giveUp := context.WithCancel(context.Background())
	defer giveUp()
	go func() {
		for len(s.Requests(hotelsupply.RouteCreate)) == 0 && ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
		giveUp()
	}()
	_, err = c.CreateOrder(ctx, create(q.PreIDs()[0]),
		hotelsdk.WithRetryPolicy(hotelsdk.RetryPolicy{MaxAttempts: 3}))
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent, "the outcome is unknown to the client")
	assert.ErrorIs(t, err, context.Canceled)

	s.Close() // waits for the delayed request to be served
	assert.Len(t, s.Requests(hotelsupply.RouteCreate), 1, "never sent twice")
	assert.Len(t, s.Orders(), 1, "the abandoned create took effect: MaybeSent was right")
}

func TestFaultQueue(t *testing.T) {
	t.Parallel()
	s := newShop(t)
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Delay: time.Minute, Times: 5})
	s.Inject(hotelsdktest.Fault{Kind: hotelsdktest.NonJSON})
	assert.Equal(t, 6, s.PendingFaults())
	s.ResetFaults()
	assert.Zero(t, s.PendingFaults())
	_, err := newClient(t, s).GoodsBuy(context.Background(), goodsBuy())
	require.NoError(t, err, "no fault is left after a reset")
}
