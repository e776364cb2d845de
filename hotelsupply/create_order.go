package hotelsupply

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// create (提交订单): POST route plugin.hotel-supply.frontend.create.index
// creates the order of a stay priced by goods-buy, from its pre_id(s), for
// a guest. The wiki says POST, the shop's H5 front end sends GET; Laravel
// merges query and form, and the SDK posts a form. Array parameters travel
// as JSON text (orders, member_coupon_ids, address). The answer is
// {"order_ids":"12,13"}. Create is not idempotent.

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

// createParams is the create form. Invoice fields are pointers so that a
// meaningful 0 (electronic invoice, company title) is sent while an absent
// invoice sends nothing.
type createParams struct {
	stayParams
	UserName    string       `url:"user_name"`
	Tel         string       `url:"tel"`
	Orders      ordersParam  `url:"orders"`
	Address     jsonText     `url:"address"`
	InvoiceType *InvoiceType `url:"invoice_type,omitempty"`
	RiseType    *RiseType    `url:"rise_type,omitempty"`
	Call        string       `url:"call,omitempty"`
	// The server reads the tax id under this misspelled key.
	TaxID      string `url:"ncompany_numberote,omitempty"`
	TotalPrice *Money `url:"total_price,omitempty"`
}

// ordersParam writes [{"pre_id":"…","deduction_ids":[],"note":""}].
type ordersParam []OrderRef

type wireOrderRef struct {
	PreID        string   `json:"pre_id"`
	DeductionIDs []string `json:"deduction_ids"`
	Note         string   `json:"note"`
}

// EncodeValues implements query.Encoder.
func (o ordersParam) EncodeValues(key string, v *url.Values) error {
	out := make([]wireOrderRef, len(o))
	for i, r := range o {
		codes := r.DeductionCodes
		if codes == nil {
			codes = []string{}
		}
		out[i] = wireOrderRef{PreID: r.PreID, DeductionIDs: codes, Note: r.Note}
	}
	return setJSON(v, key, out)
}

func (r *CreateOrderRequest) params(f DateFormat) createParams {
	p := createParams{
		stayParams: stayParams{
			HotelID: r.HotelID, Sid: r.RoomTypeID, Nums: r.Rooms,
			DatePrice:       datePriceParam{items: r.DatePrices, format: f},
			MemberCouponIDs: r.MemberCouponIDs,
		},
		UserName: r.GuestName,
		Tel:      r.Phone,
		Orders:   r.Orders,
		Address:  "{}",
	}
	if inv := r.Invoice; inv != nil {
		t, rt, total := inv.Type, inv.TitleType, inv.TotalPrice
		p.InvoiceType, p.RiseType, p.TotalPrice = &t, &rt, &total
		p.Call, p.TaxID = inv.Title, inv.TaxID
	}
	return p
}

// personalData lists what the shop may echo back that must never reach a
// log, hook or error: the guest's name and phone, the notes, the invoice
// title (a person's name for a personal invoice) and tax id.
func (r *CreateOrderRequest) personalData() []string {
	out := []string{r.GuestName, r.Phone}
	for _, o := range r.Orders {
		out = append(out, o.Note)
	}
	if r.Invoice != nil {
		out = append(out, r.Invoice.Title, r.Invoice.TaxID)
	}
	return out
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

// validateGuest checks the guest's name and phone.
func validateGuest(v *transport.Validator, name, phone string) {
	v.Check(strings.TrimSpace(name) != "", "user_name", "is required")
	if strings.TrimSpace(phone) == "" {
		v.Add("tel", "is required")
	} else {
		v.Check(plausiblePhone(phone), "tel", "is not a plausible phone number")
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

// CreateOrder creates the order of a priced stay (POST route
// plugin.hotel-supply.frontend.create.index). It is not idempotent: it is
// never sent again once it may have reached the shop, except after the shop
// answered "please log in" (which proves nothing was created). A
// *hotelsdk.TransportError with MaybeSent means the order may exist.
func (c *Client) CreateOrder(ctx context.Context, req *CreateOrderRequest, opts ...hotelsdk.CallOption) (*CreateOrderResult, error) {
	ctx, v, err := c.begin(ctx, opCreate, req == nil)
	if err != nil {
		return nil, err
	}
	validateCreate(v, req)
	if err := v.Err(); err != nil {
		return nil, err
	}
	q, err := c.query(RouteCreate)
	if err != nil {
		return nil, c.encodeErr(opCreate, err)
	}
	form, err := values(req.params(c.cfg.dateFormat))
	if err != nil {
		return nil, c.encodeErr(opCreate, err)
	}
	var out *CreateOrderResult
	err = c.call(ctx, &transport.Request{
		Operation: opCreate, Method: http.MethodPost, Path: c.path, Query: q, Form: form, Idempotent: false,
		Sensitive: req.personalData(),
		Decode: func(r *transport.Response) error {
			return decodeEnvelope(r, RouteCreate, func(data []byte) error {
				var d CreateOrderData
				if err := json.Unmarshal(data, &d); err != nil {
					return err
				}
				if len(d.OrderIDs) == 0 {
					return errors.New("the answer holds no order_ids")
				}
				out = &CreateOrderResult{OrderIDs: []int64(d.OrderIDs)}
				return nil
			})
		},
	}, opts)
	if err != nil {
		return nil, err
	}
	return out, nil
}
