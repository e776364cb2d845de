package spi

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/douyin"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// CommitOrderRequest is what Douyin sends to create an order on the
// integrator's side (下单, the spec's PoiExtHotelOrderCommit opts).
type CommitOrderRequest struct {
	OrderID  string `json:"order_id"`   // 抖音订单号
	SPUExtID string `json:"spu_ext_id"` // 接入方房型ID
	// Status is the payment state; 0 (unpaid) is meaningful and always sent.
	Status douyin.PayStatus `json:"status"`
	// ReserveAmount is the number of rooms booked (预定数量).
	ReserveAmount int64 `json:"reserve_amount"`
	// CustomerName and CustomerPhone identify the booker (预订人): personal
	// data, never logged.
	CustomerName  string             `json:"customer_name"`
	CustomerPhone douyin.PhoneNumber `json:"customer_phone"`
	// CustomerList names the guests (personal data).
	CustomerList []douyin.Customer `json:"customer_list,omitempty"`
	// CheckIn and CheckOut are the stay's dates (入住, 离店).
	CheckIn  douyin.Date `json:"check_in"`
	CheckOut douyin.Date `json:"check_out"`
	// TotalPrice is the order's total (总价) in fen.
	TotalPrice douyin.Fen `json:"total_price"`
	// Remark is the guest's note (备注): free text, never logged.
	Remark string `json:"remark"`
	// DatePrice is the price of each night.
	DatePrice []douyin.DatePrice `json:"date_price,omitempty"`
	// LogID is Douyin's id of the call (the X-Bytedance-Logid header, at
	// most 128 bytes; "" when absent), and BodySHA256 the hex SHA-256 of
	// the raw body as received: with OrderID, what you need to trace a
	// call and to tell a repeated delivery from a different one. The
	// handler and ParseRequest set them; they are not part of the body.
	LogID      string `json:"-"`
	BodySHA256 string `json:"-"`
	// Unverified is nil when the call's client key, timestamp and
	// x-life-sign were verified. Otherwise it says why not: with
	// WithSignatureReportOnly, the *Error of the signature check the call
	// failed and was served anyway (errors.Is matches ErrNotSigned,
	// ErrWrongClientKey, ErrInvalidSignature, ErrTooOld or
	// ErrTimestampInFuture); with WithInsecureSkipSignature, where nothing
	// is checked, ErrSignatureNotChecked. Its text names the check, never
	// the signature, the secret or a value. The handler and ParseRequest
	// set it; it is not part of the body.
	Unverified error `json:"-"`
}

// NotifyPaymentRequest is Douyin's payment notification (支付状态通知, the
// spec's PoiExtHotelOrderStatus opts).
type NotifyPaymentRequest struct {
	SupplierExtID string `json:"supplier_ext_id"` // 接入方商铺ID
	OrderID       string `json:"order_id"`        // 抖音订单号
	OrderExtID    string `json:"order_ext_id"`    // 接入方订单号
	// Status is the payment state; Douyin sends douyin.PayStatusPaid
	// (付款成功).
	Status douyin.PayStatus `json:"status"`
	// DatePrice is the price of each night (only the spec lists it).
	DatePrice []douyin.DatePrice `json:"date_price,omitempty"`
	// LogID is Douyin's id of the call (the X-Bytedance-Logid header, at
	// most 128 bytes; "" when absent), and BodySHA256 the hex SHA-256 of
	// the raw body as received: with OrderID, what you need to trace a
	// call and to tell a repeated delivery from a different one. The
	// handler and ParseRequest set them; they are not part of the body.
	LogID      string `json:"-"`
	BodySHA256 string `json:"-"`
	// Unverified is nil when the call's client key, timestamp and
	// x-life-sign were verified. Otherwise it says why not: with
	// WithSignatureReportOnly, the *Error of the signature check the call
	// failed and was served anyway (errors.Is matches ErrNotSigned,
	// ErrWrongClientKey, ErrInvalidSignature, ErrTooOld or
	// ErrTimestampInFuture); with WithInsecureSkipSignature, where nothing
	// is checked, ErrSignatureNotChecked. Its text names the check, never
	// the signature, the secret or a value. The handler and ParseRequest
	// set it; it is not part of the body.
	Unverified error `json:"-"`
}

