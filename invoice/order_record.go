package invoice

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// OrderRecord is an order as the platform stored it (OrderDto).
//
// A date the SDK cannot read (orderTime, beginDate, endDate in a form it
// does not know) does not fail the whole order/get answer: the field keeps
// the text as Time.Raw, stays unset, and Errors names it. Check Errors (or
// GetOrdersResult.FieldErrors) before trusting the dates of an order.
type OrderRecord struct {
	PartnerOrderNo string `json:"partnerOrderNo,omitempty"`
	ErpOrderNo     string `json:"erpOrderNo,omitempty"`
	// OrderPrice is the order amount. (The documentation's table spells
	// the key "orderprice"; decoding ignores case, so both are read.)
	OrderPrice Amount `json:"orderPrice,omitzero"`
	// OrderTime is when the order was placed (下单时间).
	OrderTime Time `json:"orderTime,omitzero"`
	// BeginDate is the check-in date (入住日期).
	BeginDate Time `json:"beginDate,omitzero"`
	// EndDate is the check-out date (离店日期).
	EndDate Time `json:"endDate,omitzero"`
	// GuestNames are the guests' names (入住人): personal data, never logged.
	GuestNames []string `json:"guestNames,omitempty"`
	// OrderDetailDtos are the order's lines.
	OrderDetailDtos []OrderDetail `json:"orderDetailDtos,omitempty"`
	// Errors lists the fields of this order that could not be read, by
	// wire name ("beginDate"); empty when every field was read. It is not
	// part of the wire form.
	Errors []hotelsdk.FieldError `json:"-"`
}

// UnmarshalJSON reads an OrderDto. An unreadable orderTime, beginDate or
// endDate is kept as raw text with an entry in Errors rather than failing;
// any other malformed field is an error.
func (o *OrderRecord) UnmarshalJSON(data []byte) error {
	type plain OrderRecord // without this method
	var aux struct {
		plain
		OrderTime json.RawMessage `json:"orderTime"`
		BeginDate json.RawMessage `json:"beginDate"`
		EndDate   json.RawMessage `json:"endDate"`
	}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	rec := OrderRecord(aux.plain)
	rec.Errors = nil
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *Time
	}{{"orderTime", aux.OrderTime, &rec.OrderTime}, {"beginDate", aux.BeginDate, &rec.BeginDate}, {"endDate", aux.EndDate, &rec.EndDate}} {
		*f.dst = Time{}
		if len(f.raw) == 0 {
			continue
		}
		if err := f.dst.UnmarshalJSON(f.raw); err != nil {
			*f.dst = Time{raw: append([]byte(nil), bytes.TrimSpace(f.raw)...)}
			rec.Errors = append(rec.Errors, hotelsdk.FieldError{Field: f.name, Message: strings.TrimPrefix(err.Error(), "invoice: time: ")})
		}
	}
	*o = rec
	return nil
}

// InvoiceAmount returns the final invoice amount of the order: the order
// amount minus the lines' discounts (最终开票金额 = 订单金额 - 总折扣金额).
func (o OrderRecord) InvoiceAmount() Amount {
	if !o.OrderPrice.IsSet() {
		return Amount{}
	}
	total := o.OrderPrice
	for _, d := range o.OrderDetailDtos {
		if d.DiscountPrice.IsSet() {
			total = total.Sub(d.DiscountPrice)
		}
	}
	return total
}

// OrderDetail is one line of a stored order (OrderDetailDto).
type OrderDetail struct {
	Quantity   Quantity `json:"quantity,omitzero"`
	UnitPrice  Amount   `json:"unitPrice,omitzero"`  // 单价(含税)
	TotalPrice Amount   `json:"totalPrice,omitzero"` // 总价(含税)
	// DiscountPrice is the discount (折扣金额).
	DiscountPrice Amount `json:"discountPrice,omitzero"`
	// FinalPrice is TotalPrice minus DiscountPrice (最终金额).
	FinalPrice Amount `json:"finalPrice,omitzero"`
	// TaxTypeNo is the tax classification code (税收分类编码).
	TaxTypeNo string `json:"taxTypeNo,omitempty"`
	// TaxRate is the tax rate in percent as sent ("3" is 3%).
	TaxRate      string `json:"taxRate,omitempty"`
	Name         string `json:"name,omitempty"`         // 商品名称
	Identifier   string `json:"identifier,omitempty"`   // 商品唯一识别编码
	ItemSpec     string `json:"itemSpec,omitempty"`     // 规格型号
	Unit         string `json:"unit,omitempty"`         // 单位
	Abbreviation string `json:"abbreviation,omitempty"` // 简称
}

// OrderList is the data of an order/get answer. The documentation's example
// sends the list itself while its table nests it under "orderDtos"; both are
// read, and the list itself is written.
type OrderList []OrderRecord

// UnmarshalJSON reads a list of orders, an object {"orderDtos": [...]}, or
// null (no orders); "orderDtos": null is no orders too. The key is
// matched in any case (the documentation's table is loose with case).
func (l *OrderList) UnmarshalJSON(data []byte) error {
	t := bytes.TrimSpace(data)
	switch {
	case len(t) == 0:
		return errors.New("invoice: order list: empty input")
	case string(t) == "null":
		*l = nil
		return nil
	case t[0] == '{':
		var wrapped map[string]json.RawMessage
		if err := json.Unmarshal(t, &wrapped); err != nil {
			return err
		}
		inner := wrapped["orderDtos"]
		for k, v := range wrapped { // any case, as encoding/json matches fields
			if inner == nil && strings.EqualFold(k, "orderDtos") {
				inner = v
			}
		}
		if inner == nil {
			return errors.New("invoice: order list: object without orderDtos")
		}
		if bytes.HasPrefix(bytes.TrimSpace(inner), []byte("{")) {
			return errors.New("invoice: order list: orderDtos is not a list")
		}
		return l.UnmarshalJSON(inner)
	}
	var list []OrderRecord
	if err := json.Unmarshal(t, &list); err != nil {
		return err
	}
	*l = list
	return nil
}
