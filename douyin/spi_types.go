package douyin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// Paths of the three SPI endpoints Douyin calls on the integrator. The
// handler matches them as path suffixes, so they can be mounted under any
// prefix.
const (
	SPIPathCommitOrder   = "/poi/ext/hotel/order/commit" // 下单 (PoiExtHotelOrderCommit)
	SPIPathPaymentStatus = "/poi/ext/hotel/order/status" // 支付状态通知 (PoiExtHotelOrderStatus)
	SPIPathCancelOrder   = "/poi/ext/hotel/order/cancel" // 取消订单 (PoiExtHotelOrderCancel)
)

// SPIOperation names one SPI call in logs, errors and hooks.
type SPIOperation string

// The three SPI calls.
const (
	SPICommitOrder   SPIOperation = "spi.commit_order"
	SPINotifyPayment SPIOperation = "spi.notify_payment"
	SPICancelOrder   SPIOperation = "spi.cancel_order"
)

// Path returns the endpoint path of the operation ("" if unknown).
func (op SPIOperation) Path() string {
	switch op {
	case SPICommitOrder:
		return SPIPathCommitOrder
	case SPINotifyPayment:
		return SPIPathPaymentStatus
	case SPICancelOrder:
		return SPIPathCancelOrder
	}
	return ""
}

// PhoneNumber is a guest's phone number. The spec types customer_phone as
// int64 while other SDKs send a string, so it decodes from a JSON string or
// an integer and always encodes as a string.
//
// It is personal data: String, GoString, every fmt verb and slog print a
// mask ("***"), never the number. Call Value (or convert with string(p)) to
// read it deliberately.
type PhoneNumber string

// Value returns the phone number itself.
func (p PhoneNumber) Value() string { return string(p) }

// String returns a mask: "***" for a number, "" for none.
func (p PhoneNumber) String() string {
	if p == "" {
		return ""
	}
	return transport.Mask
}

// GoString returns the mask, so %#v does not print the number either.
func (p PhoneNumber) GoString() string { return fmt.Sprintf("douyin.PhoneNumber(%q)", p.String()) }

// Format prints the mask for every verb (%v, %s, %q, %d, %x, ...).
func (p PhoneNumber) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", p.String())
	case 'v':
		if f.Flag('#') {
			_, _ = f.Write([]byte(p.GoString()))
			return
		}
		_, _ = f.Write([]byte(p.String()))
	default:
		_, _ = f.Write([]byte(p.String()))
	}
}

// LogValue makes slog print the mask.
func (p PhoneNumber) LogValue() slog.Value { return slog.StringValue(p.String()) }

// MarshalJSON writes the number as a JSON string (the wire needs the value).
func (p PhoneNumber) MarshalJSON() ([]byte, error) { return json.Marshal(string(p)) }

// errPhoneNumber never quotes the offending value.
var errPhoneNumber = errors.New("douyin: customer_phone: want a JSON string or integer")

// UnmarshalJSON accepts "13800138000", 13800138000, "" and null.
func (p *PhoneNumber) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return errPhoneNumber
	case string(b) == "null":
		*p = ""
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return errPhoneNumber
		}
		*p = PhoneNumber(s)
		return nil
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return errPhoneNumber // fractions, exponents, signs, objects
		}
	}
	*p = PhoneNumber(b)
	return nil
}

// DatePrice is the price of one night (the spec's
// PoiExtHotelOrderCommitDatePrice).
type DatePrice struct {
	// Date is the night (yyyyMMdd).
	Date Date `json:"date"`
	// Price is the night's price in fen (wire name date_price).
	Price Fen `json:"date_price"`
}

// Customer is one guest (the spec's PoiExtHotelOrderCommitCustomerList).
// Names are personal data: LogValue masks them.
type Customer struct {
	CnName    string `json:"cn_name"`    // 中文姓名
	GivenName string `json:"given_name"` // 名 (pinyin or foreign name)
	Surname   string `json:"surname"`    // 姓
}

// LogValue masks the names.
func (c Customer) LogValue() slog.Value { return slog.StringValue(transport.Mask) }

