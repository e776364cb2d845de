package sqlstore_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin/douyintest"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
)

// fleetService books through book and counts CommitOrder runs.
type fleetService struct {
	runs atomic.Int32
	book func(ctx context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error)
}

func (s *fleetService) CommitOrder(ctx context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	s.runs.Add(1)
	return s.book(ctx, req)
}

func (s *fleetService) NotifyPayment(context.Context, *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	return &spi.NotifyPaymentResult{}, nil
}

func (s *fleetService) CancelOrder(context.Context, *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	return &spi.CancelOrderResult{}, nil
}

// startInstances starts n SPI servers ("instances") sharing store.
func startInstances(t *testing.T, n int, svc spi.Service, store ledger.Store, opts ...ledger.Option) []*httptest.Server {
	t.Helper()
	var out []*httptest.Server
	for i := 0; i < n; i++ {
		h, err := spi.NewHandler(svc, spi.WithCredentials(douyintest.DefaultClientKey, douyintest.DefaultClientSecret),
			spi.WithLedger(store, opts...))
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		out = append(out, srv)
	}
	return out
}

func commitBody(orderID string) []byte {
	return []byte(`{"order_id":"` + orderID + `","spu_ext_id":"KING","status":1,"reserve_amount":1,` +
		`"check_in":"20240301","check_out":"20240302","total_price":35800}`)
}

// deliver sends the signed commit as Douyin does, giving up after timeout
// (0: none). It returns the reply's status and body, or an error.
func deliver(t *testing.T, base string, body []byte, timeout time.Duration) (int, []byte, error) {
	t.Helper()
	r, err := douyintest.NewSPIRequest(base+"/poi/ext/hotel/order/commit", douyintest.DefaultClientKey,
		douyintest.DefaultClientSecret, body, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	resp, err := http.DefaultClient.Do(r.WithContext(ctx))
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// testFleetExactlyOnce: a signed commit reaches three instances at once,
// Douyin gives up on all three (its timeout is shorter than the booking),
// then redelivers to all three: the Service ran once, every reply is the
// same bytes.
func testFleetExactlyOnce(t *testing.T, store ledger.Store) {
	svc := &fleetService{book: func(_ context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
		time.Sleep(400 * time.Millisecond) // a slow booking that does not watch its context
		return &spi.CommitOrderResult{OrderExtID: "H-" + req.OrderID}, nil
	}}
	inst := startInstances(t, 3, svc, store, ledger.WithWait(3*time.Second))
	body := commitBody("DY" + randomName())
	var wg sync.WaitGroup
	for _, s := range inst {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := deliver(t, s.URL, body, 100*time.Millisecond); err == nil {
				t.Error("the first delivery did not time out")
			}
		}()
	}
	wg.Wait()
	replies := make([][]byte, len(inst))
	for i, s := range inst {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, b, err := deliver(t, s.URL, body, 0)
			if err != nil || status != http.StatusOK {
				t.Errorf("redelivery to instance %d: %d %s %v", i, status, b, err)
			}
			replies[i] = b
		}()
	}
	wg.Wait()
	for i := range replies {
		if !bytes.Equal(replies[i], replies[0]) {
			t.Errorf("reply %d = %s, reply 0 = %s; want the same bytes", i, replies[i], replies[0])
		}
	}
	if !bytes.Contains(replies[0], []byte(`"order_ext_id":"H-DY`)) {
		t.Errorf("reply = %s", replies[0])
	}
	if n := svc.runs.Load(); n != 1 {
		t.Fatalf("CommitOrder ran %d times across 3 instances under redelivery, want 1", n)
	}
	t.Logf("3 instances, 3 deliveries timed out + 3 redeliveries: CommitOrder ran %d time(s), %d byte-equal replies", svc.runs.Load(), len(replies))
}

// testFleetKilledInstance: the instance running the booking is stopped
// mid-callback; Douyin's retry on another instance goes to the abandoned
// hook and never books a second time.
func testFleetKilledInstance(t *testing.T, store ledger.Store) {
	inside := make(chan struct{})
	var once sync.Once
	svc := &fleetService{book: func(ctx context.Context, _ *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
		once.Do(func() { close(inside) })
		<-ctx.Done() // the instance goes away mid-booking
		return nil, ctx.Err()
	}}
	var hooked atomic.Int32
	hook := ledger.WithAbandonedHook(func(context.Context, ledger.Abandoned) ledger.Action {
		hooked.Add(1)
		return ledger.ActionRefuse
	})
	inst := startInstances(t, 2, svc, store, hook, ledger.WithLease(time.Second))
	body := commitBody("DY" + randomName())
	go func() {
		<-inside
		inst[0].CloseClientConnections()
		inst[0].Close()
	}()
	if status, _, err := deliver(t, inst[0].URL, body, 0); err == nil && status == http.StatusOK {
		t.Fatal("the killed instance answered success")
	}
	var last []byte
	for i := 0; i < 100 && hooked.Load() == 0; i++ {
		_, last, _ = deliver(t, inst[1].URL, body, 0)
		if hooked.Load() == 0 {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if hooked.Load() == 0 {
		t.Fatalf("the retry never reached the abandoned hook; last reply %s", last)
	}
	if !bytes.Contains(last, []byte("order state unknown after an interrupted attempt")) {
		t.Errorf("retry reply = %s; want the refusal", last)
	}
	if n := svc.runs.Load(); n != 1 {
		t.Fatalf("CommitOrder ran %d times; the retry booked again", n)
	}
}
