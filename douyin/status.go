package douyin

// ConfirmStatus is the integrator's answer about an order: sent to Douyin
// with UpdateOrderStatus and returned in the payment and cancel SPI replies
// (the spec's cancel reply reuses the payment reply's data). Its zero
// value, ConfirmStatusConfirmed, is meaningful and is always sent.
type ConfirmStatus int

// Confirmation states (订单确认状态).
const (
	ConfirmStatusConfirmed    ConfirmStatus = 0 // 订单确认
	ConfirmStatusPriceChanged ConfirmStatus = 1 // 价格变动
	ConfirmStatusSoldOut      ConfirmStatus = 2 // 库存不足
	ConfirmStatusConfirming   ConfirmStatus = 3 // 确认中
)

// Valid reports whether s is one of the documented states.
func (s ConfirmStatus) Valid() bool {
	return s >= ConfirmStatusConfirmed && s <= ConfirmStatusConfirming
}

// String returns the state's name.
func (s ConfirmStatus) String() string {
	switch s {
	case ConfirmStatusConfirmed:
		return "confirmed"
	case ConfirmStatusPriceChanged:
		return "price-changed"
	case ConfirmStatusSoldOut:
		return "sold-out"
	case ConfirmStatusConfirming:
		return "confirming"
	}
	return "unknown"
}

// PayStatus is an order's payment state as Douyin reports it in SPI calls.
type PayStatus int

// Payment states (订单支付状态). In a payment-status notification Douyin
// sends PayStatusPaid (付款成功).
const (
	PayStatusUnpaid PayStatus = 0 // 未支付
	PayStatusPaid   PayStatus = 1 // 已支付
)

// String returns the state's name.
func (s PayStatus) String() string {
	switch s {
	case PayStatusUnpaid:
		return "unpaid"
	case PayStatusPaid:
		return "paid"
	}
	return "unknown"
}
