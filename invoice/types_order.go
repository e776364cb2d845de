package invoice

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

// AddOrdersResult is what order/add returns.
type AddOrdersResult struct {
	// OrderBatchNo is the batch number (订单批次号) to read the orders back
	// with GetOrders.
	OrderBatchNo string
}

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

// GetOrdersResult is what order/get returns.
type GetOrdersResult struct {
	// Orders are the batch's orders; empty (not nil) when there are none.
	Orders []OrderRecord
}