// CancelOrderRequest asks the integrator to cancel an order (取消订单, the
// spec's PoiExtHotelOrderCancel opts). Note the wire name of the payment
// state: order_status.
type CancelOrderRequest struct {
	SupplierExtID string           `json:"supplier_ext_id"` // 接入方商铺ID
	OrderID       string           `json:"order_id"`        // 抖音订单号
	OrderExtID    string           `json:"order_ext_id"`    // 接入方订单号
	OrderStatus   douyin.PayStatus `json:"order_status"`    // 0 未支付, 1 已支付
	// DatePrice is the price of each night (only the spec lists it).
	DatePrice []douyin.DatePrice `json:"date_price,omitempty"`
	// LogID is Douyin's id of the call (the X-Bytedance-Logid header, at
	// most 128 bytes; "" when absent), and BodySHA256 the hex SHA-256 of
	// the raw body as received: with OrderID, what you need to trace a
	// call and to tell a repeated delivery from a different one. The
	// handler and ParseRequest set them; they are not part of the body.
	LogID      string `json:"-"`
	BodySHA256 string `json:"-"`
	// Unverified is nil when the call's client key, timestamp and
	// x-life-sign were verified. Otherwise it says why not: with
	// WithSignatureReportOnly, the *Error of the signature check the call
	// failed and was served anyway (errors.Is matches ErrNotSigned,
	// ErrWrongClientKey, ErrInvalidSignature, ErrTooOld or
	// ErrTimestampInFuture); with WithInsecureSkipSignature, where nothing
	// is checked, ErrSignatureNotChecked. Its text names the check, never
	// the signature, the secret or a value. The handler and ParseRequest
	// set it; it is not part of the body.
	Unverified error `json:"-"`
}

// LogValue lists the order's identifiers, dates and amounts, and, for a
// request the handler or ParseRequest made, the signature's state:
// signature=verified (Unverified nil), not_checked
// (ErrSignatureNotChecked), or the failed check's code as in the handler's
// log line (not_signed, wrong_client_key, invalid_signature, too_old,
// timestamp_in_future; unverified for another error). Never the guest's
// name, phone number, the remark or the signature itself.
func (r CommitOrderRequest) LogValue() slog.Value {
	return slog.GroupValue(withSignature([]slog.Attr{
		slog.String("order_id", r.OrderID), slog.String("spu_ext_id", r.SPUExtID),
		slog.Int("status", int(r.Status)), slog.Int64("reserve_amount", r.ReserveAmount),
		slog.String("check_in", r.CheckIn.String()), slog.String("check_out", r.CheckOut.String()),
		slog.String("total_price", r.TotalPrice.String()), slog.Int("nights_priced", len(r.DatePrice)),
		slog.Int("guests", len(r.CustomerList))}, r.BodySHA256, r.Unverified)...)
}

// LogValue lists the request's identifiers and state, and the signature's
// state (see CommitOrderRequest.LogValue).
func (r NotifyPaymentRequest) LogValue() slog.Value {
	return slog.GroupValue(withSignature([]slog.Attr{
		slog.String("order_id", r.OrderID), slog.String("order_ext_id", r.OrderExtID),
		slog.String("supplier_ext_id", r.SupplierExtID), slog.Int("status", int(r.Status))},
		r.BodySHA256, r.Unverified)...)
}

// LogValue lists the request's identifiers and state, and the signature's
// state (see CommitOrderRequest.LogValue).
func (r CancelOrderRequest) LogValue() slog.Value {
	return slog.GroupValue(withSignature([]slog.Attr{
		slog.String("order_id", r.OrderID), slog.String("order_ext_id", r.OrderExtID),
		slog.String("supplier_ext_id", r.SupplierExtID), slog.Int("order_status", int(r.OrderStatus))},
		r.BodySHA256, r.Unverified)...)
}

