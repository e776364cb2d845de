package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
)

// Error codes this hotel answers Douyin with (its own choice: Douyin does
// not document codes for these SPIs).
const (
	codeSoldOut      douyin.Code = 40001 // no room of that type left
	codePriceChanged douyin.Code = 40002 // Douyin's total is not our price
	codeUnknownRoom  douyin.Code = 40004 // spu_ext_id is not one of our room types
	codeUnknownOrder douyin.Code = 40404 // no order with that order_id
)

// roomType is one bookable room type: its nightly price and how many rooms
// are left.
type roomType struct {
	Nightly douyin.Fen
	Left    int64
}

// order is what the hotel keeps of one Douyin order.
type order struct {
	ExtID     string
	SPUExtID  string
	Rooms     int64
	Total     douyin.Fen
	Paid      bool
	Cancelled bool
}

// hotel is an in-memory hotel that implements spi.Service. Every operation
// is idempotent on Douyin's order_id, since Douyin repeats its calls.
type hotel struct {
	mu     sync.Mutex
	rooms  map[string]*roomType
	orders map[string]*order // by Douyin order_id
	nextID int
}

func newHotel(rooms map[string]roomType) *hotel {
	h := &hotel{rooms: map[string]*roomType{}, orders: map[string]*order{}}
	for id, r := range rooms {
		h.rooms[id] = &r
	}
	return h
}

// demoRooms is the inventory the example server starts with.
func demoRooms() map[string]roomType {
	return map[string]roomType{
		"KING-ROOM": {Nightly: douyin.Yuan(440), Left: 5},
		"TWIN-ROOM": {Nightly: douyin.Yuan(399), Left: 3},
	}
}

// CommitOrder books the rooms after checking the price Douyin charged.
func (h *hotel) CommitOrder(_ context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if o, ok := h.orders[req.OrderID]; ok { // a repeated commit
		return &spi.CommitOrderResult{OrderExtID: o.ExtID}, nil
	}
	room, ok := h.rooms[req.SPUExtID]
	if !ok {
		return nil, &spi.Error{Code: codeUnknownRoom, Description: "unknown room type"}
	}
	nights := int64(req.CheckIn.DaysUntil(req.CheckOut))
	if want := room.Nightly * douyin.Fen(nights*req.ReserveAmount); req.TotalPrice != want {
		return nil, &spi.Error{Code: codePriceChanged, Description: "price changed: total is " + want.String() + " yuan"}
	}
	if room.Left < req.ReserveAmount {
		return nil, &spi.Error{Code: codeSoldOut, Description: "sold out"}
	}
	room.Left -= req.ReserveAmount
	h.nextID++
	o := &order{ExtID: fmt.Sprintf("H%06d", h.nextID), SPUExtID: req.SPUExtID, Rooms: req.ReserveAmount,
		Total: req.TotalPrice, Paid: req.Status == douyin.PayStatusPaid}
	h.orders[req.OrderID] = o
	return &spi.CommitOrderResult{OrderExtID: o.ExtID}, nil
}

// NotifyPayment marks the order paid and confirms it.
func (h *hotel) NotifyPayment(_ context.Context, req *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	o, ok := h.orders[req.OrderID]
	if !ok {
		return nil, &spi.Error{Code: codeUnknownOrder, Description: "unknown order"}
	}
	if o.Cancelled {
		return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusSoldOut}, nil
	}
	o.Paid = o.Paid || req.Status == douyin.PayStatusPaid
	return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

// CancelOrder releases the rooms; cancelling twice is accepted twice.
func (h *hotel) CancelOrder(_ context.Context, req *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	o, ok := h.orders[req.OrderID]
	if !ok {
		return nil, &spi.Error{Code: codeUnknownOrder, Description: "unknown order"}
	}
	if !o.Cancelled {
		o.Cancelled = true
		h.rooms[o.SPUExtID].Left += o.Rooms
	}
	return &spi.CancelOrderResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

// roomsLeft returns how many rooms of a type are left.
func (h *hotel) roomsLeft(spu string) int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	if r, ok := h.rooms[spu]; ok {
		return r.Left
	}
	return 0
}
