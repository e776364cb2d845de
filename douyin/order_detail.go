package douyin

import (
	"encoding/json"
	"errors"
	"fmt"
)

// MarshalOrderDetail encodes v as the JSON string /poi/order/sync carries
// in order_detail. v must encode as a JSON object. When v has a
// Validate() error method (HotelOrderDetail does), it is called first and
// its error returned.
func MarshalOrderDetail(v any) (string, error) {
	if v == nil {
		return "", errors.New("douyin: order_detail: nil value")
	}
	if d, ok := v.(HotelOrderDetail); ok { // Validate has a pointer receiver
		v = &d
	}
	if val, ok := v.(interface{ Validate() error }); ok {
		if err := val.Validate(); err != nil {
			return "", err
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("douyin: order_detail: %w", err)
	}
	if !isJSONObject(string(b)) {
		return "", errors.New("douyin: order_detail: value must encode as a JSON object")
	}
	return string(b), nil
}

// SetOrderDetail sets r.OrderDetail to v encoded by MarshalOrderDetail.
func (r *SyncOrderRequest) SetOrderDetail(v any) error {
	if r == nil {
		return errors.New("douyin: SetOrderDetail: nil *SyncOrderRequest")
	}
	s, err := MarshalOrderDetail(v)
	if err != nil {
		return err
	}
	r.OrderDetail = s
	return nil
}

// HotelOrderDetail is the SDK's PROPOSAL for the order_detail of a hotel
// order (order type 140). Douyin does not publish that schema; the fields
// below are the ones every hotel order has, named like the fields of the
// commit SPI where one exists. Check them against what your Douyin contact
// gives you: if they differ, define your own struct and pass it to
// SetOrderDetail instead.
//
// The detail carries personal data (names, phone number): the SDK masks
// the whole order_detail in logs.
type HotelOrderDetail struct {
	// OrderID is Douyin's order id (抖音订单号), when the order came from
	// Douyin's commit SPI.
	OrderID string `json:"order_id,omitempty"`
	// OrderExtID is the integrator's order id (接入方订单号). Required.
	OrderExtID string `json:"order_ext_id"`
	// SupplierExtID is the integrator's shop (hotel) id (接入方商铺ID). Required.
	SupplierExtID string `json:"supplier_ext_id"`
	// HotelName is the hotel's display name.
	HotelName string `json:"hotel_name,omitempty"`
	// SPUExtID is the integrator's room type id (接入方房型ID). Required.
	SPUExtID string `json:"spu_ext_id"`
	// RoomName is the room type's display name.
	RoomName string `json:"room_name,omitempty"`
	// CheckIn and CheckOut are the stay's dates (yyyyMMdd); CheckOut must
	// be after CheckIn. Required.
	CheckIn  Date `json:"check_in"`
	CheckOut Date `json:"check_out"`
	// ReserveAmount is the number of rooms (预定数量), at least 1.
	ReserveAmount int64 `json:"reserve_amount"`
	// TotalPrice is the order's total in fen; not negative.
	TotalPrice Fen `json:"total_price"`
	// DatePrice, when given, holds one price per night, in order, from
	// CheckIn up to the night before CheckOut.
	DatePrice []DatePrice `json:"date_price,omitempty"`
	// CustomerName and CustomerPhone identify the booker (personal data).
	CustomerName  string      `json:"customer_name,omitempty"`
	CustomerPhone PhoneNumber `json:"customer_phone,omitempty"`
	// CustomerList names the guests (personal data).
	CustomerList []Customer `json:"customer_list,omitempty"`
	// Status is the integrator's confirmation state; 0 (confirmed) is sent.
	Status ConfirmStatus `json:"status"`
	// PayStatus is the payment state; 0 (unpaid) is sent.
	PayStatus PayStatus `json:"pay_status"`
	// CreateTime is when the order was created, in milliseconds since the epoch.
	CreateTime int64 `json:"create_time,omitempty"`
	// Remark is a free-text note (备注).
	Remark string `json:"remark,omitempty"`
}

// Validate checks the detail before it is sent: required fields, valid
// dates, check-out after check-in, one night price per night, no negative
// amounts. Problems are reported with paths under "order_detail."; personal
// values are never quoted.
func (d *HotelOrderDetail) Validate() error {
	v := newValidator("order.sync")
	if d == nil {
		v.Add("order_detail", "is nil")
		return v.Err()
	}
	const p = "order_detail."
	v.Check(!blank(d.OrderExtID), p+"order_ext_id", "is required")
	v.Check(!blank(d.SupplierExtID), p+"supplier_ext_id", "is required")
	v.Check(!blank(d.SPUExtID), p+"spu_ext_id", "is required")
	v.Check(!d.CheckIn.IsZero(), p+"check_in", "is required")
	v.Check(!d.CheckOut.IsZero(), p+"check_out", "is required")
	stay := !d.CheckIn.IsZero() && !d.CheckOut.IsZero()
	if stay && !d.CheckOut.After(d.CheckIn) {
		v.Add(p+"check_out", "must be after check_in (%s), got %s", d.CheckIn, d.CheckOut)
		stay = false
	}
	v.Check(d.ReserveAmount >= 1, p+"reserve_amount", "must be at least 1, got %d", d.ReserveAmount)
	v.Check(d.TotalPrice >= 0, p+"total_price", "must not be negative")
	v.Check(d.Status.Valid(), p+"status", "must be 0..3, got %d", int(d.Status))
	v.Check(d.PayStatus == PayStatusUnpaid || d.PayStatus == PayStatusPaid, p+"pay_status", "must be 0 or 1, got %d", int(d.PayStatus))
	v.Check(d.CreateTime == 0 || d.CreateTime >= minMillis, p+"create_time", "must be milliseconds since the epoch")
	if len(d.DatePrice) > 0 && stay {
		if nights := d.CheckIn.DaysUntil(d.CheckOut); len(d.DatePrice) != nights {
			v.Add(p+"date_price", "must hold one price per night: %d nights, %d prices", nights, len(d.DatePrice))
		}
	}
	for i, dp := range d.DatePrice {
		f := fmt.Sprintf("%sdate_price[%d]", p, i)
		switch {
		case dp.Date.IsZero():
			v.Add(f+".date", "is required")
		case stay && dp.Date != d.CheckIn.AddDays(i):
			v.Add(f+".date", "must be %s (nights in order from check_in), got %s", d.CheckIn.AddDays(i), dp.Date)
		}
		v.Check(dp.Price >= 0, f+".date_price", "must not be negative")
	}
	for i, c := range d.CustomerList {
		if blank(c.CnName) && (blank(c.GivenName) || blank(c.Surname)) {
			v.Add(fmt.Sprintf("%scustomer_list[%d]", p, i), "needs cn_name, or given_name and surname")
		}
	}
	return v.Err()
}

// NewHotelSyncOrder returns a SyncOrderRequest for a hotel order (order
// type 140) of the shop, with d validated and encoded into order_detail.
func NewHotelSyncOrder(shop ExtShopInfo, d *HotelOrderDetail) (*SyncOrderRequest, error) {
	r := &SyncOrderRequest{OrderType: OrderTypeHotel, ExtShopInfo: shop}
	if err := r.SetOrderDetail(d); err != nil {
		return nil, err
	}
	return r, nil
}

// ParseHotelOrderDetail decodes an order_detail string written with
// HotelOrderDetail (e.g. in a test server). Anything but a JSON object is
// an error.
func ParseHotelOrderDetail(s string) (*HotelOrderDetail, error) {
	if !isJSONObject(s) {
		return nil, errors.New("douyin: order_detail: not a JSON-encoded object")
	}
	var d HotelOrderDetail
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return nil, fmt.Errorf("douyin: order_detail: %w", err)
	}
	return &d, nil
}
