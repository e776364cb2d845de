package douyin

import "context"

// UpdateOrderStatusRequest is the body of POST /poi/order/status (spec:
// PoiOrderStatus's options): the integrator tells Douyin what became of an
// order. Status 0, ConfirmStatusConfirmed, is always sent.
type UpdateOrderStatusRequest struct {
	// OrderID is Douyin's order id (抖音订单号). Required.
	OrderID string `json:"order_id"`
	// OrderExtID is the integrator's order id (接入方订单号), the one
	// returned by the commit SPI. Required.
	OrderExtID string `json:"order_ext_id"`
	// SupplierExtID is the integrator's shop id (接入方商铺ID). Required.
	SupplierExtID string `json:"supplier_ext_id"`
	// Status is the confirmation state (订单确认状态).
	Status ConfirmStatus `json:"status"`
}

// UpdateOrderStatusResponse is Douyin's answer to UpdateOrderStatus (spec:
// PoiOrderStatus).
type UpdateOrderStatusResponse struct {
	// Data is the call's result.
	Data UpdateOrderStatusData `json:"data"`
	// Extra carries the logid and Douyin's clock.
	Extra Extra `json:"extra"`
}

// UpdateOrderStatusData is the data part of UpdateOrderStatusResponse
// (spec: PoiOrderStatusData).
type UpdateOrderStatusData struct {
	// ErrorCode is 0 in a result (a failure is an *APIError).
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
	// Balance is an amount in fen (金额); Douyin does not say of what.
	Balance Fen `json:"balance"`
	// Ext is free-form extra information (附加信息).
	Ext string `json:"ext"`
}

// UpdateOrderStatus sends an order's confirmation state to Douyin
// (POST /poi/order/status, 订单状态同步).
//
// It is declared idempotent: it sets a state, and setting the same state
// twice has the effect of setting it once, so a transport failure or a
// "system busy" answer (2100001, 2100004) is retried under the client's
// retry policy. A rejected token (2190002, 2190008) makes the client get a
// new one and repeat the call once.
func (c *Client) UpdateOrderStatus(ctx context.Context, req *UpdateOrderStatusRequest,
	opts ...CallOption) (*UpdateOrderStatusResponse, error) {
	const op = "order.status"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	if err := validateUpdateOrderStatus(op, req); err != nil {
		return nil, err
	}
	var out UpdateOrderStatusResponse
	if err := c.callWithToken(ctx, op, PathOrderStatus, req, true, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
