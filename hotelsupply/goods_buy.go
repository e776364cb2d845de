package hotelsupply

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// goods-buy (直接购买): GET route plugin.hotel-supply.frontend.goods-buy.index
// prices a stay and answers with a priced pre-order whose pre_id create
// takes. The answer's data tree is GoodsBuyResult and the types of
// pre_order.go, which mirror the wiki's example field by field; every field
// decodes tolerantly (see phpjson.go) and marshals back to the form the
// example shows, so the same types serve a fake shop (package
// hotelsupplytest).

// GoodsBuyRequest asks the shop to price a stay (直接购买).
type GoodsBuyRequest struct {
	// HotelID is the shop's hotel id (hotel_id).
	HotelID int64
	// RoomTypeID is the room type id (sid).
	RoomTypeID int64
	// Rooms is the number of rooms (nums).
	Rooms int
	// DatePrices has one entry per night, check-in up to but excluding
	// check-out, in date order (date_price).
	DatePrices []DatePrice
	// MemberCouponIDs are coupons of the member to apply (member_coupon_ids).
	MemberCouponIDs []int64
}

// validate checks the stay before anything is sent.
func (r *GoodsBuyRequest) validate(v *transport.Validator) {
	validateStay(v, r.HotelID, r.RoomTypeID, r.Rooms, r.DatePrices, r.MemberCouponIDs)
}

func (r *GoodsBuyRequest) stay(f DateFormat) stayParams {
	return stayParams{
		HotelID: r.HotelID, Sid: r.RoomTypeID, Nums: r.Rooms,
		DatePrice:       datePriceParam{items: r.DatePrices, format: f},
		MemberCouponIDs: r.MemberCouponIDs,
	}
}

// GoodsBuyResult is the data of a goods-buy answer: a priced pre-order.
type GoodsBuyResult struct {
	// AmountItems lists the totals (codes total_goods_price,
	// total_dispatch_price, …).
	AmountItems List[AmountItem] `json:"amount_items"`
	// DiscountAmountItems and FeeItems list discounts and fees, same shape.
	DiscountAmountItems List[AmountItem] `json:"discount_amount_items"`
	FeeItems            List[AmountItem] `json:"fee_items"`
	// TotalPrice is what the member pays for the whole pre-order.
	TotalPrice Money `json:"total_price"`
	// Orders holds one pre-order per shop; a hotel booking has one. Pass
	// Orders[i].PreID to CreateOrder.
	Orders   List[PreOrder] `json:"orders"`
	Discount Discount       `json:"discount"`
	Dispatch Dispatch       `json:"dispatch"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (r *GoodsBuyResult) UnmarshalJSON(b []byte) error {
	type plain GoodsBuyResult
	return decodeObject(b, (*plain)(r))
}

// PreIDs returns the pre_id of every order, in order.
func (r *GoodsBuyResult) PreIDs() []string {
	ids := make([]string, 0, len(r.Orders))
	for _, o := range r.Orders {
		ids = append(ids, string(o.PreID))
	}
	return ids
}

// Amount returns the amount of the item with code in AmountItems (for
// example "total_goods_price") and whether it is present.
func (r *GoodsBuyResult) Amount(code string) (Money, bool) {
	for _, it := range r.AmountItems {
		if string(it.Code) == code {
			return it.Amount, true
		}
	}
	return Money{}, false
}

// AmountItem is one named amount: amount_items, discount_amount_items,
// fee_items.
type AmountItem struct {
	Code   String `json:"code"`
	Name   String `json:"name"`
	Amount Money  `json:"amount"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (a *AmountItem) UnmarshalJSON(b []byte) error {
	type plain AmountItem
	return decodeObject(b, (*plain)(a))
}

// GoodsBuy prices a stay (GET route plugin.hotel-supply.frontend.goods-buy.index)
// and returns the priced pre-order. It is idempotent and retried on
// transient failures.
func (c *Client) GoodsBuy(ctx context.Context, req *GoodsBuyRequest, opts ...hotelsdk.CallOption) (*GoodsBuyResult, error) {
	ctx, v, err := c.begin(ctx, opGoodsBuy, req == nil)
	if err != nil {
		return nil, err
	}
	req.validate(v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	q, err := c.query(RouteGoodsBuy, req.stay(c.cfg.dateFormat))
	if err != nil {
		return nil, c.encodeErr(opGoodsBuy, err)
	}
	var out *GoodsBuyResult
	err = c.call(ctx, &transport.Request{
		Operation: opGoodsBuy, Method: http.MethodGet, Path: c.path, Query: q, Idempotent: true,
		Decode: func(r *transport.Response) error {
			return decodeEnvelope(r, RouteGoodsBuy, func(data []byte) error {
				res, err := decodeGoodsBuy(data)
				out = res
				return err
			})
		},
	}, opts)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decodeGoodsBuy decodes the data of a goods-buy answer and checks that it
// holds a usable pre-order.
func decodeGoodsBuy(data []byte) (*GoodsBuyResult, error) {
	if isEmptyJSON(data) {
		return nil, errors.New("the answer holds no pre-order")
	}
	var res GoodsBuyResult
	// data is part of a body already checked as valid JSON: decode it
	// directly rather than through json.Unmarshal, which would scan it again.
	if err := res.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	if len(res.Orders) == 0 {
		return nil, errors.New("the answer holds no pre-order (orders is empty)")
	}
	for i, o := range res.Orders {
		if strings.TrimSpace(string(o.PreID)) == "" {
			return nil, fmt.Errorf("orders[%d].pre_id is empty", i)
		}
	}
	return &res, nil
}
