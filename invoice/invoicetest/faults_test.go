package invoicetest_test

import (
	"context"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/hotelsdk/hotelsdktest"
	"github.com/hotelsdk/hotelsdk-go/invoice"
	"github.com/hotelsdk/hotelsdk-go/invoice/invoicetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var getReq = &invoice.GetOrdersRequest{StoreID: invoicetest.DefaultStoreID, OrderBatchNo: "B"}

func TestFaultLatency(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Path: invoice.PathGetOrders, Delay: 10 * time.Millisecond})
	_, err := c.GetOrders(context.Background(), getReq)
	require.NoError(t, err, "a short delay is served normally")
	assert.Equal(t, 1, srv.FaultsInjected(hotelsdktest.Latency))
	assert.Len(t, srv.Received(), 1)
}

func TestFaultLatencyBeyondTheAttemptTimeout(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	short := hotelsdk.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond, PerAttemptTimeout: 250 * time.Millisecond}
	c := newClient(t, srv, invoice.WithRetryPolicy(short))
	// The slow requests are served after the delay, like a real server that
	// keeps working after its client gave up.
	// The margins are wide so that a loaded machine does not make a fast
	// attempt time out too.
	const delay = 1500 * time.Millisecond

	// order/get: the slow attempt times out and the next one succeeds.
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Path: invoice.PathGetOrders, Delay: delay})
	_, err := c.GetOrders(context.Background(), getReq)
	require.NoError(t, err)

	// order/add: the timed-out attempt may have been served, so it is not
	// repeated, and the caller learns the outcome is unknown.
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.Latency, Path: invoice.PathAddOrders, Delay: delay})
	_, err = c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.Equal(t, 1, te.Attempts)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 2, srv.FaultsInjected(hotelsdktest.Latency))

	// The order the client timed out on is stored all the same.
	require.Eventually(t, func() bool { return len(srv.Batches()) == 1 }, 10*time.Second, 10*time.Millisecond)
	adds := 0
	for _, r := range srv.Received() {
		if r.Path == invoice.PathAddOrders {
			adds++
		}
	}
	assert.Equal(t, 1, adds, "order/add reached the API once")
}

func TestFaultServerError(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)

	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Path: invoice.PathGetOrders, Times: 2})
	_, err := c.GetOrders(context.Background(), getReq)
	require.NoError(t, err, "order/get retries a 503")
	assert.Equal(t, 2, srv.FaultsInjected(hotelsdktest.ServerError))

	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Path: invoice.PathAddOrders, Status: 500})
	_, err = c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 500, de.HTTPStatus)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	assert.Empty(t, srv.Batches())
	assert.Equal(t, 0, srv.PendingFaults())
	assert.Len(t, srv.Received(), 1)
}

func TestFaultServerErrorWithLongRetryAfter(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv, invoice.WithRetryPolicy(hotelsdk.RetryPolicy{
		MaxAttempts: 3, BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond, MaxRetryAfter: 500 * time.Millisecond}))
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, RetryAfter: 60})
	_, err := c.GetOrders(context.Background(), getReq)
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de, "a server asking to wait longer than allowed ends the retries")
	assert.Equal(t, 503, de.HTTPStatus)
	assert.Empty(t, srv.Received())
}

func TestFaultDropAfterRequest(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)

	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: invoice.PathAddOrders})
	res, err := c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	assert.Nil(t, res)
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent)
	assert.True(t, hotelsdk.OutcomeUnknown(err))
	// The order was stored although the client never heard back, and the
	// client did not send it again.
	rcv := srv.Received()
	require.Len(t, rcv, 1)
	assert.Equal(t, invoice.CodeOK, rcv[0].Code)
	batches := srv.Batches()
	require.Len(t, batches, 1)
	assert.Equal(t, rcv[0].OrderBatchNo, batches[0].No)

	// With the batch number (here from the sandbox) the caller can read it back.
	got, err := c.GetOrders(context.Background(), &invoice.GetOrdersRequest{StoreID: invoicetest.DefaultStoreID, OrderBatchNo: batches[0].No})
	require.NoError(t, err)
	assert.Len(t, got.Orders, 2)

	// A blind resubmission would have created a second record.
	_, err = c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	require.NoError(t, err)
	assert.Len(t, srv.Records("erp1231231"), 2)

	// order/get is safe to repeat.
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropAfterRequest, Path: invoice.PathGetOrders})
	_, err = c.GetOrders(context.Background(), getReq)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.FaultsInjected(hotelsdktest.DropAfterRequest))
}

func TestFaultDropBeforeRequest(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)

	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropBeforeRequest, Path: invoice.PathAddOrders})
	_, err := c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	var te *hotelsdk.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MaybeSent, "the client cannot tell a drop before from a drop after")
	assert.Equal(t, 1, te.Attempts)
	assert.Empty(t, srv.Batches())
	assert.Empty(t, srv.Received())

	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.DropBeforeRequest, Path: invoice.PathGetOrders})
	_, err = c.GetOrders(context.Background(), getReq)
	require.NoError(t, err)
	assert.Len(t, srv.Received(), 1)
	assert.Equal(t, 2, srv.FaultsInjected(hotelsdktest.DropBeforeRequest))
}

func TestFaultNonJSON(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)

	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.NonJSON, Times: 2})
	_, err := c.AddOrders(context.Background(), specOrders(invoicetest.DefaultStoreID))
	var de *hotelsdk.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 200, de.HTTPStatus)
	assert.Contains(t, err.Error(), "HTML or XML body")
	assert.True(t, hotelsdk.OutcomeUnknown(err))

	_, err = c.GetOrders(context.Background(), getReq)
	require.ErrorAs(t, err, &de, "an unreadable 200 is not retried")
	assert.Equal(t, 2, srv.FaultsInjected(hotelsdktest.NonJSON))
	assert.Empty(t, srv.Batches())
	assert.Empty(t, srv.Received())
}

func TestFaultQueueControls(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Times: 5})
	srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.None, Path: invoice.PathAddOrders})
	assert.Equal(t, 6, srv.PendingFaults())
	srv.ResetFaults()
	assert.Equal(t, 0, srv.PendingFaults())
	_, err := c.GetOrders(context.Background(), getReq)
	require.NoError(t, err)
	assert.Equal(t, 0, srv.FaultsInjected(hotelsdktest.ServerError))
}

// A fault the sandbox cannot serve is refused when injected, not turned
// into a panic in WriteHeader that reads as a dropped connection.
func TestInjectRefusesAnInvalidFault(t *testing.T) {
	t.Parallel()
	srv := newSandbox(t)
	c := newClient(t, srv)
	err := srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Status: 42})
	require.ErrorIs(t, err, hotelsdktest.ErrInvalidFault)
	assert.Contains(t, err.Error(), "status 42")
	assert.Equal(t, 0, srv.PendingFaults())
	_, err = c.GetOrders(context.Background(), getReq)
	require.NoError(t, err, "nothing was queued")
	require.NoError(t, srv.Inject(hotelsdktest.Fault{Kind: hotelsdktest.ServerError, Status: 502}))
	assert.Equal(t, 1, srv.PendingFaults())
}
