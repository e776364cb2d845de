package hotelsupply

import (
	"encoding/json"
	"net/url"
	"strconv"

	"github.com/google/go-querystring/query"
)

// The shop reads array parameters as JSON text in a single query or form
// field (it json_decodes them). go-querystring would print a slice of
// structs with fmt.Sprint, so each array parameter below has its own
// query.Encoder that writes the JSON text, with money as exact number
// literals (never through float64).

// routeParams are the query parameters of every call.
type routeParams struct {
	Uniacid int64  `url:"i"`
	UUID    string `url:"uuid"`
	Type    int    `url:"type"`
	Route   string `url:"route"`
	Mid     int64  `url:"mid,omitempty"`
}

// loginParams is the login form.
type loginParams struct {
	Mobile   string `url:"mobile"`
	Password string `url:"password"`
}

// stayParams are the stay fields shared by goods-buy and create.
type stayParams struct {
	HotelID         int64          `url:"hotel_id"`
	Sid             int64          `url:"sid"`
	Nums            int            `url:"nums"`
	DatePrice       datePriceParam `url:"date_price"`
	MemberCouponIDs jsonIDs        `url:"member_coupon_ids,omitempty"`
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
		out[i] = wireDatePrice{Date: it.Date.Format(p.format.layout()), Price: json.Number(it.Price.numberText())}
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

// jsonText writes a fixed JSON text (address is always {} for a room).
type jsonText string

// EncodeValues implements query.Encoder.
func (t jsonText) EncodeValues(key string, v *url.Values) error {
	v.Set(key, string(t))
	return nil
}

func setJSON(v *url.Values, key string, x any) error {
	b, err := json.Marshal(x)
	if err != nil {
		return err
	}
	v.Set(key, string(b))
	return nil
}

// values encodes one or more parameter structs into one url.Values.
func values(structs ...any) (url.Values, error) {
	out := url.Values{}
	for _, s := range structs {
		v, err := query.Values(s)
		if err != nil {
			return nil, err
		}
		for k, vs := range v {
			out[k] = append(out[k], vs...)
		}
	}
	return out, nil
}

func (r *GoodsBuyRequest) stay(f DateFormat) stayParams {
	return stayParams{
		HotelID: r.HotelID, Sid: r.RoomTypeID, Nums: r.Rooms,
		DatePrice:       datePriceParam{items: r.DatePrices, format: f},
		MemberCouponIDs: r.MemberCouponIDs,
	}
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
