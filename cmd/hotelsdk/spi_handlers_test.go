package main

// Two example SPI servers built with the SDK's handler, as an integrator
// would write them: a correct one, idempotent on Douyin's order_id, and a
// deliberately broken one that books the room again on every delivery.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/stretchr/testify/require"
)

// hotel keeps bookings. idempotent selects the correct behaviour.
type hotel struct {
	idempotent bool
	// delay makes each commit slow, so redeliveries arrive while it runs.
	delay time.Duration

	mu       sync.Mutex
	next     int
	bookings map[string]string // Douyin order_id -> our order id
	booked   int               // rooms booked, duplicates included
}

func (h *hotel) CommitOrder(_ context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	time.Sleep(h.delay)
	h.mu.Lock()
	defer h.mu.Unlock()
	if id, ok := h.bookings[req.OrderID]; ok && h.idempotent {
		return &spi.CommitOrderResult{OrderExtID: id}, nil
	}
	h.next++
	h.booked++
	id := fmt.Sprintf("H-%d", h.next)
	h.bookings[req.OrderID] = id
	return &spi.CommitOrderResult{OrderExtID: id}, nil
}

func (h *hotel) NotifyPayment(_ context.Context, req *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, id := range h.bookings {
		if id == req.OrderExtID {
			return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed}, nil
		}
	}
	return nil, &spi.Error{Code: 40004, Description: "unknown order"}
}

func (h *hotel) CancelOrder(_ context.Context, req *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, id := range h.bookings {
		if id == req.OrderExtID {
			return &spi.CancelOrderResult{}, nil
		}
	}
	return nil, &spi.Error{Code: 40004, Description: "unknown order"}
}

func (h *hotel) roomsBooked() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.booked
}

// startHotel serves h's SPI handler under /douyin on loopback and returns
// the base URL.
func startHotel(t *testing.T, h *hotel, opts ...spi.Option) string {
	t.Helper()
	h.bookings = map[string]string{}
	handler, err := spi.NewHandler(h, append([]spi.Option{spi.WithCredentials(testKey, testSecret)}, opts...)...)
	require.NoError(t, err)
	srv := httptest.NewServer(http.StripPrefix("/douyin", handler))
	t.Cleanup(srv.Close)
	return srv.URL + "/douyin"
}
