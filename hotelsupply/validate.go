package hotelsupply

import (
	"fmt"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Validation runs before anything is sent and reports every problem with
// its wire-name path. Messages about personal fields (user_name, tel, call,
// ncompany_numberote) never repeat the value.

// validateStay checks the stay fields shared by goods-buy and create.
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
		} else if i > 0 && !prices[i-1].Date.IsZero() && civilDay(p.Date) != civilDay(prices[i-1].Date)+1 {
			v.Add(field+".date", "must be the night after date_price[%d] (one entry per night, in order)", i-1)
		}
		v.Check(!p.Price.IsNegative(), field+".price", "must not be negative")
	}
	for i, id := range coupons {
		v.Check(id > 0, fmt.Sprintf("member_coupon_ids[%d]", i), "must be a positive id")
	}
}

// validateGuest checks the guest's name and phone.
func validateGuest(v *transport.Validator, name, phone string) {
	v.Check(strings.TrimSpace(name) != "", "user_name", "is required")
	if strings.TrimSpace(phone) == "" {
		v.Add("tel", "is required")
	} else {
		v.Check(plausiblePhone(phone), "tel", "is not a plausible phone number")
	}
}

// validateCreate checks a create request.
func validateCreate(v *transport.Validator, r *CreateOrderRequest) {
	validateStay(v, r.HotelID, r.RoomTypeID, r.Rooms, r.DatePrices, r.MemberCouponIDs)
	validateGuest(v, r.GuestName, r.Phone)
	if len(r.Orders) == 0 {
		v.Add("orders", "needs at least one pre-order (pre_id from GoodsBuy)")
	}
	for i, o := range r.Orders {
		field := fmt.Sprintf("orders[%d]", i)
		id := strings.TrimSpace(o.PreID)
		switch {
		case id == "":
			v.Add(field+".pre_id", "is required")
		case id != o.PreID || strings.ContainsAny(id, " \t\r\n\"\\") || len(id) > 64:
			v.Add(field+".pre_id", "is not a pre-order id")
		}
		for j, code := range o.DeductionCodes {
			v.Check(strings.TrimSpace(code) != "", fmt.Sprintf("%s.deduction_ids[%d]", field, j), "must not be empty")
		}
	}
	if r.Invoice != nil {
		validateInvoice(v, r.Invoice, false)
	}
}

// validateInvoice checks the invoice fields; totalFromQuote allows a zero
// total that Book fills from the quote.
func validateInvoice(v *transport.Validator, inv *Invoice, totalFromQuote bool) {
	v.Check(inv.Type == InvoiceElectronic || inv.Type == InvoicePaper, "invoice_type", "must be 0 (electronic) or 1 (paper)")
	switch inv.TitleType {
	case RiseCompany, RisePersonal, RiseCompanyFrontEnd:
	default:
		v.Add("rise_type", "must be 0 or 2 (company) or 1 (personal)")
	}
	v.Check(strings.TrimSpace(inv.Title) != "", "call", "is required (the invoice title)")
	if inv.TitleType.isCompany() {
		v.Check(strings.TrimSpace(inv.TaxID) != "", "ncompany_numberote", "is required for a company title (the tax id)")
	}
	switch {
	case inv.TotalPrice.IsNegative():
		v.Add("total_price", "must not be negative")
	case inv.TotalPrice.IsZero() && !totalFromQuote:
		v.Add("total_price", "is required with an invoice")
	}
}

// plausiblePhone accepts a mainland mobile (11 digits starting 13–19), a
// landline with area code, or an international number: after dropping
// spaces, dashes and parentheses, an optional "+" and 7 to 15 digits.
func plausiblePhone(s string) bool {
	s = strings.TrimSpace(s)
	intl := strings.HasPrefix(s, "+")
	if intl {
		s = s[1:]
	}
	digits := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c == ' ' || c == '-' || c == '(' || c == ')':
		default:
			return false
		}
	}
	if len(digits) < 7 || len(digits) > 15 {
		return false
	}
	if !intl && digits[0] == '1' { // a mainland mobile
		return len(digits) == 11 && digits[1] >= '3'
	}
	return true
}
