package invoice

import (
	"context"
	"fmt"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// PathGetOrders is order/get's path, relative to the base URL.
const PathGetOrders = "/openapi/order/get"

// OpGetOrders names order/get in errors, logs and hooks.
const OpGetOrders = "order.get"

// GetOrdersRequest is the body of order/get (获取订单信息) without the
// authentication parameters. Give exactly one of StoreID and StoreNo.
type GetOrdersRequest struct {
	// StoreID is the platform's store id; 0 means absent.
	StoreID int64 `json:"storeId,omitempty"`
	// StoreNo is the caller's own store number.
	StoreNo string `json:"storeNo,omitempty"`
	// OrderBatchNo is the number AddOrders returned, required.
	OrderBatchNo string `json:"orderBatchNo"`
}

// GetOrdersResult is what order/get returns. The platform's envelope
// carries no request id (only code, message and data), so, unlike the
// other packages' results, it has no RequestID field.
type GetOrdersResult struct {
	// Orders are the batch's orders; empty (not nil) when there are none.
	// An order with a field the SDK could not read (a date in an unknown
	// form) is still here, with the field's raw text and OrderRecord.Errors.
	Orders []OrderRecord
}

// FieldErrors returns the problems of every order in Orders, with paths
// such as "data[2].beginDate"; nil when every field was read.
func (r *GetOrdersResult) FieldErrors() []hotelsdk.FieldError {
	if r == nil {
		return nil
	}
	var out []hotelsdk.FieldError
	for i, o := range r.Orders {
		for _, e := range o.Errors {
			out = append(out, hotelsdk.FieldError{Field: fmt.Sprintf("data[%d].%s", i, e.Field), Message: e.Message})
		}
	}
	return out
}

// GetOrders reads a submitted batch back (POST /openapi/order/get): the
// stored orders with their detail lines. It is safe to retry; every attempt
// is signed anew. A batch the platform answers with no data yields an empty
// Orders.
func (c *Client) GetOrders(ctx context.Context, req *GetOrdersRequest, opts ...hotelsdk.CallOption) (*GetOrdersResult, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if err := validateGetOrders(req); err != nil {
		return nil, err
	}
	orders, err := call[OrderList](ctx, c, OpGetOrders, PathGetOrders, req, true, opts, nil)
	if err != nil {
		return nil, err
	}
	if orders == nil {
		orders = OrderList{}
	}
	return &GetOrdersResult{Orders: orders}, nil
}

// validateGetOrders checks an order/get request.
func validateGetOrders(req *GetOrdersRequest) error {
	v := newValidator(OpGetOrders, req == nil)
	if req == nil {
		return v.Err()
	}
	checkStore(v, req.StoreID, req.StoreNo)
	checkText(v, "orderBatchNo", req.OrderBatchNo)
	return v.Err()
}
