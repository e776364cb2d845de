package invoice

import (
	"context"
	"fmt"
	"strings"

	"github.com/hotelsdk/hotelsdk-go/internal/transport"
)

// validateAddOrders checks an order/add request before anything is sent and
// reports every problem at once.
func validateAddOrders(ctx context.Context, req *AddOrdersRequest) error {
	v := &transport.Validator{Platform: platform, Operation: OpAddOrders}
	if ctx == nil {
		v.Add("", "context is required")
	}
	if req == nil {
		v.Add("", "request is required")
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

// validateGetOrders checks an order/get request.
func validateGetOrders(ctx context.Context, req *GetOrdersRequest) error {
	v := &transport.Validator{Platform: platform, Operation: OpGetOrders}
	if ctx == nil {
		v.Add("", "context is required")
	}
	if req == nil {
		v.Add("", "request is required")
		return v.Err()
	}
	checkStore(v, req.StoreID, req.StoreNo)
	checkText(v, "orderBatchNo", req.OrderBatchNo)
	return v.Err()
}

// checkStore requires exactly one of storeId and storeNo.
func checkStore(v *transport.Validator, id int64, no string) {
	switch {
	case id == 0 && no == "":
		v.Add("storeId", "one of storeId and storeNo is required")
	case id != 0 && no != "":
		v.Add("storeNo", "give storeId or storeNo, not both")
	case id < 0:
		v.Add("storeId", "must be positive")
	case id == 0:
		checkText(v, "storeNo", no)
	}
}

// checkText requires a non-blank value.
func checkText(v *transport.Validator, field, s string) {
	switch {
	case s == "":
		v.Add(field, "is required")
	case strings.TrimSpace(s) == "":
		v.Add(field, "must not be blank")
	}
}

func checkOrder(v *transport.Validator, path string, o Order) {
	checkText(v, path+".erpOrderNo", o.ErpOrderNo)
	checkAmount(v, path+".orderPrice", o.OrderPrice, true)
	if len(o.Items) == 0 {
		v.Add(path+".items", "at least one item is required")
		return
	}
	sum := AmountFromFen(0)
	sumKnown := true
	for j, it := range o.Items {
		ip := fmt.Sprintf("%s.items[%d]", path, j)
		checkText(v, ip+".identifier", it.Identifier)
		if it.Quantity.IsSet() && it.Quantity.Sign() < 0 {
			v.Add(ip+".quantity", "must not be negative")
		}
		checkAmount(v, ip+".unitPrice", it.UnitPrice, false)
		checkAmount(v, ip+".totalPrice", it.TotalPrice, true)
		if !it.TotalPrice.IsSet() {
			sumKnown = false
			continue
		}
		sum = sum.Add(it.TotalPrice)
		if it.UnitPrice.IsSet() && it.Quantity.IsSet() && !totalMatches(it) {
			v.Add(ip+".totalPrice", "must equal unitPrice × quantity: %s × %s = %s, got %s",
				it.UnitPrice, it.Quantity, it.UnitPrice.Mul(it.Quantity), it.TotalPrice)
		}
	}
	if sumKnown && o.OrderPrice.IsSet() && !o.OrderPrice.Equal(sum) {
		v.Add(path+".orderPrice", "must equal the sum of the items' totalPrice: %s, got %s", sum, o.OrderPrice)
	}
}

// totalMatches reports whether totalPrice is unitPrice × quantity, exactly
// or rounded to whole fen (a unit price or quantity with more than two
// decimals gives a product the total cannot carry).
func totalMatches(it OrderItem) bool {
	p := it.UnitPrice.Mul(it.Quantity)
	return it.TotalPrice.Equal(p) || it.TotalPrice.Equal(p.Round(2))
}

func checkAmount(v *transport.Validator, field string, a Amount, required bool) {
	switch {
	case !a.IsSet():
		if required {
			v.Add(field, "is required")
		}
	case a.Sign() < 0:
		v.Add(field, "must not be negative")
	}
}
