package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi"
	"github.com/hotelsdk/hotelsdk-go/douyin/spi/ledger"
	"github.com/hotelsdk/hotelsdk-go/hotelsupply"
)

// Error codes this integrator answers Douyin with. Douyin documents none for
// the hotel SPIs, so they are the integrator's own choice.
const (
	codeUnknownRoom  douyin.Code = 40001
	codePriceChanged douyin.Code = 40002
	codeShopRefused  douyin.Code = 40003
)

// booking is what the integrator keeps of one Douyin order.
type booking struct {
	commit     spi.CommitOrderRequest
	orderExtID string
	hotelName  string
	roomName   string
	shopOrders []int64
	paid       bool
}

// integrator is the distributor's side of the story: it implements
// spi.Service by booking the room at the hotel-supply shop. Room types are
// offered on Douyin as spu_ext_id "HOTELID-ROOMTYPEID".
type integrator struct {
	shop *hotelsupply.Client
	log  io.Writer

	mu       sync.Mutex          // guards bookings only: the ledger keeps commits apart
	bookings map[string]*booking // by Douyin order_id; a real integrator keeps them in its database
	shopRuns int                 // how many shop bookings CommitOrder made
}

func newIntegrator(shop *hotelsupply.Client, log io.Writer) *integrator {
	return &integrator{shop: shop, log: log, bookings: map[string]*booking{}}
}

// CommitOrder prices the stay at the shop, refuses it when the shop asks
// more than Douyin's total, and creates the shop order. It needs no lock of
// its own for idempotency: the handler's ledger (spi.WithLedger) runs it at
// most once per order_id, across instances when the store is shared, and
// replays its reply to Douyin's retries. The one case it must handle is a
// re-run after an interrupted attempt (the ledger's abandoned hook said
// ActionRerun): the shop's create has no idempotency key, so it first looks
// for the booking the interrupted attempt may have made.
func (in *integrator) CommitOrder(ctx context.Context, req *spi.CommitOrderRequest) (*spi.CommitOrderResult, error) {
	if _, rerun := ledger.AbandonedFrom(ctx); rerun {
		if b, ok := in.booking(req.OrderID); ok { // reconcile: it was booked after all
			return &spi.CommitOrderResult{OrderExtID: b.orderExtID}, nil
		}
	}
	hotelID, roomID, err := parseSPU(req.SPUExtID)
	if err != nil {
		return nil, &spi.Error{Code: codeUnknownRoom, Description: "unknown room type"}
	}
	nights := make([]hotelsupply.DatePrice, len(req.DatePrice))
	for i, dp := range req.DatePrice {
		nights[i] = hotelsupply.DatePrice{Date: hotelsupply.DateOf(dp.Date.Time()), Price: hotelsupply.MoneyFromFen(int64(dp.Price))}
	}
	res, err := in.shop.Book(ctx, &hotelsupply.BookRequest{
		GoodsBuyRequest: hotelsupply.GoodsBuyRequest{
			HotelID: hotelID, RoomTypeID: roomID, Rooms: int(req.ReserveAmount), DatePrices: nights,
		},
		GuestName: req.CustomerName,
		Phone:     req.CustomerPhone.Value(),
		Note:      "douyin " + req.OrderID,
		MaxTotal:  hotelsupply.MoneyFromFen(int64(req.TotalPrice)),
	})
	var apiErr *hotelsupply.APIError
	switch {
	case errors.Is(err, hotelsupply.ErrPriceAboveLimit):
		return nil, &spi.Error{Code: codePriceChanged, Description: "price changed"}
	case errors.As(err, &apiErr):
		return nil, &spi.Error{Code: codeShopRefused, Description: "hotel refused the booking"}
	case err != nil:
		return nil, err // answered as an internal error: Douyin retries
	}
	if len(res.Quote.Orders) == 0 || len(res.Order.OrderIDs) == 0 {
		return nil, errors.New("shop answered without an order")
	}
	o := res.Quote.Orders[0]
	fmt.Fprintf(in.log, "   integrator -> shop    goods-buy %s / %s: %d room(s) x %d night(s), total %s yuan, pre_id %s\n",
		o.HotelOrder.Hotel.Name, o.HotelOrder.Hotel.Room.Name, req.ReserveAmount, len(nights), res.Quote.TotalPrice, o.PreID)
	fmt.Fprintf(in.log, "   integrator -> shop    create: shop order ids %v\n", res.Order.OrderIDs)

	b := &booking{
		commit:     *req,
		orderExtID: "HS-" + joinIDs(res.Order.OrderIDs),
		hotelName:  string(o.HotelOrder.Hotel.Name),
		roomName:   string(o.HotelOrder.Hotel.Room.Name),
		shopOrders: res.Order.OrderIDs,
	}
	in.mu.Lock()
	in.bookings[req.OrderID] = b
	in.shopRuns++
	in.mu.Unlock()
	return &spi.CommitOrderResult{OrderExtID: b.orderExtID}, nil
}

// onAbandoned is the ledger's abandoned hook: a call started and never
// finished (the process died mid-booking). Every operation of this
// integrator may run again safely: CommitOrder reconciles first, payment
// and cancellation are idempotent.
func (in *integrator) onAbandoned(_ context.Context, a ledger.Abandoned) ledger.Action {
	fmt.Fprintf(in.log, "   ledger: %s of %s was interrupted; re-running it after reconciliation\n", a.Operation, a.OrderID)
	return ledger.ActionRerun
}

// shopBookings returns how many shop bookings CommitOrder made.
func (in *integrator) shopBookings() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.shopRuns
}

// NotifyPayment confirms a paid order the integrator booked.
func (in *integrator) NotifyPayment(_ context.Context, req *spi.NotifyPaymentRequest) (*spi.NotifyPaymentResult, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	b, ok := in.bookings[req.OrderID]
	if !ok {
		return nil, &spi.Error{Code: codeUnknownRoom, Description: "unknown order"}
	}
	b.paid = req.Status == douyin.PayStatusPaid
	return &spi.NotifyPaymentResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

// CancelOrder accepts every cancellation (the shop order would be cancelled
// by the hotel's own process).
func (in *integrator) CancelOrder(context.Context, *spi.CancelOrderRequest) (*spi.CancelOrderResult, error) {
	return &spi.CancelOrderResult{Status: douyin.ConfirmStatusConfirmed}, nil
}

// booking returns a copy of what the integrator knows of a Douyin order.
func (in *integrator) booking(orderID string) (booking, bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	b, ok := in.bookings[orderID]
	if !ok {
		return booking{}, false
	}
	return *b, true
}

func parseSPU(spu string) (hotelID, roomID int64, err error) {
	h, r, ok := strings.Cut(spu, "-")
	if !ok {
		return 0, 0, fmt.Errorf("spu_ext_id %q: want HOTELID-ROOMTYPEID", spu)
	}
	if hotelID, err = strconv.ParseInt(h, 10, 64); err != nil {
		return 0, 0, err
	}
	roomID, err = strconv.ParseInt(r, 10, 64)
	return hotelID, roomID, err
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}
