package hotelsupply

import (
	"context"
	"fmt"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// Book prices a stay with goods-buy and creates its order with create, in
// one call that validates everything before the first request.

// BookRequest prices a stay and creates its order in one call.
type BookRequest struct {
	// GoodsBuyRequest is the stay to price and book.
	GoodsBuyRequest
	// GuestName (user_name) and Phone (tel) are the guest's, as in
	// CreateOrderRequest.
	GuestName string
	Phone     string
	// Note and DeductionCodes go with every pre-order of the quote
	// (orders[i].note, orders[i].deduction_ids).
	Note           string
	DeductionCodes []string
	// Invoice, when set, asks for an invoice; a zero TotalPrice is taken
	// from the quote.
	Invoice *Invoice
	// MaxTotal, when not zero, stops the booking before anything is created
	// if the quoted total_price exceeds it (ErrPriceAboveLimit).
	MaxTotal Money
}

// BookResult is the outcome of Book.
type BookResult struct {
	// Quote is the goods-buy answer the order was created from.
	Quote *GoodsBuyResult
	// Order holds the created order ids.
	Order *CreateOrderResult
}

// Book prices the stay with GoodsBuy and creates its order with the
// returned pre_id(s). Everything is validated before the first request. If
// MaxTotal is set and the quote is above it, nothing is created and the
// error matches ErrPriceAboveLimit. An invoice without TotalPrice gets the
// quoted total.
func (c *Client) Book(ctx context.Context, req *BookRequest, opts ...hotelsdk.CallOption) (*BookResult, error) {
	ctx, v, err := c.begin(ctx, opBook, req == nil)
	if err != nil {
		return nil, err
	}
	validateStay(v, req.HotelID, req.RoomTypeID, req.Rooms, req.DatePrices, req.MemberCouponIDs)
	validateGuest(v, req.GuestName, req.Phone)
	for i, code := range req.DeductionCodes {
		v.Check(strings.TrimSpace(code) != "", fmt.Sprintf("orders[0].deduction_ids[%d]", i), "must not be empty")
	}
	if req.Invoice != nil {
		validateInvoice(v, req.Invoice, true)
	}
	checkAmount(v, "max_total", req.MaxTotal)
	if err := v.Err(); err != nil {
		return nil, err
	}

	quote, err := c.GoodsBuy(ctx, &req.GoodsBuyRequest, opts...)
	if err != nil {
		return nil, err
	}
	if !req.MaxTotal.IsZero() && quote.TotalPrice.Cmp(req.MaxTotal) > 0 {
		return nil, fmt.Errorf("%w: quoted %s, limit %s", ErrPriceAboveLimit, quote.TotalPrice, req.MaxTotal)
	}
	refs := make([]OrderRef, len(quote.Orders))
	for i, o := range quote.Orders {
		refs[i] = OrderRef{PreID: string(o.PreID), DeductionCodes: req.DeductionCodes, Note: req.Note}
	}
	create := &CreateOrderRequest{
		HotelID: req.HotelID, RoomTypeID: req.RoomTypeID, Rooms: req.Rooms, DatePrices: req.DatePrices,
		GuestName: req.GuestName, Phone: req.Phone, Orders: refs, MemberCouponIDs: req.MemberCouponIDs,
	}
	if req.Invoice != nil {
		inv := *req.Invoice
		if inv.TotalPrice.IsZero() {
			inv.TotalPrice = quote.TotalPrice
		}
		create.Invoice = &inv
	}
	order, err := c.CreateOrder(ctx, create, opts...)
	if err != nil {
		return nil, err
	}
	return &BookResult{Quote: quote, Order: order}, nil
}
