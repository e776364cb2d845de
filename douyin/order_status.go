package douyin

import (
	"context"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

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

// updateOrderStatusResponse is Douyin's answer to /poi/order/status (spec:
// PoiOrderStatus): {"data":{"error_code","description","balance","ext"},"extra":{…}}.
type updateOrderStatusResponse struct {
	Data struct {
		Balance Fen    `json:"balance"`
		Ext     string `json:"ext"`
	} `json:"data"`
}

// UpdateOrderStatusResult is Douyin's answer to UpdateOrderStatus (spec:
// PoiOrderStatus; a failure is an *APIError instead).
type UpdateOrderStatusResult struct {
	// Balance is data.balance, an amount in fen (金额); Douyin does not say
	// of what.
	Balance Fen
	// Ext is data.ext, free-form extra information (附加信息).
	Ext string
	// RequestID is Douyin's logid of the call (extra.logid, else the
	// X-Tt-Logid header); quote it to Douyin support.
	RequestID string
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
	opts ...hotelsdk.CallOption) (*UpdateOrderStatusResult, error) {
	const op = "order.status"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	if err := validateUpdateOrderStatus(op, req); err != nil {
		return nil, err
	}
	var out updateOrderStatusResponse
	id, err := c.callWithToken(ctx, op, PathOrderStatus, req, true, &out, opts)
	if err != nil {
		return nil, err
	}
	return &UpdateOrderStatusResult{Balance: out.Data.Balance, Ext: out.Data.Ext, RequestID: id}, nil
}
