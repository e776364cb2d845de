package spi

import (
	"context"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/douyin"
)

// Service is what an integrator implements to serve Douyin's hotel-order
// SPI. The handler calls it only with a request that passed the signature,
// timestamp and shape checks and Validate — except that with
// WithSignatureReportOnly a call that failed the signature or timestamp
// check is served too, with the failed check in the request's Unverified
// field (nil when the call was verified).
//
// Return a result and a nil error to answer success. Return an *Error (or
// an error wrapping one) to answer a business failure with your own
// error_code and description (HTTP 200 unless the *Error says otherwise).
// Any other error, a nil result or a panic is answered as
// douyin.CodeUnknownError "internal error" with HTTP 500, so that Douyin
// tries again; its text is never sent nor logged by the handler (see
// WithErrorHandler to see it).
//
// Douyin repeats payment notifications and cancellations until they are
// answered, and may repeat a commit: make all three idempotent on OrderID.
type Service interface {
	// CommitOrder creates the order (下单) and returns its id on your side.
	CommitOrder(ctx context.Context, req *CommitOrderRequest) (*CommitOrderResult, error)
	// NotifyPayment takes a payment notification (支付状态通知) and returns
	// the order's confirmation state.
	NotifyPayment(ctx context.Context, req *NotifyPaymentRequest) (*NotifyPaymentResult, error)
	// CancelOrder cancels the order (取消订单).
	CancelOrder(ctx context.Context, req *CancelOrderRequest) (*CancelOrderResult, error)
}

// Operation names one SPI call in logs, errors and hooks.
type Operation string

// The three SPI calls. Each is served at its Path, under any prefix.
const (
	OpCommitOrder   Operation = "spi.commit_order"   // POST /poi/ext/hotel/order/commit, 下单
	OpNotifyPayment Operation = "spi.notify_payment" // POST /poi/ext/hotel/order/status, 支付状态通知
	OpCancelOrder   Operation = "spi.cancel_order"   // POST /poi/ext/hotel/order/cancel, 取消订单
)

// Path returns the endpoint path of the operation ("" if unknown):
// /poi/ext/hotel/order/commit, /poi/ext/hotel/order/status or
// /poi/ext/hotel/order/cancel.
func (op Operation) Path() string {
	switch op {
	case OpCommitOrder:
		return "/poi/ext/hotel/order/commit"
	case OpNotifyPayment:
		return "/poi/ext/hotel/order/status"
	case OpCancelOrder:
		return "/poi/ext/hotel/order/cancel"
	}
	return ""
}

// CommitOrderResult is a successful commit.
type CommitOrderResult struct {
	// OrderExtID is your order id (order_ext_id); required.
	OrderExtID string
}

// NotifyPaymentResult is the answer to a payment notification.
type NotifyPaymentResult struct {
	// Status is the order's confirmation state; its zero value,
	// douyin.ConfirmStatusConfirmed (订单确认), is sent as 0.
	Status douyin.ConfirmStatus
	// Balance is an amount in fen (the spec calls it 金额 and says no more).
	Balance douyin.Fen
	// Ext is free-form extra information (附加信息).
	Ext string
}

// CancelOrderResult is the answer to a cancellation.
type CancelOrderResult struct {
	// Status answers the cancellation. The spec's cancel reply reuses the
	// payment reply's data (PoiExtHotelOrderStatusRspData), so it takes the
	// same four states: douyin.ConfirmStatusConfirmed (0, 订单确认: the
	// cancellation is accepted, 接受取消 in other SDKs, and the zero value),
	// ConfirmStatusPriceChanged (1, 价格变动), ConfirmStatusSoldOut (2, 库存不足)
	// and ConfirmStatusConfirming (3, 确认中). 0 is always sent.
	Status douyin.ConfirmStatus
	// Balance is an amount in fen (the spec says no more).
	Balance douyin.Fen
	// Ext is free-form extra information (附加信息).
	Ext string
}

// Error is an SPI error reply: error_code and description, with an HTTP
// status.
//
// Your Service returns one to answer a business failure: the reply
// carries Code as error_code and Description as description, with HTTP 200
// (or HTTPStatus when it is set, 200 to 599). Description is sent to Douyin
// as is: keep personal data out of it.
//
// ParseRequest returns one for a call it rejects: HTTPStatus and a
// description that names the problem (never a value), code
// douyin.CodeInvalidParameter, and the cause in Err (one of the sentinel
// errors, a *hotelsdk.ValidationError, or a decoding error).
type Error struct {
	// Code is the reply's error_code; 0 is answered as
	// douyin.CodeUnknownError, since an error must never read as success.
	Code douyin.Code
	// Description is the reply's description.
	Description string
	// HTTPStatus is the status of the reply; 0 means 200.
	HTTPStatus int
	// Err is the cause, if any (errors.Is and errors.As see it); never
	// sent.
	Err error
}

// Error returns the code and description.
func (e *Error) Error() string {
	if e == nil {
		return "spi: <nil *Error>"
	}
	if e.Description == "" {
		return fmt.Sprintf("spi: error_code %d", e.Code)
	}
	return fmt.Sprintf("spi: error_code %d (%s)", e.Code, e.Description)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// PanicError is what the error handler (WithErrorHandler) receives when
// the Service panicked.
type PanicError struct {
	// Value is what the Service panicked with.
	Value any
	// Stack is the goroutine's stack at the panic.
	Stack []byte
}

// Error includes the panic's value: log it only where that is safe.
func (e *PanicError) Error() string {
	if e == nil {
		return "spi: <nil *PanicError>"
	}
	return fmt.Sprintf("spi: the Service panicked: %v", e.Value)
}
