package douyin

import (
	"context"
	"errors"
)

// OrderType is the business type of a synced order (order_type).
type OrderType int

// Order types documented for /poi/order/sync. Only 140 is described by
// Douyin's documents; the others are listed there without a meaning.
const (
	OrderTypeHotel OrderType = 140 // 住宿订单
	OrderType200   OrderType = 200
	OrderType201   OrderType = 201
	OrderType202   OrderType = 202
	OrderType203   OrderType = 203
	OrderType9001  OrderType = 9001
	OrderType9101  OrderType = 9101
	OrderType9201  OrderType = 9201
	OrderType9301  OrderType = 9301
)

// SyncOrderRequest is the body of POST /poi/order/sync (the spec's
// InlineObject40): the integrator pushes an order to Douyin.
type SyncOrderRequest struct {
	// OrderType is the business type; OrderTypeHotel for hotel stays. Required.
	OrderType OrderType `json:"order_type"`
	// DateTime is the time of the request in milliseconds since the epoch.
	// SyncOrder fills it with the current time when it is zero.
	DateTime int64 `json:"date_time"`
	// OrderDetail is a JSON-encoded object whose schema depends on the
	// order type. Fill it with SetOrderDetail (for hotel orders with a
	// HotelOrderDetail). Required.
	OrderDetail string `json:"order_detail"`
	// ExtShopInfo names the shop the order belongs to. Required.
	ExtShopInfo ExtShopInfo `json:"ext_shop_info"`
	// MiniApp is set only by mini-app integrations; nil leaves it out.
	MiniApp *MiniApp `json:"mini_app,omitempty"`
}

// ExtShopInfo identifies the shop of a synced order.
type ExtShopInfo struct {
	// ExtShopID is the integrator's shop id (外部商户ID). Required.
	ExtShopID string `json:"ext_shop_id"`
	// ShopID is Douyin's shop id (抖音商户ID), when known.
	ShopID string `json:"shop_id,omitempty"`
}

// MiniApp identifies the mini app and user of a mini-app order.
type MiniApp struct {
	// AppID is the mini app's id. Required when MiniApp is set.
	AppID string `json:"app_id"`
	// UserOpenID is the user's open id in the mini app. Required when
	// MiniApp is set.
	UserOpenID string `json:"user_open_id"`
}

// SyncOrderResponse is Douyin's answer to SyncOrder (spec: PoiOrderSyncRsp).
type SyncOrderResponse struct {
	// Data is the call's result.
	Data SyncOrderData `json:"data"`
	// Extra carries the logid and Douyin's clock.
	Extra Extra `json:"extra"`
}

// SyncOrderData is the data part of SyncOrderResponse (spec:
// PoiOrderSyncRspData).
type SyncOrderData struct {
	// OrderID is Douyin's id of the order (抖音平台订单ID).
	OrderID string `json:"order_id"`
	// ErrorCode is 0 in a result (a failure is an *APIError).
	ErrorCode   Code   `json:"error_code"`
	Description string `json:"description"`
}

func (r *SyncOrderResponse) check() error {
	if r.Data.OrderID == "" {
		return errors.New("data.order_id is missing")
	}
	return nil
}

// SyncOrder pushes an order to Douyin (POST /poi/order/sync, 订单同步) and
// returns the id Douyin gave it. The request is not modified; when its
// DateTime is zero the current time is sent.
//
// SyncOrder is declared NOT idempotent. Douyin answers a sync with an order
// id of its own, and nothing public says that pushing the same order again
// returns that id rather than recording a second order, so once a request
// may have reached Douyin it is never sent again automatically: a dropped
// connection or timeout ends in a *TransportError with MaybeSent true, and
// a "system busy" answer is returned, not retried. Only a request that
// provably never left the process, and a call Douyin refused because of
// the token (2190002, 2190008: the token is refreshed and the call repeated
// once), are sent again.
func (c *Client) SyncOrder(ctx context.Context, req *SyncOrderRequest, opts ...CallOption) (*SyncOrderResponse, error) {
	const op = "order.sync"
	if err := c.ready(op); err != nil {
		return nil, err
	}
	if err := validateSyncOrder(op, req); err != nil {
		return nil, err
	}
	body := *req
	if body.DateTime == 0 {
		body.DateTime = c.now().UnixMilli()
	}
	var out SyncOrderResponse
	if err := c.callWithToken(ctx, op, PathOrderSync, &body, false, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