// CommitOrderRequest is what Douyin sends to create an order on the
// integrator's side (下单, the spec's PoiExtHotelOrderCommit opts).
type CommitOrderRequest struct {
	OrderID  string `json:"order_id"`   // 抖音订单号
	SPUExtID string `json:"spu_ext_id"` // 接入方房型ID
	// Status is the payment state; 0 (unpaid) is meaningful and always sent.
	Status PayStatus `json:"status"`
	// ReserveAmount is the number of rooms booked (预定数量).
	ReserveAmount int64 `json:"reserve_amount"`
	// CustomerName and CustomerPhone identify the booker (预订人): personal
	// data, never logged.
	CustomerName  string      `json:"customer_name"`
	CustomerPhone PhoneNumber `json:"customer_phone"`
	// CustomerList names the guests (personal data).
	CustomerList []Customer `json:"customer_list,omitempty"`
	// CheckIn and CheckOut are the stay's dates (入住, 离店).
	CheckIn  Date `json:"check_in"`
	CheckOut Date `json:"check_out"`
	// TotalPrice is the order's total (总价) in fen.
	TotalPrice Fen `json:"total_price"`
	// Remark is the guest's note (备注): free text, never logged.
	Remark string `json:"remark"`
	// DatePrice is the price of each night.
	DatePrice []DatePrice `json:"date_price,omitempty"`
}

// PaymentStatusRequest is Douyin's payment notification (支付状态通知, the
// spec's PoiExtHotelOrderStatus opts).
type PaymentStatusRequest struct {
	SupplierExtID string `json:"supplier_ext_id"` // 接入方商铺ID
	OrderID       string `json:"order_id"`        // 抖音订单号
	OrderExtID    string `json:"order_ext_id"`    // 接入方订单号
	// Status is the payment state; Douyin sends PayStatusPaid (付款成功).
	Status PayStatus `json:"status"`
	// DatePrice is the price of each night (only the spec lists it).
	DatePrice []DatePrice `json:"date_price,omitempty"`
}

// CancelOrderRequest asks the integrator to cancel an order (取消订单, the
// spec's PoiExtHotelOrderCancel opts). Note the wire name of the payment
// state: order_status.
type CancelOrderRequest struct {
	SupplierExtID string    `json:"supplier_ext_id"` // 接入方商铺ID
	OrderID       string    `json:"order_id"`        // 抖音订单号
	OrderExtID    string    `json:"order_ext_id"`    // 接入方订单号
	OrderStatus   PayStatus `json:"order_status"`    // 0 未支付, 1 已支付
	// DatePrice is the price of each night (only the spec lists it).
	DatePrice []DatePrice `json:"date_price,omitempty"`
}

// LogValue lists the order's identifiers, dates and amounts; never the
// guest's name, phone number or the remark.
func (r CommitOrderRequest) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("order_id", r.OrderID), slog.String("spu_ext_id", r.SPUExtID),
		slog.Int("status", int(r.Status)), slog.Int64("reserve_amount", r.ReserveAmount),
		slog.String("check_in", r.CheckIn.String()), slog.String("check_out", r.CheckOut.String()),
		slog.String("total_price", r.TotalPrice.String()), slog.Int("nights_priced", len(r.DatePrice)),
		slog.Int("guests", len(r.CustomerList)))
}

// LogValue lists the request's identifiers and state.
func (r PaymentStatusRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("order_id", r.OrderID), slog.String("order_ext_id", r.OrderExtID),
		slog.String("supplier_ext_id", r.SupplierExtID), slog.Int("status", int(r.Status)))
}

// LogValue lists the request's identifiers and state.
func (r CancelOrderRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("order_id", r.OrderID), slog.String("order_ext_id", r.OrderExtID),
		slog.String("supplier_ext_id", r.SupplierExtID), slog.Int("order_status", int(r.OrderStatus)))
}

func validPayStatus(s PayStatus) bool { return s == PayStatusUnpaid || s == PayStatusPaid }

func validateDatePrices(v *transport.Validator, dps []DatePrice) {
	for i, dp := range dps {
		v.Check(!dp.Date.IsZero(), fmt.Sprintf("date_price[%d].date", i), "is required (yyyyMMdd)")
		v.Check(dp.Price >= 0, fmt.Sprintf("date_price[%d].date_price", i), "must not be negative")
	}
}

// Validate reports every problem of the request as a *ValidationError with
// wire-name field paths: order_id, spu_ext_id, check_in and check_out are
// required, check_out must be after check_in, reserve_amount at least 1,
// status 0 or 1, amounts not negative. Personal fields are never quoted.
func (r *CommitOrderRequest) Validate() error {
	if r == nil {
		return nilRequest(string(SPICommitOrder))
	}
	v := newValidator(string(SPICommitOrder))
	v.Check(!blank(r.OrderID), "order_id", "is required")
	v.Check(!blank(r.SPUExtID), "spu_ext_id", "is required")
	v.Check(validPayStatus(r.Status), "status", "must be 0 (unpaid) or 1 (paid), got %d", int(r.Status))
	v.Check(r.ReserveAmount >= 1, "reserve_amount", "must be at least 1, got %d", r.ReserveAmount)
	v.Check(!r.CheckIn.IsZero(), "check_in", "is required (yyyyMMdd)")
	v.Check(!r.CheckOut.IsZero(), "check_out", "is required (yyyyMMdd)")
	if !r.CheckIn.IsZero() && !r.CheckOut.IsZero() {
		v.Check(r.CheckOut.After(r.CheckIn), "check_out", "must be after check_in")
	}
	v.Check(r.TotalPrice >= 0, "total_price", "must not be negative")
	validateDatePrices(v, r.DatePrice)
	return v.Err()
}

