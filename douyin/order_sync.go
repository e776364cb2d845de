package douyin

import (
	"context"
	"errors"

	"github.com/hotelsdk/hotelsdk-go/hotelsdk"
)

// OrderType is the business type of a synced order (order_type). Douyin's
// documents also list 200, 201, 202, 203, 9001, 9101, 9201 and 9301
// without a meaning; send those as OrderType(n).
type OrderType int

// OrderTypeHotel (140, 住宿订单) is the order type of a hotel stay, the only
// one Douyin's documents describe.
const OrderTypeHotel OrderType = 140

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

// syncOrderResponse is Douyin's answer to /poi/order/sync (spec:
// PoiOrderSyncRsp): {"data":{"order_id","error_code","description"},"extra":{…}}.
type syncOrderResponse struct {
	Data struct {
		OrderID string `json:"order_id"`
	} `json:"data"`
}

func (r *syncOrderResponse) check() error {
	if r.Data.OrderID == "" {
		return errors.New("data.order_id is missing")
	}
	return nil
}

// SyncOrderResult is Douyin's answer to SyncOrder (spec: PoiOrderSyncRsp;
// a failure is an *APIError instead).
type SyncOrderResult struct {
	// OrderID is data.order_id, Douyin's id of the order (抖音平台订单ID).
	OrderID string
	// RequestID is Douyin's logid of the call (extra.logid, else the
	// X-Tt-Logid header); quote it to Douyin support.
	RequestID string
}

// SyncOrder pushes an order to Douyin (POST /poi/order/sync, 订单同步) and
// returns the id Douyin gave it. The request is not modified; when its
// DateTime is zero the current time is sent.
//
// SyncOrder is declared NOT idempotent. Douyin answers a sync with an order
// id of its own, and nothing public says that pushing the same order again
// returns that id rather than recording a second order, so once a request
// may have reached Douyin it is never sent again automatically: a dropped
// connection or timeout ends in a *hotelsdk.TransportError with MaybeSent true, and
// a "system busy" answer is returned, not retried. Only a request that
// provably never left the process, and a call Douyin refused because of
// the token (2190002, 2190008: the token is refreshed and the call repeated
// once), are sent again.
func (c *Client) SyncOrder(ctx context.Context, req *SyncOrderRequest, opts ...hotelsdk.CallOption) (*SyncOrderResult, error) {
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
	var out syncOrderResponse
	id, err := c.callWithToken(ctx, op, PathOrderSync, &body, false, &out, opts)
	if err != nil {
		return nil, err
	}
	return &SyncOrderResult{OrderID: out.Data.OrderID, RequestID: id}, nil
}