// withSignature appends the signature attribute: "verified" (Unverified
// nil), "not_checked" (ErrSignatureNotChecked), the failed check's code
// as in the handler's log line (not_signed, wrong_client_key,
// invalid_signature, too_old, timestamp_in_future), or "unverified" for
// any other error. A request the handler did not make (no BodySHA256, no
// Unverified) gets no attribute: nothing was verified.
func withSignature(attrs []slog.Attr, bodySHA256 string, unverified error) []slog.Attr {
	if unverified == nil && bodySHA256 == "" {
		return attrs
	}
	return append(attrs, slog.String("signature", signatureState(unverified)))
}

// signatureState names a request's Unverified value, never quoting it.
func signatureState(unverified error) string {
	if unverified == nil {
		return "verified"
	}
	for _, s := range []struct {
		err  error
		name string
	}{
		{ErrSignatureNotChecked, "not_checked"},
		{ErrNotSigned, "not_signed"}, {ErrWrongClientKey, "wrong_client_key"},
		{ErrInvalidSignature, "invalid_signature"}, {ErrTooOld, "too_old"},
		{ErrTimestampInFuture, "timestamp_in_future"},
	} {
		if errors.Is(unverified, s.err) {
			return s.name
		}
	}
	return "unverified"
}

func newValidator(op Operation) *transport.Validator {
	return &transport.Validator{Platform: "douyin", Operation: string(op)}
}

func nilRequest(op Operation) error {
	v := newValidator(op)
	v.Add("", "request is nil")
	return v.Err()
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func validPayStatus(s douyin.PayStatus) bool {
	return s == douyin.PayStatusUnpaid || s == douyin.PayStatusPaid
}

func validateDatePrices(v *transport.Validator, dps []douyin.DatePrice) {
	for i, dp := range dps {
		if dp.Date.IsZero() { // the field name is only formatted for a problem
			v.Add(fmt.Sprintf("date_price[%d].date", i), "is required (yyyyMMdd)")
		}
		if dp.Price < 0 {
			v.Add(fmt.Sprintf("date_price[%d].date_price", i), "must not be negative")
		}
	}
}

// Validate reports every problem of the request as a
// *hotelsdk.ValidationError with wire-name field paths: order_id, spu_ext_id,
// check_in and check_out are required, check_out must be after check_in,
// reserve_amount at least 1, status 0 or 1, amounts not negative. Personal
// fields are never quoted.
func (r *CommitOrderRequest) Validate() error {
	if r == nil {
		return nilRequest(OpCommitOrder)
	}
	v := newValidator(OpCommitOrder)
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
// *hotelsdk.ValidationError.
func (r *NotifyPaymentRequest) Validate() error {
	if r == nil {
		return nilRequest(OpNotifyPayment)
	}
	v := newValidator(OpNotifyPayment)
	v.Check(!blank(r.OrderID), "order_id", "is required")
	v.Check(validPayStatus(r.Status), "status", "must be 0 (unpaid) or 1 (paid), got %d", int(r.Status))
	validateDatePrices(v, r.DatePrice)
	return v.Err()
}

// Validate reports a missing order_id or an undocumented order_status as a
// *hotelsdk.ValidationError.
func (r *CancelOrderRequest) Validate() error {
	if r == nil {
		return nilRequest(OpCancelOrder)
	}
	v := newValidator(OpCancelOrder)
	v.Check(!blank(r.OrderID), "order_id", "is required")
	v.Check(validPayStatus(r.OrderStatus), "order_status", "must be 0 (unpaid) or 1 (paid), got %d", int(r.OrderStatus))
	validateDatePrices(v, r.DatePrice)
	return v.Err()
}