// Validate reports a missing order_id or an undocumented status as a
// *ValidationError.
func (r *PaymentStatusRequest) Validate() error {
	if r == nil {
		return nilRequest(string(SPINotifyPayment))
	}
	v := newValidator(string(SPINotifyPayment))
	v.Check(!blank(r.OrderID), "order_id", "is required")
	v.Check(validPayStatus(r.Status), "status", "must be 0 (unpaid) or 1 (paid), got %d", int(r.Status))
	validateDatePrices(v, r.DatePrice)
	return v.Err()
}

// Validate reports a missing order_id or an undocumented order_status as a
// *ValidationError.
func (r *CancelOrderRequest) Validate() error {
	if r == nil {
		return nilRequest(string(SPICancelOrder))
	}
	v := newValidator(string(SPICancelOrder))
	v.Check(!blank(r.OrderID), "order_id", "is required")
	v.Check(validPayStatus(r.OrderStatus), "order_status", "must be 0 (unpaid) or 1 (paid), got %d", int(r.OrderStatus))
	validateDatePrices(v, r.DatePrice)
	return v.Err()
}

// CommitOrderReplyData is the data part of a commit reply (the spec's
// PoiExtHotelOrderCommitRsp data).
type CommitOrderReplyData struct {
	OrderExtID string `json:"order_ext_id"` // 接入方订单号
	// ErrorCode is 0 on success; Description explains a failure.
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
}

// CommitOrderReply is the integrator's answer to a commit
// (PoiExtHotelOrderCommitRsp). In the flat reply form only Data is on the
// wire, at the top level.
type CommitOrderReply struct {
	// Data is the reply itself (the whole reply in the flat form).
	Data CommitOrderReplyData `json:"data"`
	// Extra is the wrapped form's extra (zero in the flat form).
	Extra Extra `json:"extra"`
}

// PaymentStatusReplyData is the data part of a payment-status reply (the
// spec's PoiExtHotelOrderStatusRsp data). Status 0 (订单确认) is always
// written.
type PaymentStatusReplyData struct {
	Status ConfirmStatus `json:"status"`
	// ErrorCode is 0 on success; Description explains a failure.
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
	// Balance is an amount in fen (金额); the spec does not say more.
	Balance Fen    `json:"balance"`
	Ext     string `json:"ext"` // 附加信息
}

// PaymentStatusReply is the integrator's answer to a payment notification
// (PoiExtHotelOrderStatusRsp).
type PaymentStatusReply struct {
	// Data is the reply itself (the whole reply in the flat form).
	Data PaymentStatusReplyData `json:"data"`
	// Extra is the wrapped form's extra (zero in the flat form).
	Extra Extra `json:"extra"`
}

// CancelOrderReplyData is the data part of a cancel reply (the spec's
// PoiExtHotelOrderCancelRsp data). Status 0 (接受取消) is always written.
type CancelOrderReplyData struct {
	Status CancelStatus `json:"status"`
	// ErrorCode is 0 on success; Description explains a failure.
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
	Balance     Fen    `json:"balance"`
	Ext         string `json:"ext"`
}

// CancelOrderReply is the integrator's answer to a cancellation
// (PoiExtHotelOrderCancelRsp).
type CancelOrderReply struct {
	// Data is the reply itself (the whole reply in the flat form).
	Data CancelOrderReplyData `json:"data"`
	// Extra is the wrapped form's extra (zero in the flat form).
	Extra Extra `json:"extra"`
}

// spiReplyData is implemented by the three reply data types.
type spiReplyData interface {
	replyError() (Code, string)
}

func (d CommitOrderReplyData) replyError() (Code, string)   { return d.ErrorCode, d.Description }
func (d PaymentStatusReplyData) replyError() (Code, string) { return d.ErrorCode, d.Description }
func (d CancelOrderReplyData) replyError() (Code, string)   { return d.ErrorCode, d.Description }
