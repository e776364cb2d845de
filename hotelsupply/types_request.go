package hotelsupply

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DatePrice is the price of one room for one night.
type DatePrice struct {
	// Date is the night, by its calendar day in Date's own location (use
	// the Date helper for a plain day).
	Date time.Time
	// Price is the nightly price of one room in yuan.
	Price Money
}

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

// Nights builds DatePrices for a stay from checkIn up to (excluding)
// checkOut at one price per night.
func Nights(checkIn, checkOut time.Time, price Money) []DatePrice {
	var out []DatePrice
	for d := checkIn; civilDay(d) < civilDay(checkOut); d = d.AddDate(0, 0, 1) {
		out = append(out, DatePrice{Date: d, Price: price})
	}
	return out
}

// InvoiceType is the kind of invoice requested (invoice_type).
type InvoiceType int

const (
	// InvoiceElectronic is an electronic invoice (0, 电子发票).
	InvoiceElectronic InvoiceType = 0
	// InvoicePaper is a paper invoice (1, 纸质发票).
	InvoicePaper InvoiceType = 1
)

// RiseType is the kind of invoice title (rise_type). Sources disagree: the
// wiki documents 0 = company and 1 = personal, the shop's H5 front end sends
// 1 = personal and 2 = company. 1 means personal in both.
type RiseType int

const (
	// RiseCompany is a company title as the wiki documents it (0, 单位).
	RiseCompany RiseType = 0
	// RisePersonal is a personal title (1, 个人) in both conventions.
	RisePersonal RiseType = 1
	// RiseCompanyFrontEnd is a company title as the H5 front end sends it (2).
	RiseCompanyFrontEnd RiseType = 2
)

// isCompany reports whether the title type needs a tax id.
func (r RiseType) isCompany() bool { return r == RiseCompany || r == RiseCompanyFrontEnd }

// Invoice asks for an invoice with the order.
type Invoice struct {
	// Type is electronic or paper (invoice_type).
	Type InvoiceType
	// TitleType is company or personal (rise_type).
	TitleType RiseType
	// Title is the invoice title, a company or person name (call).
	Title string
	// TaxID is the company's taxpayer id (单位识别号), required for a
	// company title. It is sent under the server's misspelled key
	// ncompany_numberote.
	TaxID string
	// TotalPrice is the invoiced total (total_price). Book fills it from the
	// quote when it is zero.
	TotalPrice Money
}

// OrderRef names a priced pre-order to create (one element of orders).
type OrderRef struct {
	// PreID is GoodsBuyResult.Orders[i].PreID.
	PreID string
	// DeductionCodes are codes of deductions to use (e.g. "point").
	DeductionCodes []string
	// Note is the order's remark.
	Note string
}

// CreateOrderRequest creates the order of a priced stay (提交订单). It is
// not idempotent: each successful call creates orders.
type CreateOrderRequest struct {
	// HotelID, RoomTypeID, Rooms and DatePrices repeat the stay priced by
	// GoodsBuy (hotel_id, sid, nums, date_price).
	HotelID    int64
	RoomTypeID int64
	Rooms      int
	DatePrices []DatePrice
	// GuestName is the name registered for the stay (user_name).
	GuestName string
	// Phone is the contact phone (tel).
	Phone string
	// Orders are the pre-orders from GoodsBuy (at least one).
	Orders []OrderRef
	// MemberCouponIDs are the coupons applied when pricing
	// (member_coupon_ids).
	MemberCouponIDs []int64
	// Invoice, when set, asks for an invoice.
	Invoice *Invoice
}

// CreateOrderResult is what create answers.
type CreateOrderResult struct {
	// OrderIDs are the ids of the created orders, parsed from the
	// comma-joined order_ids.
	OrderIDs []int64
}

// CreateOrderData is the data of a create answer in its wire form
// ({"order_ids":"12,13"}). CreateOrder turns it into a CreateOrderResult; a
// fake shop writes it.
type CreateOrderData struct {
	OrderIDs OrderIDs `json:"order_ids"`
}

// UnmarshalJSON decodes the object, accepting PHP's empty spellings.
func (d *CreateOrderData) UnmarshalJSON(b []byte) error {
	type plain CreateOrderData
	return decodeObject(b, (*plain)(d))
}

// OrderIDs is a list of order ids the shop sends comma-joined ("12,13"). It
// also accepts a single number and a JSON list, and marshals to the
// comma-joined string.
type OrderIDs []int64

// UnmarshalJSON accepts "12,13", 12, "12", [12,"13"], "", null.
func (ids *OrderIDs) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var l List[Int]
		if err := l.UnmarshalJSON(b); err != nil {
			return fmt.Errorf("order ids: %w", err)
		}
		out := make(OrderIDs, len(l))
		for i, v := range l {
			if v <= 0 {
				return errors.New("order ids: not a list of positive integers")
			}
			out[i] = int64(v)
		}
		*ids = out
		return nil
	}
	var csv CSV
	if err := csv.UnmarshalJSON(b); err != nil {
		return fmt.Errorf("order ids: %w", err)
	}
	out := make(OrderIDs, 0, len(csv))
	for _, s := range csv {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			return errors.New("order ids: not a list of positive integers")
		}
		out = append(out, n)
	}
	*ids = out
	return nil
}

// MarshalJSON writes "12,13".
func (ids OrderIDs) MarshalJSON() ([]byte, error) {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return []byte(`"` + strings.Join(parts, ",") + `"`), nil
}

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
