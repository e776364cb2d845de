package invoice

import (
	"context"
	"errors"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// PathAddOrders is order/add's path, relative to the base URL.
const PathAddOrders = "/openapi/order/add"

// OpAddOrders names order/add in errors, logs and hooks.
const OpAddOrders = "order.add"

// IdentifierLodging is the hotel industry's agreed identifier of the lodging
// fee (住宿费) item.
const IdentifierLodging = "ZSF0000001"

// AddOrdersRequest is the body of order/add (提交订单信息) without the
// authentication parameters. Give exactly one of StoreID and StoreNo.
type AddOrdersRequest struct {
	// StoreID is the platform's store id (开票助手门店id); 0 means absent.
	StoreID int64 `json:"storeId,omitempty"`
	// StoreNo is the caller's own store number (第三方门店id).
	StoreNo string `json:"storeNo,omitempty"`
	// OrderList holds the orders to submit (at least one).
	OrderList []Order `json:"orderList"`
}

// Order is one order to invoice (订单详情).
type Order struct {
	// ErpOrderNo is the caller's order number (ERP订单号), required.
	ErpOrderNo string `json:"erpOrderNo"`
	// PartnerOrderNo is the channel's order number (渠道订单号), optional.
	PartnerOrderNo string `json:"partnerOrderNo,omitempty"`
	// OrderPrice is the order amount (订单金额) in yuan, required, in whole
	// fen; it must equal the sum of the items' TotalPrice.
	OrderPrice Amount `json:"orderPrice,omitzero"`
	// Items are the goods of the order (at least one).
	Items []OrderItem `json:"items"`
}

// OrderItem is one line of an order (商品详情).
type OrderItem struct {
	// Identifier is the goods' unique code maintained beforehand in the
	// merchant console, required; IdentifierLodging for the lodging fee.
	Identifier string `json:"identifier"`
	// Quantity is optional and may carry more than two decimals.
	Quantity Quantity `json:"quantity,omitzero"`
	// UnitPrice is the unit price including tax (单价含税), optional; it may
	// carry more than two decimals.
	UnitPrice Amount `json:"unitPrice,omitzero"`
	// TotalPrice is the line total including tax (总价含税), required, in
	// whole fen. When UnitPrice and Quantity are both given it must equal
	// their product rounded half up to whole fen (33.333333 × 3 is 100).
	TotalPrice Amount `json:"totalPrice,omitzero"`
}

// AddOrdersResult is what order/add returns. The platform's envelope
// carries no request id (only code, message and data), so, unlike the
// other packages' results, it has no RequestID field; the batch number
// identifies the submission.
type AddOrdersResult struct {
	// OrderBatchNo is the batch number (订单批次号) to read the orders back
	// with GetOrders.
	OrderBatchNo string
}

// AddOrders submits orders for invoicing (POST /openapi/order/add) and
// returns the batch number the platform gave them.
//
// The request is checked first (see AddOrdersRequest); a request that fails
// its checks returns a *hotelsdk.ValidationError and sends nothing.
//
// AddOrders is not idempotent: the platform stores a new record every time
// the same order is submitted ("同一个订单号重复提交,开票助手会做新增操作"). So
// it is never attempted again once the request may have reached the server,
// whatever the retry policy; it is retried only when the connection was
// never established (the dial failed), which proves nothing was sent.
//
// After an ambiguous failure — hotelsdk.OutcomeUnknown(err) is true and
// the error text says "outcome unknown": the connection
// dropped after the request was written, the attempt timed out, a gateway
// answered 502/503/504, or the answer was not a valid envelope — the orders
// may or may not be stored, and any batch number travelled only in the lost
// answer. Do not resubmit blindly: find out what was stored first — read
// the batch back with GetOrders when its number is known (the merchant
// console shows it), or look the orders up there by erpOrderNo — and
// resubmit only the orders that are missing. The cause stays reachable
// with errors.As (*hotelsdk.TransportError, *hotelsdk.DecodeError, *APIError). Any other
// failure (a *hotelsdk.ValidationError, an *APIError with a code from the platform
// itself) is definite: nothing was stored.
func (c *Client) AddOrders(ctx context.Context, req *AddOrdersRequest, opts ...hotelsdk.CallOption) (*AddOrdersResult, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if err := validateAddOrders(req); err != nil {
		return nil, err
	}
	batchNo, err := call(ctx, c, OpAddOrders, PathAddOrders, req, false, opts, func(r *transport.Response, data string) error {
		if data == "" {
			return r.DecodeError(errors.New("success without an order batch number in data"))
		}
		return nil
	})
	if err != nil {
		return nil, markOutcomeUnknown(err)
	}
	return &AddOrdersResult{OrderBatchNo: batchNo}, nil
}

// outcomeUnknownError wraps a failure of AddOrders after the request may
// have been received: hotelsdk.OutcomeUnknown finds its OutcomeUnknown
// method, errors.As still finds the cause.
type outcomeUnknownError struct{ err error }

func (e *outcomeUnknownError) Error() string {
	return "invoice: " + OpAddOrders + ": outcome unknown, the orders may have been stored: " + e.err.Error()
}

func (e *outcomeUnknownError) Unwrap() error { return e.err }

// OutcomeUnknown is true: the write may have taken effect.
func (e *outcomeUnknownError) OutcomeUnknown() bool { return true }

// markOutcomeUnknown wraps err when it leaves it unknown whether the orders
// were stored: the request may have reached the server (the connection
// failed after it was written, or the attempt timed out), a gateway
// answered 502/503/504 (it may have forwarded the request), or the answer
// was not a valid envelope.
func markOutcomeUnknown(err error) error {
	var te *hotelsdk.TransportError
	var de *hotelsdk.DecodeError
	var ae *APIError
	switch {
	case errors.As(err, &te) && te.MaybeSent,
		errors.As(err, &de),
		errors.As(err, &ae) && ae.Retryable():
		return &outcomeUnknownError{err: err}
	}
	return err
}

// validateAddOrders checks an order/add request before anything is sent and
// reports every problem at once.
func validateAddOrders(req *AddOrdersRequest) error {
	v := newValidator(OpAddOrders, req == nil)
	if req == nil {
		return v.Err()
	}
	checkStore(v, req.StoreID, req.StoreNo)
	if len(req.OrderList) == 0 {
		v.Add("orderList", "at least one order is required")
	}
	for i, o := range req.OrderList {
		checkOrder(v, fmt.Sprintf("orderList[%d]", i), o)
	}
	return v.Err()
}

// checkOrder checks one order of order/add and the relations between its
// amounts.
func checkOrder(v *transport.Validator, path string, o Order) {
	checkText(v, path+".erpOrderNo", o.ErpOrderNo)
	priceOK := checkAmount(v, path+".orderPrice", o.OrderPrice, true, true)
	if len(o.Items) == 0 {
		v.Add(path+".items", "at least one item is required")
		return
	}
	// The relations below are checked only between values that passed
	// their own checks: one problem is reported once.
	sum := AmountFromFen(0)
	sumKnown := true
	for j, it := range o.Items {
		ip := fmt.Sprintf("%s.items[%d]", path, j)
		checkText(v, ip+".identifier", it.Identifier)
		qtyOK := it.Quantity.IsSet() && checkNumber(v, ip+".quantity", it.Quantity.d, false)
		unitOK := checkAmount(v, ip+".unitPrice", it.UnitPrice, false, false)
		if !checkAmount(v, ip+".totalPrice", it.TotalPrice, true, true) {
			sumKnown = false
			continue
		}
		sum = sum.Add(it.TotalPrice)
		if !qtyOK || !unitOK {
			continue
		}
		product := it.UnitPrice.Mul(it.Quantity)
		switch want := product.Round(2); {
		case it.TotalPrice.Equal(want):
		case want.Equal(product):
			v.Add(ip+".totalPrice", "must equal unitPrice × quantity: %s × %s = %s, got %s",
				it.UnitPrice, it.Quantity, product, it.TotalPrice)
		default:
			v.Add(ip+".totalPrice", "must equal unitPrice × quantity in whole fen: %s × %s = %s ≈ %s, got %s",
				it.UnitPrice, it.Quantity, product, want, it.TotalPrice)
		}
	}
	if sumKnown && priceOK && !o.OrderPrice.Equal(sum) {
		v.Add(path+".orderPrice", "must equal the sum of the items' totalPrice: %s, got %s", sum, o.OrderPrice)
	}
}
