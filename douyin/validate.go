package douyin

import (
	"encoding/json"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// minMillis is 2001-09-09 in milliseconds: a date_time below it is almost
// certainly seconds sent where Douyin wants milliseconds.
const minMillis = 1_000_000_000_000

func newValidator(op string) *transport.Validator {
	return &transport.Validator{Platform: "douyin", Operation: op}
}

func nilRequest(op string) error {
	v := newValidator(op)
	v.Add("", "request is nil")
	return v.Err()
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

// validateUpdateOrderStatus checks an order-status push. All three ids are
// required: every SPI call Douyin makes about an order carries them, so the
// integrator always has them, and they are how Douyin finds the order.
func validateUpdateOrderStatus(op string, r *UpdateOrderStatusRequest) error {
	if r == nil {
		return nilRequest(op)
	}
	v := newValidator(op)
	v.Check(!blank(r.OrderID), "order_id", "is required")
	v.Check(!blank(r.OrderExtID), "order_ext_id", "is required")
	v.Check(!blank(r.SupplierExtID), "supplier_ext_id", "is required")
	v.Check(r.Status.Valid(), "status", "must be 0 (confirmed), 1 (price changed), 2 (sold out) or 3 (confirming), got %d", int(r.Status))
	return v.Err()
}

// validateSyncOrder checks an order push.
func validateSyncOrder(op string, r *SyncOrderRequest) error {
	if r == nil {
		return nilRequest(op)
	}
	v := newValidator(op)
	v.Check(r.OrderType > 0, "order_type", "is required (e.g. 140 for a hotel order)")
	switch {
	case r.DateTime < 0:
		v.Add("date_time", "must not be negative")
	case r.DateTime > 0 && r.DateTime < minMillis:
		v.Add("date_time", "must be milliseconds since the epoch (this looks like seconds)")
	}
	if blank(r.OrderDetail) {
		v.Add("order_detail", "is required")
	} else if !isJSONObject(r.OrderDetail) {
		// The detail may hold personal data: never quote it.
		v.Add("order_detail", "must be a JSON-encoded object (see SetOrderDetail)")
	}
	v.Check(!blank(r.ExtShopInfo.ExtShopID), "ext_shop_info.ext_shop_id", "is required")
	if r.MiniApp != nil {
		v.Check(!blank(r.MiniApp.AppID), "mini_app.app_id", "is required when mini_app is set")
		v.Check(!blank(r.MiniApp.UserOpenID), "mini_app.user_open_id", "is required when mini_app is set")
	}
	return v.Err()
}

func isJSONObject(s string) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal([]byte(s), &m) == nil && m != nil
}
