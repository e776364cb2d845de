package hotelsupply

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"github.com/hotelsdk/hotelsdk-go/internal/money"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// A stay (hotel, room type, rooms and one price per night) is what
// goods-buy prices and create books; both send it as the same parameters.

// DatePrice is the price of one room for one night.
type DatePrice struct {
	// Date is the night (the calendar day of check-in for the first).
	Date Date
	// Price is the nightly price of one room in yuan.
	Price Money
}

// Nights builds DatePrices for a stay from checkIn up to (excluding)
// checkOut at one price per night; none when checkOut is not after
// checkIn.
func Nights(checkIn, checkOut Date, price Money) []DatePrice {
	var out []DatePrice
	for d := checkIn; d.Before(checkOut); d = d.AddDays(1) {
		out = append(out, DatePrice{Date: d, Price: price})
	}
	return out
}

// stayParams are the stay fields shared by goods-buy and create.
type stayParams struct {
	HotelID         int64          `url:"hotel_id"`
	Sid             int64          `url:"sid"`
	Nums            int            `url:"nums"`
	DatePrice       datePriceParam `url:"date_price"`
	MemberCouponIDs jsonIDs        `url:"member_coupon_ids,omitempty"`
}

// datePriceParam writes [{"date":"19/03/2020","price":100},…].
type datePriceParam struct {
	items  []DatePrice
	format DateFormat
}

type wireDatePrice struct {
	Date  string      `json:"date"`
	Price json.Number `json:"price"`
}

// EncodeValues implements query.Encoder.
func (p datePriceParam) EncodeValues(key string, v *url.Values) error {
	out := make([]wireDatePrice, len(p.items))
	for i, it := range p.items {
		price, err := it.Price.numberText()
		if err != nil {
			return fmt.Errorf("%s[%d].price: %w", key, i, err)
		}
		out[i] = wireDatePrice{Date: it.Date.format(p.format), Price: json.Number(price)}
	}
	return setJSON(v, key, out)
}

// jsonIDs writes [1,2].
type jsonIDs []int64

// EncodeValues implements query.Encoder.
func (ids jsonIDs) EncodeValues(key string, v *url.Values) error {
	b := []byte{'['}
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	v.Set(key, string(append(b, ']')))
	return nil
}

// validateStay checks the stay fields shared by goods-buy and create and
// reports every problem with its wire-name path.
func validateStay(v *transport.Validator, hotelID, sid int64, nums int, prices []DatePrice, coupons []int64) {
	v.Check(hotelID > 0, "hotel_id", "must be a positive id")
	v.Check(sid > 0, "sid", "must be a positive room type id")
	v.Check(nums > 0, "nums", "must be at least 1 room")
	if len(prices) == 0 {
		v.Add("date_price", "needs one entry per night (at least one)")
	}
	for i, p := range prices {
		field := fmt.Sprintf("date_price[%d]", i)
		if p.Date.IsZero() {
			v.Add(field+".date", "is required")
		} else if i > 0 && !prices[i-1].Date.IsZero() && p.Date != prices[i-1].Date.AddDays(1) {
			v.Add(field+".date", "must be the night after date_price[%d] (one entry per night, in order)", i-1)
		}
		checkAmount(v, field+".price", p.Price)
	}
	for i, id := range coupons {
		v.Check(id > 0, fmt.Sprintf("member_coupon_ids[%d]", i), "must be a positive id")
	}
}

// checkAmount reports a negative amount, and one with more digits than the
// shop is sent (possible through MoneyFromDecimal or arithmetic), before
// anything is sent.
func checkAmount(v *transport.Validator, field string, m Money) {
	switch {
	case m.IsNegative():
		v.Add(field, "must not be negative")
	case money.Check(m.d) != nil:
		v.Add(field, "must have at most %d digits before and after the point", money.MaxDigits)
	}
}
